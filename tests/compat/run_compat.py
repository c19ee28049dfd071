#!/usr/bin/python3
"""Renders the docxtemplater corpus with the `panelpack` command and compares visible text.

Usage: run_compat.py PANELPACK_BINARY COMPAT_DIR RENDERED_DIR

cases/*: rendered with the case's delimiters, extracted with the corpus's extract_text.py and
compared with expected.txt exactly; where options.json says paragraphLoop: false, lines whose
text is empty or white space are ignored on both sides (docxtemplater keeps the section tag
paragraphs as empty paragraphs; our rule 2 removes them). tag_spanning_paragraphs is
informative: its result is printed, not counted.
errors/*: `check --json` must exit 1 and report at least as many errors as docxtemplater.
Each output is copied to RENDERED_DIR/compat-<case>.docx for the LibreOffice test.
Standard library only. Ends with "N passed, M failed"; exits non-zero on any failure.
"""

import difflib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

INFORMATIVE = {"tag_spanning_paragraphs"}


def visible_lines(text, ignore_blank):
    lines = text.splitlines()
    if ignore_blank:
        lines = [line for line in lines if line.split("\t", 1)[-1].strip() != ""]
    return lines


def delimiters_argument(options):
    start, end = options.get("delimiters", ["{", "}"])
    return f"{start} {end}"


def run_case(binary, compat, case, out_dir, rendered_dir):
    """Returns (passed, detail)."""
    options = json.loads((case / "options.json").read_text(encoding="utf-8"))
    output = out_dir / f"compat-{case.name}.docx"
    render = subprocess.run(
        [binary, "render", str(case / "template.docx"), str(case / "data.json"), "-o", str(output),
         "--delimiters", delimiters_argument(options)],
        capture_output=True, text=True, timeout=60)
    if render.returncode != 0:
        return False, f"render exited {render.returncode}: {render.stderr.strip()}"
    # Written under a temporary name and renamed, so the LibreOffice test never reads half a file.
    partial = rendered_dir / f".{output.name}.partial"
    shutil.copyfile(output, partial)
    os.replace(partial, rendered_dir / output.name)
    extract = subprocess.run([sys.executable, str(compat / "extract_text.py"), str(output)],
                             capture_output=True, timeout=60)
    if extract.returncode != 0:
        return False, f"extract_text.py failed: {extract.stderr.decode(errors='replace').strip()}"
    ignore_blank = options.get("paragraphLoop") is False
    expected = visible_lines((case / "expected.txt").read_text(encoding="utf-8"), ignore_blank)
    actual = visible_lines(extract.stdout.decode("utf-8"), ignore_blank)
    if expected == actual:
        return True, "ignoring blank lines" if ignore_blank else ""
    diff = difflib.unified_diff(expected, actual, "expected.txt", "rendered", lineterm="")
    return False, "\n".join(diff)


def run_error_case(binary, case):
    options = json.loads((case / "options.json").read_text(encoding="utf-8"))
    expected = json.loads((case / "expected_error.json").read_text(encoding="utf-8"))
    check = subprocess.run(
        [binary, "check", str(case / "template.docx"), "--json",
         "--delimiters", delimiters_argument(options)],
        capture_output=True, text=True, timeout=60)
    if check.returncode != 1:
        return False, f"check exited {check.returncode}, expected 1: {check.stderr.strip()}"
    try:
        report = json.loads(check.stdout)
    except json.JSONDecodeError as error:
        return False, f"check --json printed no JSON ({error})"
    # An entry of --json is one mistake with its count (the same mistake repeated is grouped).
    errors = [e for e in report.get("errors", []) if e.get("severity") == "error"]
    found = sum(e.get("count", 1) for e in errors)
    wanted = len(expected["errors"])
    codes = ", ".join(e["code"] for e in errors)
    if found < wanted:
        return False, f"{found} error(s) ({codes}), docxtemplater reports {wanted}"
    return True, f"{found} error(s): {codes}"


def main():
    if len(sys.argv) != 4:
        sys.stderr.write("usage: run_compat.py PANELPACK_BINARY COMPAT_DIR RENDERED_DIR\n")
        return 2
    binary, compat, rendered_dir = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    if not (compat / "cases").is_dir():
        sys.stderr.write(f"no corpus at {compat}\n")
        return 2
    rendered_dir.mkdir(parents=True, exist_ok=True)
    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix="pp-compat-") as scratch:
        for case in sorted((compat / "cases").iterdir()):
            ok, detail = run_case(binary, compat, case, Path(scratch), rendered_dir)
            if case.name in INFORMATIVE:
                print(f"INFO  case {case.name}: {'matches' if ok else 'differs (not counted)'}")
                if detail and not ok:
                    print("      " + detail.replace("\n", "\n      "))
                continue
            passed, failed = (passed + 1, failed) if ok else (passed, failed + 1)
            print(f"{'PASS' if ok else 'FAIL'}  case {case.name}" + (f" ({detail})" if ok and detail else ""))
            if not ok:
                print("      " + detail.replace("\n", "\n      "))
        for case in sorted((compat / "errors").iterdir()):
            ok, detail = run_error_case(binary, case)
            passed, failed = (passed + 1, failed) if ok else (passed, failed + 1)
            print(f"{'PASS' if ok else 'FAIL'}  error {case.name}: {detail}")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
