#!/usr/bin/python3
"""Every rendered output opens in LibreOffice and shows its expected values.

Usage: test_outputs_open.py RENDERED_DIR GOLDEN_DIR COMPAT_DIR

Converts every .docx in RENDERED_DIR to PDF with ONE soffice call, then for each file checks
that a non-empty PDF came out and that pdftotext shows every non-empty line of the main
document part's text in the case's expected.txt (golden-<case>.docx → GOLDEN_DIR/<case>,
compat-<case>.docx → COMPAT_DIR/cases/<case>), white space normalised.
Standard library only. Ends with "N passed, M failed"; exits non-zero on any failure.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

CONVERT_TIMEOUT_SECONDS = 300
BREAK_MARK = "\u23ce"          # extract_text.py's w:br / w:cr
LITERAL_NEWLINE_MARK = "\u21b5"  # extract_text.py's newline inside w:t
# Informative compat case whose expected text our contract does not produce.
TEXT_NOT_CHECKED = {"compat-tag_spanning_paragraphs"}


def normalised(text):
    """Compatibility forms (ligatures), no soft hyphens, white space runs made one space."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    # pdftotext wraps right-to-left text in bidi embedding marks (U+202B … U+202C).
    text = re.sub("[\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", text)
    return re.sub(r"\s+", " ", text).strip()


def expected_values(expected_file):
    """The non-empty pieces of the main document part's lines (one piece per line segment)."""
    values = []
    for line in expected_file.read_text(encoding="utf-8").splitlines():
        part, _, text = line.partition("\t")
        if not re.fullmatch(r"word/document\d*\.xml", part):
            continue
        for piece in re.split("[\t%s%s]" % (BREAK_MARK, LITERAL_NEWLINE_MARK), text):
            piece = normalised(piece)
            if piece:
                values.append(piece)
    return values


def expected_file_for(stem, golden_dir, compat_dir):
    kind, _, case = stem.partition("-")
    if kind == "golden":
        return golden_dir / case / "expected.txt"
    if kind == "compat":
        return compat_dir / "cases" / case / "expected.txt"
    return None


def main():
    if len(sys.argv) != 4:
        sys.stderr.write("usage: test_outputs_open.py RENDERED_DIR GOLDEN_DIR COMPAT_DIR\n")
        return 2
    rendered_dir, golden_dir, compat_dir = (Path(a) for a in sys.argv[1:])
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("FAIL  soffice not found: install LibreOffice (Debian: libreoffice-writer-nogui) "
              "to run this test")
        print("0 passed, 1 failed")
        return 1
    if shutil.which("pdftotext") is None:
        print("FAIL  pdftotext not found: install poppler-utils")
        print("0 passed, 1 failed")
        return 1
    inputs = sorted(rendered_dir.glob("*.docx"))
    if not inputs:
        print(f"FAIL  no .docx in {rendered_dir}: run the golden and compat tests first")
        print("0 passed, 1 failed")
        return 1

    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix="pp-lo-out-") as out_dir, \
            tempfile.TemporaryDirectory(prefix=f"pp-lo-{os.getpid()}-") as profile:
        command = [soffice, "--headless", "--norestore",
                   f"-env:UserInstallation=file://{profile}",
                   "--convert-to", "pdf", "--outdir", out_dir] + [str(p) for p in inputs]
        try:
            conversion = subprocess.run(command, capture_output=True, text=True,
                                        timeout=CONVERT_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            print(f"FAIL  soffice did not finish {len(inputs)} conversions "
                  f"in {CONVERT_TIMEOUT_SECONDS} s")
            print(f"0 passed, {len(inputs)} failed")
            return 1
        if conversion.returncode != 0:
            print(f"note: soffice exited {conversion.returncode}: {conversion.stderr.strip()}")

        for docx in inputs:
            pdf = Path(out_dir) / (docx.stem + ".pdf")
            problems = []
            if not pdf.is_file() or pdf.stat().st_size == 0:
                problems.append("LibreOffice produced no PDF")
            elif docx.stem not in TEXT_NOT_CHECKED:
                expected_file = expected_file_for(docx.stem, golden_dir, compat_dir)
                if expected_file is None or not expected_file.is_file():
                    print(f"SKIP  {docx.name}: no case for this output (stale file?)")
                    continue
                text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
                                      capture_output=True, timeout=60)
                if text.returncode != 0:
                    problems.append(f"pdftotext failed: {text.stderr.decode(errors='replace')}")
                else:
                    shown = normalised(text.stdout.decode("utf-8", errors="replace"))
                    missing = [v for v in expected_values(expected_file) if v not in shown]
                    if missing:
                        problems.append("pdftotext does not show: " +
                                        "; ".join(repr(v) for v in missing) +
                                        f"\n      PDF text: {shown[:600]!r}")
            if problems:
                failed += 1
                print(f"FAIL  {docx.name}: " + "\n      ".join(problems))
            else:
                passed += 1
                print(f"PASS  {docx.name}")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
