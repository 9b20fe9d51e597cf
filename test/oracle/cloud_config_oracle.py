"""Oracle for tempest-gate's credential resolution: ask openstacksdk's own config loader.

Reads a JSON list of cases on stdin, each {"cwd", "env", "cloud", "region"}; prints a JSON list
with, per case, what openstacksdk resolved, or {"error": ...}. The loader computes its search
path (working directory, HOME, XDG_*) when imported, so each case runs in a forked child that
sets the case's environment and directory, then reloads openstack.config.loader: the expensive
imports happen once. Run with /usr/bin/python3 (Debian's python3-openstacksdk).
"""
import importlib
import json
import os
import sys
import warnings

warnings.simplefilter("ignore")
import openstack.config.loader as loader_mod  # noqa: E402


def resolve(case):
    os.environ.clear()
    os.environ.update(case["env"])
    os.chdir(case["cwd"])
    mod = importlib.reload(loader_mod)
    try:
        loader = mod.OpenStackConfig()
        region = loader.get_one(cloud=case.get("cloud"), region_name=case.get("region"), validate=True)
        c = region.config
        return {
            "name": region.name,
            "region_name": region.region_name or "",
            "auth_type": c.get("auth_type"),
            "auth": {k: str(v) for k, v in c.get("auth", {}).items() if v is not None},
            "interface": c.get("interface"),
            "verify": region.get_requests_verify_args()[0] is not False,
            "config_file": loader.config_filename,
        }
    except Exception as e:  # the kind of failure is what we compare
        return {"error": type(e).__name__, "message": str(e)}


results = []
for case in json.load(sys.stdin):
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        with os.fdopen(w, "w") as out:
            out.write(json.dumps(resolve(case), sort_keys=True))
        os._exit(0)
    os.close(w)
    with os.fdopen(r) as inp:
        text = inp.read()
    os.waitpid(pid, 0)
    results.append(json.loads(text))
print(json.dumps(results))
