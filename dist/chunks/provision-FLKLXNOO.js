import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  CLOUD_HELP,
  CLOUD_OPTIONS,
  cloudFromArgs
} from "./chunk-7YCKZ275.js";
import {
  flag,
  str,
  strs,
  wholeOption,
  writeJson
} from "./chunk-FDIOAVOA.js";
import {
  provisionStage
} from "./chunk-ER65E557.js";
import {
  isValidRunId,
  newRunId
} from "./chunk-BRQWLC3M.js";
import "./chunk-FYXSTOGF.js";
import {
  SECRETS_PATH,
  parseDuration,
  parseLocalrcEntries
} from "./chunk-BRVH2MLK.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-P2FODZ67.js";
import "./chunk-AOIPOV6R.js";
import {
  EXIT,
  usageError
} from "./chunk-MY7TWMR2.js";
import "./chunk-NQJFE2ZZ.js";

// src/cli/commands/provision.ts
import { join, resolve } from "node:path";
function securityGroupFromArgs(name, sshCidr) {
  if (name !== void 0 && sshCidr !== void 0) throw usageError("give --security-group or --ssh-cidr, not both (a group you name keeps its own rules)");
  return name !== void 0 ? { name } : { create: true, sshCidr };
}
var provisionCommand = {
  name: "provision",
  holds: "the servers, ports and keypair it made",
  summary: "Boot a controller and N subnodes forming one devstack deployment; clean up on any failure.",
  usage: "--image NAME|ID [--flavor NAME|ID | --min-ram MB] [--subnodes N] [options]",
  options: {
    ...CLOUD_OPTIONS,
    image: { type: "string" },
    flavor: { type: "string" },
    "min-ram": { type: "string" },
    subnodes: { type: "string" },
    network: { type: "string" },
    "floating-network": { type: "string" },
    "security-group": { type: "string" },
    "ssh-cidr": { type: "string" },
    "run-id": { type: "string" },
    repo: { type: "string" },
    change: { type: "string" },
    "boot-timeout": { type: "string" },
    timeout: { type: "string" },
    "state-dir": { type: "string" },
    "devstack-repo": { type: "string" },
    "devstack-branch": { type: "string" },
    localrc: { type: "string", multiple: true },
    "keep-on-failure": { type: "boolean" }
  },
  help: `Servers:
      --image NAME|ID          image to boot (required)
      --flavor NAME|ID         flavor; or
      --min-ram MB             the smallest flavor with at least this much RAM (default 8192)
      --subnodes N             subnodes besides the controller (default 1, as devstack's two-node jobs)
      --network NAME|ID        network for the nodes (default: the project's only non-external one)
      --floating-network NAME  give the controller a floating IP on this external network
      --security-group NAME|ID use this security group on every port (kept); default: a group made
                               for the run (SSH from --ssh-cidr, all traffic between the run's
                               nodes), tagged and deleted with the run
      --ssh-cidr CIDR          where SSH may come from into the run's group (default 0.0.0.0/0)
Run:
      --run-id ID              [a-z0-9-], at most 32 characters (default: a new one)
      --repo OWNER/NAME        repository under test, recorded on every resource
      --change ID              change under test (pull request, Gerrit change, SHA), recorded too
      --boot-timeout DURATION  per server, from creation to ACTIVE (default 15m)
      --timeout DURATION       the whole provisioning (default 30m)
      --state-dir DIR          where provision.json, the SSH key, devstack's passwords and the
                               run's token (for cleanup --state) go (default
                               .tempest-gate/runs/<run-id>; the secrets mode 0600)
      --devstack-repo URL      devstack to install (default https://opendev.org/openstack/devstack)
      --devstack-branch NAME   its branch (default master)
      --localrc KEY=VALUE      an extra devstack localrc setting on every node, repeatable; e.g.
                               NOVA_REPO=https://github.com/me/nova.git NOVA_BRANCH=<sha> to deploy
                               the change under test (devstack's passwords are refused)
      --keep-on-failure        leave the resources when provisioning fails (debugging)
${CLOUD_HELP}
Every server, port and floating IP is tagged 'tempest-gate' and 'tempest-gate-run-<id>' and
carries the run id, role, creation time, repository and change from the moment it exists.
Devstack's passwords are never in user-data: each node waits for ${SECRETS_PATH},
which the run step copies from the state folder.
Progress (nodes booted n/N, retries) goes to standard error.
Exit codes:
  0  every node ACTIVE; the state folder written
  2  usage error, unknown cloud/region, missing image, flavor or network (what exists is listed)
  3  a broken clouds.yaml or secure.yaml (file and line)
  4  the cloud failed: credentials refused, quota exceeded, a server in ERROR twice, a timeout,
     cancelled; the run's resources were deleted before exiting`,
  async run(args, io) {
    const image = str(args, "image");
    if (!image) throw usageError("missing --image NAME|ID (see --help)");
    const flavorName = str(args, "flavor");
    const minRamText = str(args, "min-ram");
    if (flavorName && minRamText) throw usageError("give --flavor or --min-ram, not both");
    const minRamMb = wholeOption(args, "min-ram", { min: 0, fallback: 8192 });
    const subnodes = wholeOption(args, "subnodes", { min: 0, fallback: 1 });
    const bootTimeoutMs = parseDuration(str(args, "boot-timeout") ?? "15m", "--boot-timeout");
    const timeoutMs = parseDuration(str(args, "timeout") ?? "30m", "--timeout");
    const extraLocalrc = parseLocalrcEntries(strs(args, "localrc"), "--localrc");
    const now = Date.now();
    const runId = str(args, "run-id") ?? newRunId(now, Math.random);
    if (!isValidRunId(runId)) throw usageError(`--run-id must be lowercase letters, digits and '-', at most 32 characters, not '${runId}'`);
    const json = flag(args, "json");
    const say = (line) => io.stderr.write(`${line}
`);
    const cloud = cloudFromArgs(args, io);
    const run = {
      runId,
      repo: str(args, "repo"),
      change: str(args, "change"),
      createdAt: new Date(now).toISOString(),
      deadline: new Date(now + timeoutMs).toISOString()
    };
    const stateDir = resolve(io.cwd, str(args, "state-dir") ?? join(".tempest-gate", "runs", runId));
    const signal = AbortSignal.any([io.signal, AbortSignal.timeout(timeoutMs)]);
    const done = await provisionStage({
      cloud,
      run,
      stateDir,
      subnodes,
      flavor: flavorName ? { name: flavorName } : { minRamMb },
      image,
      network: str(args, "network"),
      floatingNetwork: str(args, "floating-network"),
      securityGroup: securityGroupFromArgs(str(args, "security-group"), str(args, "ssh-cidr")),
      bootTimeoutMs,
      signal,
      log: say,
      keepOnFailure: flag(args, "keep-on-failure"),
      devstack: { devstackRepo: str(args, "devstack-repo"), devstackBranch: str(args, "devstack-branch"), extraLocalrc }
    });
    const { state } = done;
    if (json) writeJson(io, { ...state, stateDir, elapsedMs: done.elapsedMs, apiCalls: done.apiCalls, tokens: done.tokens });
    else {
      io.stdout.write(`run ${runId}: ${state.nodes.length} nodes ACTIVE in ${(done.elapsedMs / 1e3).toFixed(1)} s (${done.apiCalls} API calls)
`);
      for (const n of state.nodes)
        io.stdout.write(
          `  ${n.role.padEnd(10)} ${n.name}  ${n.ip}${n.floatingIp ? `  floating ${n.floatingIp}` : ""}${n.attempts > 1 ? "  (second attempt)" : ""}
`
        );
      io.stdout.write(`state: ${stateDir}/provision.json
`);
    }
    return EXIT.ok;
  }
};
export {
  provisionCommand
};
