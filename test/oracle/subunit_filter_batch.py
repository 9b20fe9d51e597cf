#!/usr/bin/python3
"""Run one of Debian's subunit filter scripts (subunit-1to2, subunit2junitxml, ...) on many files
in one process.

Starting python for each of hundreds of generated streams costs minutes; this runs the installed
script itself (runpy, unchanged) with stdin/stdout pointed at each pair of files in turn. Usage:
    subunit_filter_batch.py /usr/bin/SCRIPT '["--option", ...]' IN OUT [IN OUT ...]
Prints one JSON line per pair: {"exit": code, "crashed": null or "Type: message"}.
"""
import io
import json
import runpy
import sys


def convert(script, options, src, dst):
    saved = sys.stdin, sys.stdout, sys.argv
    with open(src, 'rb') as fin, open(dst, 'wb') as fout:
        sys.stdin = io.TextIOWrapper(fin)
        sys.stdout = io.TextIOWrapper(fout, write_through=True)
        sys.argv = [script] + options
        code, crashed = 0, None
        try:
            runpy.run_path(script, run_name='__main__')
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
    script, options, args = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3:]
    for i in range(0, len(args), 2):
        print(json.dumps(convert(script, options, args[i], args[i + 1])), flush=True)
