"""Child process of scripts/bench.mjs: saves submissions as a committee's script would, with openpyxl.

    python3 scripts/bench-openpyxl-save.py SOURCE_DIR OUT_DIR COUNT

Loads each of the first COUNT .xlsx files of SOURCE_DIR (sorted by name) in full, not read-only, and
saves it unchanged into OUT_DIR under the same name: openpyxl writes every string inline, each
non-ASCII character as a numeric character reference, and no shared strings.
"""

import os
import sys

import openpyxl


def main(source, out, count):
    names = sorted(n for n in os.listdir(source) if n.lower().endswith(".xlsx"))[:count]
    for i, name in enumerate(names, 1):
        openpyxl.load_workbook(os.path.join(source, name)).save(os.path.join(out, name))
        if i % 100 == 0 or i == len(names):
            print(f"  openpyxl saves: {i}/{len(names)}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
