import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  str
} from "./chunk-FDIOAVOA.js";
import {
  resolveCloud
} from "./chunk-ER65E557.js";

// src/cli/openstack-args.ts
var CLOUD_OPTIONS = {
  "os-cloud": { type: "string" },
  "os-region-name": { type: "string" }
};
var CLOUD_HELP = `Cloud (resolved as openstacksdk does: clouds.yaml and secure.yaml in ., ~/.config/openstack,
/etc/openstack or $OS_CLIENT_CONFIG_FILE; OS_CLOUD; the 'envvars' cloud from OS_* variables):
      --os-cloud NAME        the cloud in clouds.yaml (default $OS_CLOUD, the envvars cloud,
                             or the only cloud defined)
      --os-region-name NAME  the region (default $OS_REGION_NAME, else the cloud's first)
                             auth types: password, v3applicationcredential, token`;
function cloudFromArgs(args, io) {
  return resolveCloud({
    cloud: str(args, "os-cloud"),
    regionName: str(args, "os-region-name") ?? (io.env.OS_REGION_NAME || void 0),
    env: io.env,
    cwd: io.cwd,
    home: io.env.HOME
  });
}

export {
  CLOUD_OPTIONS,
  CLOUD_HELP,
  cloudFromArgs
};
