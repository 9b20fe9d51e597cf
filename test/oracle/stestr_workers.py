"""stestr's own partitioning, as Debian's python3-stestr does it, for the worker-file tests and bench.

stdin: {"ids": [...], "workers": N, "worker_file": path or null}
stdout: {"cold": [[ids of worker 1], ...], "from_file": [[...], ...] or null}

"cold" is partition_tests with no repository: a fresh node's stestr, no times.dbm, so every group
is unknown and dealt out round-robin. Groups use Tempest's .stestr.conf group_regex
(([^\\.]*\\.)*: a test's class), as stestr builds the callback from it.
"""
import json
import re
import sys

from stestr import scheduler

req = json.load(sys.stdin)
regex = re.compile(r'([^\.]*\.)*')


def group(test_id):
    m = regex.match(test_id)
    return m.group(0) if m else None


cold = scheduler.partition_tests(req['ids'], req['workers'], None, group)
out = {'cold': [sorted(p) for p in cold], 'from_file': None}
if req.get('worker_file'):
    out['from_file'] = [sorted(p) for p in scheduler.generate_worker_partitions(req['ids'], req['worker_file'])]
json.dump(out, sys.stdout)
