import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  EXIT,
  UserError
} from "./chunk-MY7TWMR2.js";

// data/devstack-multinode-localconf.json
var devstack_multinode_localconf_default = {
  _origin: {
    repo: "openstack/devstack",
    path: ".zuul.yaml",
    commit: "493835a61a996731a7031861f80c7629acd5d6f2",
    license: "Apache-2.0",
    note: "Machine-generated extract: job.vars (controller) and job.group-vars.subnode deep-merged along devstack-base -> devstack-minimal -> devstack -> devstack-multinode, as Zuul merges vars on inheritance. Values with {{ }} are Ansible/Jinja expressions resolved per host (nodepool private_ipv4). devstack_services: base=false emits disable_all_services; true -> enable_service, false -> disable_service (roles/write-devstack-local-conf)."
  },
  nodeset: {
    name: "openstack-two-node-noble",
    nodes: [
      {
        name: "controller",
        label: "ubuntu-noble"
      },
      {
        name: "compute1",
        label: "ubuntu-noble"
      }
    ],
    groups: [
      {
        name: "tempest",
        nodes: [
          "controller"
        ]
      },
      {
        name: "compute",
        nodes: [
          "controller",
          "compute1"
        ]
      },
      {
        name: "subnode",
        nodes: [
          "compute1"
        ]
      },
      {
        name: "switch",
        nodes: [
          "controller"
        ]
      },
      {
        name: "peers",
        nodes: [
          "compute1"
        ]
      }
    ]
  },
  parent_of_devstack_base: "openstack-multinode-fips",
  playbooks: {
    "pre-run": "playbooks/pre.yaml",
    run: "playbooks/devstack.yaml",
    "post-run": "playbooks/post.yaml"
  },
  controller: {
    devstack_localrc: {
      DATABASE_PASSWORD: "secretdatabase",
      RABBIT_PASSWORD: "secretrabbit",
      ADMIN_PASSWORD: "secretadmin",
      SERVICE_PASSWORD: "secretservice",
      NETWORK_GATEWAY: "10.1.0.1",
      FIXED_RANGE: "10.1.0.0/20",
      IPV4_ADDRS_SAFE_TO_USE: "10.1.0.0/20",
      FLOATING_RANGE: "172.24.5.0/24",
      PUBLIC_NETWORK_GATEWAY: "172.24.5.1",
      LOGFILE: "/opt/stack/logs/devstacklog.txt",
      LOG_COLOR: false,
      VERBOSE: true,
      VERBOSE_NO_TIMESTAMP: true,
      ERROR_ON_CLONE: true,
      LIBVIRT_TYPE: '{{ devstack_libvirt_type | default("qemu") }}',
      SERVICE_HOST: "{{ hostvars['controller']['nodepool']['private_ipv4'] }}",
      HOST_IP: "{{ hostvars['controller']['nodepool']['private_ipv4'] }}",
      PUBLIC_BRIDGE_MTU: "{{ external_bridge_mtu }}",
      SWIFT_REPLICAS: 1,
      SWIFT_START_ALL_SERVICES: false,
      SWIFT_HASH: 1234123412341234,
      DEBUG_LIBVIRT_COREDUMPS: true,
      NOVA_VNC_ENABLED: true,
      OVN_DBS_LOG_LEVEL: "dbg",
      ENABLE_SYSCTL_MEM_TUNING: true,
      ENABLE_SYSCTL_NET_TUNING: true,
      NOVA_LIBVIRT_TB_CACHE_SIZE: 128,
      ENABLE_ZSWAP: true
    },
    devstack_services: {
      base: false,
      dstat: false,
      etcd3: true,
      memory_tracker: true,
      file_tracker: true,
      mysql: true,
      rabbit: true,
      "openstack-cli-server": true,
      "tls-proxy": true,
      key: true,
      "g-api": true,
      "n-api": true,
      "n-api-meta": true,
      "n-cond": true,
      "n-cpu": true,
      "n-novnc": true,
      "n-sch": true,
      "placement-api": true,
      "ovn-controller": true,
      "ovn-northd": true,
      "ovs-vswitchd": true,
      "ovsdb-server": true,
      "q-svc": true,
      "q-ovn-agent": true,
      "s-account": true,
      "s-container": true,
      "s-object": true,
      "s-proxy": true,
      "c-api": true,
      "c-bak": true,
      "c-sch": true,
      "c-vol": true,
      horizon: false,
      tempest: false
    },
    devstack_local_conf: {
      "post-config": {
        $NEUTRON_CONF: {
          DEFAULT: {
            global_physnet_mtu: "{{ external_bridge_mtu }}"
          }
        }
      }
    },
    configure_swap_size: 8192
  },
  subnode: {
    devstack_localrc: {
      DATABASE_PASSWORD: "secretdatabase",
      RABBIT_PASSWORD: "secretrabbit",
      ADMIN_PASSWORD: "secretadmin",
      SERVICE_PASSWORD: "secretservice",
      NETWORK_GATEWAY: "10.1.0.1",
      FIXED_RANGE: "10.1.0.0/20",
      IPV4_ADDRS_SAFE_TO_USE: "10.1.0.0/20",
      FLOATING_RANGE: "172.24.5.0/24",
      PUBLIC_NETWORK_GATEWAY: "172.24.5.1",
      LOGFILE: "/opt/stack/logs/devstacklog.txt",
      LOG_COLOR: false,
      VERBOSE: true,
      VERBOSE_NO_TIMESTAMP: true,
      ERROR_ON_CLONE: true,
      LIBVIRT_TYPE: "qemu",
      HOST_IP: "{{ hostvars[inventory_hostname]['nodepool']['private_ipv4'] }}",
      SERVICE_HOST: "{{ hostvars['controller']['nodepool']['private_ipv4'] }}",
      PUBLIC_BRIDGE_MTU: "{{ external_bridge_mtu }}",
      DATABASE_TYPE: "mysql",
      RABBIT_HOST: "{{ hostvars['controller']['nodepool']['private_ipv4'] }}",
      DATABASE_HOST: "{{ hostvars['controller']['nodepool']['private_ipv4'] }}",
      GLANCE_HOSTPORT: "{{ hostvars['controller']['nodepool']['private_ipv4'] }}:9292",
      Q_HOST: "{{ hostvars['controller']['nodepool']['private_ipv4'] }}",
      NOVA_VNC_ENABLED: true,
      ENABLE_CHASSIS_AS_GW: false,
      ENABLE_SYSCTL_MEM_TUNING: true,
      ENABLE_SYSCTL_NET_TUNING: true,
      ENABLE_ZSWAP: true,
      NOVA_LIBVIRT_TB_CACHE_SIZE: 128
    },
    devstack_services: {
      base: false,
      dstat: false,
      memory_tracker: true,
      file_tracker: true,
      "openstack-cli-server": true,
      "tls-proxy": true,
      "n-cpu": true,
      "placement-client": true,
      "ovn-controller": true,
      "ovs-vswitchd": true,
      "ovsdb-server": true,
      "q-ovn-agent": true,
      "c-bak": true,
      "c-vol": true,
      horizon: false,
      tempest: false
    }
  },
  diff: {
    localrc_only_on_subnode: {
      DATABASE_TYPE: "mysql",
      RABBIT_HOST: "{{ hostvars['controller']['nodepool']['private_ipv4'] }}",
      DATABASE_HOST: "{{ hostvars['controller']['nodepool']['private_ipv4'] }}",
      GLANCE_HOSTPORT: "{{ hostvars['controller']['nodepool']['private_ipv4'] }}:9292",
      Q_HOST: "{{ hostvars['controller']['nodepool']['private_ipv4'] }}",
      ENABLE_CHASSIS_AS_GW: false
    },
    localrc_differs: {
      LIBVIRT_TYPE: {
        controller: '{{ devstack_libvirt_type | default("qemu") }}',
        subnode: "qemu"
      },
      HOST_IP: {
        controller: "{{ hostvars['controller']['nodepool']['private_ipv4'] }}",
        subnode: "{{ hostvars[inventory_hostname]['nodepool']['private_ipv4'] }}"
      }
    },
    services_enabled_controller_only: [
      "c-api",
      "c-sch",
      "etcd3",
      "g-api",
      "key",
      "mysql",
      "n-api",
      "n-api-meta",
      "n-cond",
      "n-novnc",
      "n-sch",
      "ovn-northd",
      "placement-api",
      "q-svc",
      "rabbit",
      "s-account",
      "s-container",
      "s-object",
      "s-proxy"
    ],
    services_enabled_subnode: [
      "c-bak",
      "c-vol",
      "file_tracker",
      "memory_tracker",
      "n-cpu",
      "openstack-cli-server",
      "ovn-controller",
      "ovs-vswitchd",
      "ovsdb-server",
      "placement-client",
      "q-ovn-agent",
      "tls-proxy"
    ]
  }
};

