// The provision stage: a controller and N subnodes for one devstack deployment booted through
// the cloud's API, and the state folder the run and cleanup stages read (node addresses, the
// run's SSH key, devstack's passwords, the run's token; secrets mode 0600). On failure, cancel
// or timeout the run's resources are deleted before the error is thrown.
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../core/errors.ts';
import { SECRETS_PATH } from '../core/provision/local-conf.ts';
import type { RunIdentity } from '../core/provision/plan.ts';
import type { Token } from '../edges/openstack/keystone.ts';
import { provision, type ProvisionOptions, type ProvisionResult } from '../edges/openstack/provisioner.ts';
import { readText } from '../edges/files.ts';
import { openSession, type ResolvedCloud } from './cloud.ts';

/** What the provision stage leaves for run and cleanup (provision.json in the state folder). */
export interface ProvisionState {
  runId: string;
  cloud: string;
  region: string;
  createdAt: string;
  deadline: string;
  flavor: string;
  image: string;
  network: string;
  keypair: string;
  /** The run's security group (created: ours, deleted with the run; else one the user named). */
  securityGroup?: { id: string; name: string; created: boolean };
  /** file names relative to the state folder */
  privateKeyFile: string;
  secretsFile: string;
  /** where the run step must copy secretsFile on every node */
  secretsPathOnNodes: string;
  nodes: { role: string; name: string; id: string; ip: string; floatingIp?: string | undefined; attempts: number }[];
}

/** The run's token, for cleanup to reuse (one token per run); a secret: mode 0600, never logged. */
export const TOKEN_FILE = 'token.json';
export const STATE_FILE = 'provision.json';

export interface ProvisionStageOptions extends Omit<ProvisionOptions, 'session' | 'run' | 'signal' | 'onProgress'> {
  cloud: ResolvedCloud;
  run: RunIdentity;
  /** The state folder (absolute). */
  stateDir: string;
  signal: AbortSignal;
  log: (line: string) => void;
}

export interface Provisioned {
  state: ProvisionState;
  stateDir: string;
  elapsedMs: number;
  apiCalls: number;
  tokens: number;
}

async function writeState(dir: string, result: ProvisionResult, state: ProvisionState, token: Token | undefined): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const secret = async (name: string, text: string): Promise<void> => {
    const file = join(dir, name);
    await writeFile(file, text, { mode: 0o600 });
    await chmod(file, 0o600);
  };
  await secret(state.privateKeyFile, result.keypair.privateKey);
  await secret(
    state.secretsFile,
    Object.entries(result.devstackSecrets)
      .map(([k, v]) => `${k}=${v}\n`)
      .join(''),
  );
  if (token) await secret(TOKEN_FILE, JSON.stringify({ cloud: state.cloud, region: state.region, token }));
  await writeFile(join(dir, STATE_FILE), `${JSON.stringify(state, null, 2)}\n`);
}

export async function provisionStage(options: ProvisionStageOptions): Promise<Provisioned> {
  const { cloud, run, stateDir, log, ...rest } = options;
  const session = openSession(cloud, log, rest.signal);
  try {
    const result = await provision({ ...rest, session, run, onProgress: log });
    const state: ProvisionState = {
      runId: run.runId,
      cloud: cloud.name,
      region: cloud.regionName,
      createdAt: run.createdAt,
      deadline: run.deadline,
      flavor: result.flavor.name,
      image: result.image.name,
      network: result.network.name,
      keypair: result.keypair.name,
      securityGroup: result.securityGroup,
      privateKeyFile: 'id_ed25519',
      secretsFile: 'devstack-secrets.env',
      secretsPathOnNodes: SECRETS_PATH,
      nodes: result.nodes.map((n) => ({ role: n.role, name: n.name, id: n.id, ip: n.ip, floatingIp: n.floatingIp, attempts: n.attempts })),
    };
    await writeState(stateDir, result, state, session.keystone.peek());
    return { state, stateDir, elapsedMs: result.elapsedMs, apiCalls: session.http.calls, tokens: session.keystone.tokensIssued };
  } finally {
    await session.close();
  }
}

/** The state a provision stage wrote; a UserError names the file when it is not that. */
export async function loadProvisionState(dir: string): Promise<ProvisionState> {
  const file = join(dir, STATE_FILE);
  const text = await readText(file);
  let state: ProvisionState;
  try {
    state = JSON.parse(text) as ProvisionState;
  } catch (err) {
    throw new UserError(`not valid JSON: ${(err as Error).message}`, { place: { file } });
  }
  if (
    typeof state !== 'object' ||
    state === null ||
    typeof state.runId !== 'string' ||
    !Array.isArray(state.nodes) ||
    !state.nodes.some((n) => n.role === 'controller')
  ) {
    throw new UserError('not a provision state (no runId, or no controller in nodes)', { place: { file } });
  }
  return state;
}
