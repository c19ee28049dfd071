#!/usr/bin/python3
"""A failed `panelpack render -o OUT` leaves an older OUT exactly as it was (outputs are written
whole or not at all) and says so plainly: "OUT was not changed: it still holds the form written
at HH:MM on D MONTH YYYY" (the file's time, local time). Covered: a template with errors, data
that is not JSON, a field missing under --strict; and with no older file, "nothing written"
and no file. Built from templates/referral.docx (tests/templates/word_edits.py). Environment:
PANELPACK_BIN, PANELPACK_SOURCE_DIR. Standard library only.
"""

import calendar
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "templates"))
from word_edits import Package  # noqa: E402

SOURCE = Path(os.environ.get("PANELPACK_SOURCE_DIR") or HERE.parents[1])
BINARY = os.environ.get("PANELPACK_BIN") or str(SOURCE / "build" / "cli" / "panelpack")
CASE = SOURCE / "tests" / "fixtures" / "cases" / "LCS900001.json"
BAD_INPUT = 1
# 14:05 London time on 30 November 2026 (GMT, so also UTC)
WRITTEN_AT = calendar.timegm((2026, 11, 30, 14, 5, 0))
failures = []


def expect(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)


def render(template, data, out, *extra):
    env = dict(os.environ, TZ="Europe/London")
    return subprocess.run([BINARY, "render", str(template), str(data), "-o", str(out), *extra],
                          capture_output=True, text=True, timeout=60, env=env)


def main():
    work = Path(tempfile.mkdtemp(prefix="pp-keep-old-"))
    good = SOURCE / "templates" / "referral.docx"
    broken = Package.load(good).mistype('{{child.age | default:"Not recorded"}}', "{{child.age")
    broken = broken.save(work / "broken.docx")
    not_json = work / "case.json"
    not_json.write_text('{"child": {"name": ', encoding="utf-8")
    without_name = work / "no-name.json"
    without_name.write_text('{"caseRef": "LCS900001", "child": {}}', encoding="utf-8")

    out = work / "out" / "referral.docx"
    first = render(good, CASE, out)
    expect(first.returncode == 0 and out.is_file(), "a first render writes the form")
    os.utime(out, (WRITTEN_AT, WRITTEN_AT))
    old = out.read_bytes()
    said = f"{out} was not changed: it still holds the form written at 14:05 on 30 November 2026"

    for why, template, data, extra in (
            ("the template has errors", broken, CASE, ()),
            ("the data is not JSON", good, not_json, ()),
            ("--strict finds a missing field", good, without_name, ("--strict",))):
        result = render(template, data, out, *extra)
        expect(result.returncode == BAD_INPUT, f"{why}: exit {BAD_INPUT} (got {result.returncode})")
        expect(said in result.stderr, f"{why}: the message says the old form is kept "
               f"({result.stderr.strip().splitlines()[-1:]})")
        expect(out.read_bytes() == old, f"{why}: the old form's bytes are unchanged")
        expect(int(out.stat().st_mtime) == WRITTEN_AT, f"{why}: the old form's time is unchanged")
        leftovers = [p.name for p in out.parent.iterdir() if p.name != out.name]
        expect(not leftovers, f"{why}: no temporary file is left beside it ({leftovers})")

    fresh = work / "out" / "new.docx"
    result = render(broken, CASE, fresh)
    expect(result.returncode == BAD_INPUT and "nothing written" in result.stderr,
           "with no older file: 'nothing written'")
    expect(not fresh.exists(), "with no older file: no file is made")

    print(f"{len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