// src/core/provision/local-conf.ts
var DEVSTACK_MULTINODE = devstack_multinode_localconf_default;
var SECRET_LOCALRC_KEYS = ["DATABASE_PASSWORD", "RABBIT_PASSWORD", "ADMIN_PASSWORD", "SERVICE_PASSWORD"];
var LOCALRC_DEFAULTS = { ERROR_ON_CLONE: "False" };
var CONTROLLER_SERVICE_DEFAULTS = { tempest: true };
var SECRETS_PATH = "/etc/tempest-gate/devstack-secrets.env";
function resolveJinja(value, o) {
  const text = typeof value === "boolean" ? value ? "True" : "False" : String(value);
  return text.replace(/\{\{\s*([^}]+?)\s*\}\}/g, (whole, expr) => {
    if (/^hostvars\['controller'\]\['nodepool'\]\['private_ipv4'\]$/.test(expr)) return o.controllerIp;
    if (/^hostvars\[inventory_hostname\]\['nodepool'\]\['private_ipv4'\]$/.test(expr)) return o.selfIp;
    if (/^devstack_libvirt_type\b/.test(expr)) return o.libvirtType ?? "qemu";
    if (expr === "external_bridge_mtu") return String(o.externalBridgeMtu ?? 1400);
    throw new Error(`devstack template: unknown expression ${whole}`);
  });
}
function shellValue(v) {
  return /^[A-Za-z0-9_./:@%+,-]*$/.test(v) ? v : `"${v.replace(/(["\\$`])/g, "\\$1")}"`;
}
function renderLocalConf(o) {
  const t = o.template ?? DEVSTACK_MULTINODE;
  const vars = o.role === "controller" ? t.controller : t.subnode;
  const lines = ["[[local|localrc]]", `# generated by tempest-gate for the ${o.role}; passwords come from the file below`, `source ${SECRETS_PATH}`];
  const extra = o.extraLocalrc ?? {};
  for (const [k, v] of Object.entries(vars.devstack_localrc)) {
    if (SECRET_LOCALRC_KEYS.includes(k) || Object.hasOwn(extra, k)) continue;
    lines.push(`${k}=${shellValue(Object.hasOwn(LOCALRC_DEFAULTS, k) ? LOCALRC_DEFAULTS[k] : resolveJinja(v, o))}`);
  }
  for (const [k, v] of Object.entries(LOCALRC_DEFAULTS)) {
    if (!Object.hasOwn(vars.devstack_localrc, k) && !Object.hasOwn(extra, k)) lines.push(`${k}=${shellValue(v)}`);
  }
  for (const [k, v] of Object.entries(extra)) lines.push(`${k}=${shellValue(v)}`);
  const services = o.role === "controller" ? { ...vars.devstack_services, ...CONTROLLER_SERVICE_DEFAULTS } : vars.devstack_services;
  if (services.base === false) lines.push("disable_all_services");
  for (const [name, on] of Object.entries(services)) {
    if (name === "base") continue;
    lines.push(`${on ? "enable_service" : "disable_service"} ${name}`);
  }
  const sections = vars.devstack_local_conf ?? {};
  for (const [phase, files] of Object.entries(sections)) {
    for (const [file, groups] of Object.entries(files)) {
      lines.push("", `[[${phase}|${file}]]`);
      for (const [group, opts] of Object.entries(groups)) {
        lines.push(`[${group}]`);
        for (const [k, v] of Object.entries(opts)) lines.push(`${k} = ${resolveJinja(v, o)}`);
      }
    }
  }
  if (o.role === "controller") {
    lines.push("", "[[test-config|$TEMPEST_CONFIG]]", "[compute]", `min_compute_nodes = ${o.computeNodes}`);
  }
  return `${lines.join("\n")}
`;
}
function parseLocalrcEntries(entries, source) {
  const out = {};
  for (const entry of entries) {
    const eq = entry.indexOf("=");
    const key = eq < 0 ? entry : entry.slice(0, eq);
    if (eq < 0 || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
      throw new UserError(`${source}: '${entry.length > 60 ? `${entry.slice(0, 60)}\u2026` : entry}' is not KEY=VALUE with a shell variable name as KEY`, {
        exitCode: EXIT.usage
      });
    }
    if (SECRET_LOCALRC_KEYS.includes(key)) {
      throw new UserError(`${source}: ${key} is one of devstack's passwords: tempest-gate generates them and never puts them in user-data`, {
        exitCode: EXIT.usage
      });
    }
    const value = entry.slice(eq + 1);
    if (/[\n\r\0]/.test(value)) throw new UserError(`${source}: the value of ${key} holds a line break`, { exitCode: EXIT.usage });
    out[key] = value;
  }
  return out;
}
function changeUnderTestLocalrc(o) {
  const name = o.headRepo.split("/").pop() ?? o.headRepo;
  const prefix = name.toUpperCase().replace(/[^A-Z0-9]+/g, "_").replace(/^_+|_+$/g, "");
  if (prefix === "") return {};
  return { [`${prefix}_REPO`]: `${o.serverUrl.replace(/\/+$/, "")}/${o.headRepo}.git`, [`${prefix}_BRANCH`]: o.headSha };
}

