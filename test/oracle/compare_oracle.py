#!/usr/bin/python3
"""Peer for tempest-gate compare: read two subunit v2 streams with python-subunit and testtools
(StreamToDict), reduce each test to an outcome, and diff them by name, in plain Python.

Usage: compare_oracle.py BASELINE.subunit RUN.subunit
Prints one JSON object: the sorted names in each list, and the seconds spent (parse, diff).
Outcomes and lists follow docs/compare.md for tests matched by name (no renames)."""
import json
import re
import sys
import time

import subunit
import testtools

ATTRS = re.compile(r'\[[^\[\]]*\]$')


def load(path):
    tallies = {}

    def on_test(test):
        name = ATTRS.sub('', test['id'])
        t = tallies.setdefault(name, {'pass': 0, 'fail': 0, 'skip': 0, 'unf': 0, 'reason': None})
        status = test['status']
        if status in ('success', 'xfail'):
            t['pass'] += 1
        elif status in ('fail', 'uxsuccess'):
            t['fail'] += 1
        elif status == 'skip':
            t['skip'] += 1
            reason = test['details'].get('reason')
            if reason is not None:
                t['reason'] = reason.as_text().strip()[:500]
        else:
            t['unf'] += 1

    result = testtools.StreamToDict(on_test)
    with open(path, 'rb') as f:
        case = subunit.ByteStreamToStreamResult(f, non_subunit_name='stdout')
        result.startTestRun()
        case.run(result)
        result.stopTestRun()
    out = {}
    for name, t in tallies.items():
        bad = t['fail'] + t['unf']
        if t['pass'] and bad:
            o = 'flaky'
        elif t['fail']:
            o = 'fail'
        elif t['unf']:
            o = 'unfinished'
        elif t['pass']:
            o = 'pass'
        elif t['skip']:
            o = 'skip'
        else:
            o = 'unfinished'
        out[name] = (o, t['reason'])
    return out


def diff(base, run):
    lists = {k: [] for k in ('regressions', 'neverFinished', 'newFailing', 'stillFailing',
                             'flaky', 'fixes', 'skipChanges', 'added', 'removed')}
    for name, (now, reason) in run.items():
        if name not in base:
            key = {'unfinished': 'neverFinished', 'fail': 'newFailing', 'flaky': 'flaky'}.get(now, 'added')
            lists[key].append(name)
            continue
        before, before_reason = base[name]
        if now == 'unfinished':
            lists['neverFinished'].append(name)
        elif now == 'flaky':
            lists['flaky'].append(name)
        elif now == 'fail':
            if before in ('pass', 'skip'):
                lists['regressions'].append(name)
            elif before == 'flaky':
                lists['flaky'].append(name)
            else:
                lists['stillFailing'].append(name)
        elif now == 'pass':
            if before in ('fail', 'unfinished'):
                lists['fixes'].append(name)
            elif before == 'skip':
                lists['skipChanges'].append(name)
        elif now == 'skip':
            if before != 'skip' or (before_reason or '') != (reason or ''):
                lists['skipChanges'].append(name)
    for name in base:
        if name not in run:
            lists['removed'].append(name)
    return {k: sorted(v) for k, v in lists.items()}


def main():
    t0 = time.perf_counter()
    base = load(sys.argv[1])
    run = load(sys.argv[2])
    t1 = time.perf_counter()
    lists = diff(base, run)
    t2 = time.perf_counter()
    lists['seconds'] = {'parse': t1 - t0, 'diff': t2 - t1}
    print(json.dumps(lists))


if __name__ == '__main__':
    main()
