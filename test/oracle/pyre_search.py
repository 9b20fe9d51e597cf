#!/usr/bin/python3
"""Oracle for the Python-regex translation: Python's own re.search.

stdin: {"patterns": [...], "subjects": [...]}
stdout: [{"error": msg} | {"matches": "0101..."}] one per pattern.
"""
import json
import re
import sys
import warnings

warnings.simplefilter("ignore")


def main():
    req = json.load(sys.stdin)
    out = []
    for p in req["patterns"]:
        try:
            rx = re.compile(p)
        except (re.error, OverflowError, RecursionError) as e:
            out.append({"error": str(e)})
            continue
        out.append({"matches": "".join("1" if rx.search(s) else "0" for s in req["subjects"])})
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
