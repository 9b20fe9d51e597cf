#!/usr/bin/python3
"""Oracle: read a subunit v2 stream with python-subunit + testtools' StreamToDict and print JSON.

Run with Debian's /usr/bin/python3 (python3-subunit, python3-testtools). Usage:
    subunit_oracle.py FILE [FILE...]     one JSON document per file, one per line
Each document: {"tests": [...], "parser_errors": [...]} where a test is
{id, status, tags, start_us, stop_us, attachments: [{name, content_type, size, sha256}]}
and "subunit.parser" pseudo-tests (python-subunit's report of a bad packet) are listed apart.
"""
import datetime
import hashlib
import json
import sys

import subunit
import testtools

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def micros(ts):
    if ts is None:
        return None
    return (ts - EPOCH) // datetime.timedelta(microseconds=1)


def read(path):
    tests = []
    errors = []

    def on_test(d):
        atts = []
        for name, content in d['details'].items():
            data = b''.join(content.iter_bytes())
            atts.append({
                'name': name,
                'content_type': repr(content.content_type),
                'size': len(data),
                # Hash of the text as a UTF-8 reader with replacement sees it.
                'sha256': hashlib.sha256(data.decode('utf8', 'replace').encode('utf8')).hexdigest(),
            })
        rec = {
            'id': d['id'],
            'status': d['status'],
            'tags': sorted(d['tags']),
            'start_us': micros(d['timestamps'][0]),
            'stop_us': micros(d['timestamps'][1]),
            'attachments': atts,
        }
        (errors if d['id'] == 'subunit.parser' else tests).append(rec)

    with open(path, 'rb') as f:
        result = testtools.StreamToDict(on_test)
        result.startTestRun()
        try:
            subunit.ByteStreamToStreamResult(f, non_subunit_name='stdout').run(result)
            crashed = None
        except Exception as e:  # python-subunit itself gave up (e.g. struct.error)
            crashed = '%s: %s' % (type(e).__name__, e)
        result.stopTestRun()
    return {'tests': tests, 'parser_errors': errors, 'crashed': crashed}


if __name__ == '__main__':
    for p in sys.argv[1:]:
        print(json.dumps(read(p)))
