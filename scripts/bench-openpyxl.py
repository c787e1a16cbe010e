"""Child process of scripts/bench.mjs: what a committee's scripter would write with openpyxl.

    python3 scripts/bench-openpyxl.py DIR

Opens every .xlsx in DIR read-only and reads the values of the 打分表 sheet's used range (cached
results for formula cells, as data_only=True gives them). Prints one JSON line: the in-process time
of the work (after `import openpyxl`), the cells read, and this process's peak RSS and CPU time.
"""

import json
import os
import resource
import sys
import time

import openpyxl

SCORESHEET = "打分表"


def main(folder):
    started = time.perf_counter()
    files = sorted(
        name for name in os.listdir(folder) if name.lower().endswith(".xlsx") and not name.startswith(".")
    )
    cells = 0
    for name in files:
        wb = openpyxl.load_workbook(os.path.join(folder, name), read_only=True, data_only=True)
        ws = wb[SCORESHEET]
        for row in ws.iter_rows(values_only=True):
            for value in row:
                if value is not None:
                    cells += 1
        wb.close()
    ms = (time.perf_counter() - started) * 1000
    # ru_maxrss is in kilobytes on Linux.
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu_ms = (usage.ru_utime + usage.ru_stime) * 1000
    print(json.dumps({"ms": ms, "files": len(files), "cells": cells, "maxRssKb": usage.ru_maxrss, "cpuMs": cpu_ms}))


if __name__ == "__main__":
    main(sys.argv[1])
