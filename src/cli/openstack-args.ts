// Cloud selection shared by the verbs that talk to OpenStack (provision, cleanup): the
// openstack CLI's --os-cloud / --os-region-name, with OS_CLOUD / OS_REGION_NAME as defaults.
// The stages take the ResolvedCloud; the session over it is stages/cloud.ts's.
import { str, type CommandIo, type OptionSpec, type ParsedArgs } from './command.ts';
import { resolveCloud, type ResolvedCloud } from '../edges/openstack/cloud-config.ts';

export const CLOUD_OPTIONS: OptionSpec = {
  'os-cloud': { type: 'string' },
  'os-region-name': { type: 'string' },
};

export const CLOUD_HELP = `Cloud (resolved as openstacksdk does: clouds.yaml and secure.yaml in ., ~/.config/openstack,
/etc/openstack or $OS_CLIENT_CONFIG_FILE; OS_CLOUD; the 'envvars' cloud from OS_* variables):
      --os-cloud NAME        the cloud in clouds.yaml (default $OS_CLOUD, the envvars cloud,
                             or the only cloud defined)
      --os-region-name NAME  the region (default $OS_REGION_NAME, else the cloud's first)
                             auth types: password, v3applicationcredential, token`;

export function cloudFromArgs(args: ParsedArgs, io: CommandIo): ResolvedCloud {
  return resolveCloud({
    cloud: str(args, 'os-cloud'),
    regionName: str(args, 'os-region-name') ?? (io.env.OS_REGION_NAME || undefined),
    env: io.env,
    cwd: io.cwd,
    home: io.env.HOME,
  });
}
