"""Oracle for tempest-gate's credential resolution: ask openstacksdk's own config loader.

Reads {"cloud": name|null, "region": name|null} on stdin; runs in the caller's cwd and
environment (HOME, XDG_*, OS_*); prints what openstacksdk resolved, or {"error": ...}.
Run with /usr/bin/python3 (Debian's python3-openstacksdk).
"""
import json
import sys
import warnings

warnings.simplefilter("ignore")
from openstack import config as os_config  # noqa: E402

req = json.load(sys.stdin)
try:
    loader = os_config.OpenStackConfig()
    region = loader.get_one(cloud=req.get("cloud"), region_name=req.get("region"), validate=True)
    c = region.config
    out = {
        "name": region.name,
        "region_name": region.region_name or "",
        "auth_type": c.get("auth_type"),
        "auth": {k: str(v) for k, v in c.get("auth", {}).items() if v is not None},
        "interface": c.get("interface"),
        "verify": region.get_requests_verify_args()[0] is not False,
        "config_file": loader.config_filename,
    }
except Exception as e:  # the kind of failure is what we compare
    out = {"error": type(e).__name__, "message": str(e)}
print(json.dumps(out, sort_keys=True))
