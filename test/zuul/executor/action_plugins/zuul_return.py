# A stand-in for Zuul's zuul_return action plugin, written for these tests (Zuul's own is
# GPL-3.0 and is not copied). Like Zuul's, it runs on the executor and merges `data` into the
# build's result file ($ZUUL_JOBDIR/work/results.json): zuul.artifacts and zuul.warnings are
# appended across calls, other dicts merged deeply, scalars replaced. It checks the shapes Zuul
# checks (artifacts: name and url strings, metadata a dict; warnings: strings), so a role that
# returns a malformed artifact fails here as it would under Zuul.
import json
import os

from ansible.errors import AnsibleActionFail
from ansible.plugins.action import ActionBase

APPENDED = ('artifacts', 'warnings')


def check(zuul):
    if not isinstance(zuul, dict):
        raise AnsibleActionFail('zuul_return: data.zuul must be a mapping')
    for a in zuul.get('artifacts', []):
        if not isinstance(a, dict) or not isinstance(a.get('name'), str) or not isinstance(a.get('url'), str):
            raise AnsibleActionFail('zuul_return: each artifact needs a name and a url (strings): %r' % (a,))
        if not isinstance(a.get('metadata', {}), dict):
            raise AnsibleActionFail('zuul_return: artifact metadata must be a mapping: %r' % (a,))
    for w in zuul.get('warnings', []):
        if not isinstance(w, str):
            raise AnsibleActionFail('zuul_return: warnings must be strings: %r' % (w,))


def merge(old, new):
    for key, value in new.items():
        if isinstance(value, dict) and isinstance(old.get(key), dict):
            merge(old[key], value)
        else:
            old[key] = value


class ActionModule(ActionBase):
    TRANSFERS_FILES = False

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        data = self._task.args.get('data', {})
        if not isinstance(data, dict):
            raise AnsibleActionFail('zuul_return: data must be a mapping')
        check(data.get('zuul', {}))
        jobdir = os.environ.get('ZUUL_JOBDIR')
        if not jobdir:
            raise AnsibleActionFail('zuul_return: ZUUL_JOBDIR is not set (the emulated executor sets it)')
        path = os.path.join(jobdir, 'work', 'results.json')
        current = {}
        if os.path.exists(path):
            with open(path) as f:
                current = json.load(f)
        # Only the lists directly under `zuul` are appended, as in Zuul's merge.
        zuul_new = data.get('zuul')
        rest = {k: v for k, v in data.items() if k != 'zuul'}
        merge(current, rest)
        if zuul_new is not None:
            zuul_old = current.setdefault('zuul', {})
            for key, value in zuul_new.items():
                if key in APPENDED and isinstance(zuul_old.get(key), list):
                    zuul_old[key] = zuul_old[key] + list(value)
                elif isinstance(value, dict) and isinstance(zuul_old.get(key), dict):
                    merge(zuul_old[key], value)
                else:
                    zuul_old[key] = value
        tmp_path = path + '.tmp'
        with open(tmp_path, 'w') as f:
            json.dump(current, f, indent=2, sort_keys=True)
        os.rename(tmp_path, path)
        result['changed'] = True
        return result
