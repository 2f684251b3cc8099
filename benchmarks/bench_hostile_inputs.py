"""Benchmark: no input file under 1 MB makes infoview run longer than 10 s or use more than 1 GB.

Writes a corpus of small hostile files (wide and tall CSV and Excel, Parquet bombs, billion-laughs
YAML, deep nesting, huge fields, template denial-of-service shapes) and runs each through the
function that reads it (read_log, the class report, question-bank loading, contact import,
template rendering), each in its own process, and prints the time, the peak memory and the
outcome (the error class). A case that runs past the timeout is killed and counted as a failure.

    .venv/bin/python benchmarks/bench_hostile_inputs.py [--timeout 30] [--keep DIR]
"""

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LIMIT_SECONDS, LIMIT_MB = 10.0, 1024
_ROOT = Path(__file__).resolve().parents[1]

_RUN = """
import re, sys, time
sys.setrecursionlimit(10000)
start = time.perf_counter()
try:
    {call}
    outcome = "ok"
except Exception as error:
    outcome = type(error).__name__
peak = re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read()).group(1)  # this process's own peak
print(outcome, round(time.perf_counter() - start, 2), int(peak) // 1024)
"""


def _row_bomb(path, rows):
    """A workbook of ``rows`` identical rows: 3 million zip to about 150 KB."""
    import zipfile

    from tests.test_hostile_handins import _xlsx_rows

    small = _xlsx_rows(path.with_suffix(".tmp"), 1)
    row = b'<row><c t="inlineStr"><is><t>Kim</t></is></c><c t="inlineStr"><is><t>2025-03-03</t></is></c></row>'
    with zipfile.ZipFile(small) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.endswith("sheet1.xml"):
                data = data.replace(b"</sheetData>", row * rows + b"</sheetData>")
            book.writestr(item.filename, data)
    small.unlink()


def corpus(folder):
    """Write the hostile files; return ``[(name, python call), ...]``."""
    sys.path.insert(0, str(_ROOT))
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    from tests.test_bounded_inputs import HOSTILE_TEMPLATES, LAUGHS
    from tests.test_hostile_handins import _xlsx_rows

    f = folder
    (f / "wide.csv").write_bytes(b"contact,sent_at" + b"," * 100_000 + b"\nKim,2025-01-01" + b",v" * 100_000)
    (f / "million.csv").write_bytes(b"contact,sent_at" + b"," * 999_000 + b"\n")
    (f / "named.csv").write_bytes(b",".join(b"c%d" % i for i in range(120_000)) + b"\n")
    (f / "field.csv").write_bytes(b"contact,sent_at,notes\nKim,2025-03-03,\"" + b"x" * 900_000 + b"\"\n")
    (f / "quotes.csv").write_bytes(b"contact,sent_at\n" + b'"' * 900_000)
    (f / "lines.csv").write_bytes(b"contact,sent_at\n" + b"Kim,2025-03-03\n" * 60_000)
    (f / "mixed.csv").write_bytes("contact,sent_at\nJürgen,2025-03-03\n".encode() + b"Wei\xdf,2025-03-04\n" * 30_000)
    _xlsx_rows(f / "claims_wide.xlsx", 20_000, "A1:XFD20001")
    _row_bomb(f / "tall.xlsx", 3_000_000)
    many = 20_000_000
    zeros = pa.array(np.zeros(many, np.int8))
    pq.write_table(pa.table({"contact": pa.DictionaryArray.from_arrays(zeros, ["Kim"]),
                             "sent_at": pa.DictionaryArray.from_arrays(zeros, ["2025-03-03"])}), f / "bomb.parquet")
    (f / "laughs.yaml").write_text(LAUGHS + "questions:\n  - id: q1\n    category: trends\n    stage: *a9\n"
                                   "    text: {en: How?, de: Wie?}\n", encoding="utf-8")
    (f / "deep.yaml").write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    (f / "bank.csv").write_bytes(b"id,category,text_en\n" + b"q,trends,\"" + b"x" * 900_000 + b"\"\n")
    (f / "contacts.csv").write_bytes(b"First Name" + b",x" * 300_000 + b"\n")
    (f / "cards.vcf").write_bytes(b"BEGIN:VCARD\nVERSION:3.0\nFN:Kim Meyer\nEND:VCARD\n" * 20_000)
    hand_ins = f / "class"
    hand_ins.mkdir()
    for name in ("wide.csv", "million.csv", "claims_wide.xlsx", "tall.xlsx", "bomb.parquet", "mixed.csv"):
        shutil.copy(f / name, hand_ins / name)
    cases = [(p, f"import infoview as iv; iv.read_log({str(f / p)!r})")
             for p in ("wide.csv", "million.csv", "named.csv", "field.csv", "quotes.csv", "lines.csv", "mixed.csv",
                       "claims_wide.xlsx", "tall.xlsx", "bomb.parquet")]
    cases.append(("class report of all", "from infoview.classroom.report import class_report; "
                  f"class_report({str(hand_ins)!r}, {str(f / 'out.html')!r}, progress=False)"))
    cases += [(p, f"from infoview.prepare.questions import QuestionBank; QuestionBank.from_file({str(f / p)!r})")
              for p in ("laughs.yaml", "deep.yaml", "bank.csv")]
    cases += [(p, f"from infoview.prepare.contacts import read_contacts; read_contacts({str(f / p)!r})")
              for p in ("contacts.csv", "cards.vcf")]
    cases += [(f"template {i + 1}", f"from infoview.emails.sandbox import render_template; render_template({t!r})")
              for i, t in enumerate(HOSTILE_TEMPLATES)]
    sizes = {p.name: p.stat().st_size for p in f.iterdir() if p.is_file()}
    assert max(sizes.values()) < 1_000_000, sizes
    return cases


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--keep", metavar="DIR", help="write the corpus here and keep it")
    args = parser.parse_args()
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp())
    folder.mkdir(parents=True, exist_ok=True)
    try:
        cases = corpus(folder)
        failures = 0
        print(f"{'case':<22} {'seconds':>8} {'MB':>6}  outcome")
        for name, call in cases:
            start = time.perf_counter()
            try:
                done = subprocess.run([sys.executable, "-c", _RUN.format(call=call)], capture_output=True, text=True,
                                      timeout=args.timeout, cwd=_ROOT)
                outcome, seconds, megabytes = done.stdout.split()[-3:] if done.stdout.split() else ("crash", 0, 0)
            except subprocess.TimeoutExpired:
                outcome, seconds, megabytes = "TIMEOUT", time.perf_counter() - start, 0
            bad = outcome in ("TIMEOUT", "crash") or float(seconds) > LIMIT_SECONDS or int(megabytes) > LIMIT_MB
            failures += bad
            print(f"{name:<22} {float(seconds):>8.2f} {int(megabytes):>6}  {outcome}{'  <-- over the limit' if bad else ''}")
        print(f"{len(cases) - failures} of {len(cases)} within {LIMIT_SECONDS:.0f} s and {LIMIT_MB} MB")
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
