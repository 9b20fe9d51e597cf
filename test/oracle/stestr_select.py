#!/usr/bin/python3
"""Oracle for tempest-gate select: run stestr's own selection code in-process.

Reads one JSON object on stdin:
  {"ids": [...] | "ids_file": path,
   "runs": [{"regexes": [..] | null, "include_list": path | null,
             "exclude_list": path | null, "exclude_regex": str | null}],
   "repeat": N}   # optional: time construct_list N times, report the best
and prints {"runs": [{"selected": [...], "seconds": best}]} where "selected" keeps the
input order. Only construct_list is timed (no process start, no JSON).
"""
import json
import sys
import time

from stestr import selection


def main():
    req = json.load(sys.stdin)
    if "ids_file" in req:
        with open(req["ids_file"]) as f:
            ids = [line.strip() for line in f if line.strip()]
    else:
        ids = req["ids"]
    repeat = max(1, int(req.get("repeat", 1)))
    out = []
    for run in req["runs"]:
        best = None
        result = None
        for _ in range(repeat):
            regexes = run.get("regexes")
            # construct_list appends include-list regexes to the list it is given.
            regexes = list(regexes) if regexes else None
            t0 = time.perf_counter()
            result = selection.construct_list(
                ids,
                regexes=regexes,
                include_list=run.get("include_list"),
                exclude_list=run.get("exclude_list"),
                exclude_regex=run.get("exclude_regex"),
            )
            dt = time.perf_counter() - t0
            best = dt if best is None else min(best, dt)
        out.append({"selected": [i for i in ids if i in result], "seconds": best})
    json.dump({"runs": out}, sys.stdout)


if __name__ == "__main__":
    main()
