#!/usr/bin/python3
"""Run Debian's own /usr/bin/subunit-1to2 script on many files in one process.

Starting python for each of hundreds of generated streams costs seconds; this runs the same
script (runpy, unchanged) with stdin/stdout pointed at each pair of files in turn. Usage:
    subunit_1to2_batch.py IN OUT [IN OUT ...]
Prints one JSON line per pair: {"exit": code, "crashed": null or "Type: message"}.
"""
import io
import json
import runpy
import sys

SCRIPT = '/usr/bin/subunit-1to2'


def convert(src, dst):
    saved = sys.stdin, sys.stdout, sys.argv
    with open(src, 'rb') as fin, open(dst, 'wb') as fout:
        sys.stdin = io.TextIOWrapper(fin)
        sys.stdout = io.TextIOWrapper(fout, write_through=True)
        sys.argv = [SCRIPT]
        code, crashed = 0, None
        try:
            runpy.run_path(SCRIPT, run_name='__main__')
        except SystemExit as e:
            code = e.code or 0
        except Exception as e:  # the script gave up part way, as it would on the command line
            code, crashed = 1, '%s: %s' % (type(e).__name__, e)
        finally:
            try:
                sys.stdout.flush()
            except Exception:
                pass
            sys.stdin, sys.stdout, sys.argv = saved
    return {'exit': code, 'crashed': crashed}


if __name__ == '__main__':
    args = sys.argv[1:]
    for i in range(0, len(args), 2):
        print(json.dumps(convert(args[i], args[i + 1])), flush=True)