// src/core/provision/sweep.ts
function ms(iso) {
  if (!iso) return void 0;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : void 0;
}
function decideSweep(found, o) {
  const byRun = /* @__PURE__ */ new Map();
  for (const r of found) {
    const key = r.runId ?? `(no run) ${r.kind} ${r.id}`;
    byRun.set(key, [...byRun.get(key) ?? [], r]);
  }
  const remove = [];
  const keep = [];
  const runs = [];
  const cutoff = o.nowMs - o.olderThanMs;
  for (const [run, items] of byRun) {
    let reason;
    if (o.exceptRuns?.includes(run)) reason = "the current run";
    const deadlines = items.map((r) => ms(r.deadline)).filter((x) => x !== void 0);
    if (!reason && deadlines.some((d) => d > o.nowMs)) reason = `run still live (deadline ${new Date(Math.max(...deadlines)).toISOString()})`;
    const stamped = items.filter((r) => r.kind !== "keypair");
    const created = (stamped.length ? stamped : items).map((r) => ms(r.createdAt));
    if (!reason && created.every((c) => c === void 0)) reason = "creation time unknown";
    if (!reason && created.some((c) => c !== void 0 && c > cutoff)) reason = "younger than --older-than";
    if (reason) for (const r of items) keep.push({ resource: r, reason });
    else {
      remove.push(...items);
      if (items[0]?.runId) runs.push(items[0].runId);
    }
  }
  return { remove, keep, runs };
}
function parseDuration(text, option = "--older-than") {
  const units = { s: 1e3, m: 6e4, h: 36e5, d: 864e5, w: 6048e5 };
  const re = /(\d+(?:\.\d+)?)([smhdw])/gy;
  let total = 0;
  let matched = 0;
  const t = text.trim();
  let m;
  while (m = re.exec(t)) {
    total += Number(m[1]) * units[m[2]];
    matched = re.lastIndex;
  }
  if (!t || matched !== t.length) {
    throw new UserError(`${option} wants a duration like 90s, 30m, 2h, 1d or 1h30m, not '${text}'`, { exitCode: EXIT.usage });
  }
  return total;
}

export {
  SECRET_LOCALRC_KEYS,
  SECRETS_PATH,
  renderLocalConf,
  parseLocalrcEntries,
  changeUnderTestLocalrc,
  decideSweep,
  parseDuration
};
