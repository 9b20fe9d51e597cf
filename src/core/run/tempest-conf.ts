// A tempest.conf for an existing cloud (validate), from its credentials and what discovery found.
// Pure: values in, INI text out. The settings follow Tempest's own sample config and the worked
// recipe for this project's local cloud; anything the cloud lacks is turned off, not guessed.

export interface TempestCloud {
  authUrl: string;
  username: string;
  password: string;
  projectName: string;
  userDomainName: string;
  projectDomainName: string;
  region: string;
  /** Service types in the catalog (identity, compute, image, network, volumev3, object-store...). */
  services: ReadonlySet<string>;
  images: string[];
  flavors: string[];
  publicNetworkId: string | null;
  networkExtensions: string[];
  computeNodes: number;
  /** Directories of the workspace: tempest's lock path. */
  lockPath: string;
}

/**
 * oslo.config reads `$name` as a reference to another option, so a literal `$` is written `$$`.
 * INI values cannot hold line breaks; a value with one is refused rather than cut.
 */
function value(v: string, key: string): string {
  if (/[\r\n]/.test(v)) throw new Error(`tempest.conf value for ${key} holds a line break`);
  return v.replaceAll('$', '$$$$');
}

export function renderTempestConf(c: TempestCloud): string {
  const has = (t: string): boolean => c.services.has(t);
  const volume = has('volumev3') || has('block-storage') || has('volume');
  const sections: [string, [string, string][]][] = [
    ['DEFAULT', [['log_file', 'tempest.log']]],
    ['oslo_concurrency', [['lock_path', c.lockPath]]],
    [
      'auth',
      [
        ['use_dynamic_credentials', 'True'],
        ['create_isolated_networks', 'False'],
        ['admin_username', c.username],
        ['admin_password', c.password],
        ['admin_project_name', c.projectName],
        ['admin_domain_name', c.userDomainName],
        ['default_credentials_domain_name', c.projectDomainName],
      ],
    ],
    [
      'identity',
      [
        ['uri_v3', c.authUrl],
        ['auth_version', 'v3'],
        ['region', c.region],
        ['v3_endpoint_type', 'public'],
        ['admin_role', 'admin'],
      ],
    ],
    [
      'identity-feature-enabled',
      [
        ['api_v2', 'False'],
        ['api_v2_admin', 'False'],
        ['api_v3', 'True'],
      ],
    ],
    [
      'compute',
      [
        ['image_ref', c.images[0] ?? ''],
        ['image_ref_alt', c.images[1] ?? c.images[0] ?? ''],
        ['flavor_ref', c.flavors[0] ?? ''],
        ['flavor_ref_alt', c.flavors[1] ?? c.flavors[0] ?? ''],
        ['min_compute_nodes', String(Math.max(1, c.computeNodes))],
        ['region', c.region],
      ],
    ],
    [
      'compute-feature-enabled',
      [
        ['live_migration', c.computeNodes > 1 ? 'True' : 'False'],
        ['cold_migration', c.computeNodes > 1 ? 'True' : 'False'],
        ['vnc_console', 'False'],
        ['spice_console', 'False'],
        ['serial_console', 'False'],
      ],
    ],
    ['image', [['region', c.region]]],
    [
      'network',
      [
        ['region', c.region],
        ['public_network_id', c.publicNetworkId ?? ''],
        ['project_networks_reachable', 'False'],
      ],
    ],
    [
      'network-feature-enabled',
      [
        ['ipv6', 'False'],
        ['floating_ips', c.publicNetworkId ? 'True' : 'False'],
        ['api_extensions', c.networkExtensions.join(',') || 'all'],
      ],
    ],
    ['placement', [['region', c.region]]],
    [
      'service_available',
      [
        ['nova', has('compute') ? 'True' : 'False'],
        ['glance', has('image') ? 'True' : 'False'],
        ['neutron', has('network') ? 'True' : 'False'],
        ['cinder', volume ? 'True' : 'False'],
        ['swift', has('object-store') ? 'True' : 'False'],
        ['horizon', 'False'],
      ],
    ],
    ['validation', [['run_validation', 'False']]],
  ];
  const lines: string[] = ['# Written by tempest-gate validate: holds the admin password, keep it private.'];
  for (const [name, pairs] of sections) {
    lines.push('', `[${name}]`);
    for (const [k, v] of pairs) lines.push(`${k} = ${value(v, `${name}.${k}`)}`);
  }
  return `${lines.join('\n')}\n`;
}
