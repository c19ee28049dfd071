#!/usr/bin/python3
"""Every rule of the template language holds for ODT: the golden DOCX cases, converted to ODT.

Environment: PANELPACK_BIN (the command), PANELPACK_SOURCE_DIR (the repository),
WORK_DIR (scratch folder, emptied first).

For every golden case (tests/golden/<case>/) without a DOCX-only feature:
- the template folder is zipped into <case>.docx, and ALL of them are converted to .odt with
  ONE soffice call;
- a case that renders: the .docx and the .odt are rendered with the same data and options
  (`panelpack render`), both outputs are converted to PDF with ONE soffice call and their
  pdftotext text is compared (trailing spaces stripped, empty lines dropped: LibreOffice may
  add or drop empty paragraphs). The warning codes of `check --json` on the .odt must be those
  of the case's expected_errors.json (compile-time ones);
- an error case: `panelpack check --json` on the .odt must fail with the same multiset of error
  codes as expected_errors.json (paragraph numbers may differ between the formats); a case
  whose errors only show at render time (--strict) must fail `render` on both formats.
Prints a line per case and "N passed, M failed" last; exits non-zero on any failure.
Standard library only.
"""

import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

SOFFICE_TIMEOUT_SECONDS = 400

# Cases whose template uses a DOCX-only feature, found by name or by what the template holds.
DOCX_ONLY_MARKERS = [
    ("w:hyperlink", "w:hyperlink (a Word hyperlink run; ODT's text:a is not the same rule)"),
    ("w:sdt", "w:sdt (Word content control; no ODT equivalent)"),
    ("mc:AlternateContent", "mc:AlternateContent (Word text box with its fallback copy)"),
    ("w:footnote", "footnotes/endnotes parts (DOCX-only parts)"),
    ("w:endnote", "footnotes/endnotes parts (DOCX-only parts)"),
]

# Cases the conversion turns into something a person could not have typed in LibreOffice,
# found by investigation (see the reason printed). Empty until a case needs it.
CONVERSION_ARTEFACTS = {
}

# Cases that fail because the ENGINE is wrong for ODT, each with the unit test in
# tests/test_odt.cpp that reproduces it. They still count as failures.
KNOWN_ENGINE_BUGS = {
    "rule2_numbered_list_continues":
        "engine bug: a text:list repeated by a paragraph section is copied as separate lists "
        "(numbered 1, 1, 1); see test_odt OdtLists.ListBetweenParagraphSectionTagsContinuesNumbering",
}

# Codes that only a render reports (check cannot know the data).
RENDER_TIME_CODES = {"missing_field", "filter_input"}


def docx_only_reason(case_dir):
    name = case_dir.name
    template = case_dir / "template"
    if (template / "docProps").exists() or "docprops" in name:
        return "docProps parts (core/app/custom properties are DOCX parts; ODT meta.xml is " \
               "covered by test_odt)"
    if not (template / "word" / "document.xml").exists() or "document2" in name:
        return "main-part trick (main part not word/document.xml)"
    for path in sorted(template.rglob("*")):
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for marker, reason in DOCX_ONLY_MARKERS:
            if re.search(re.escape(marker) + r"[\s>/]", text):
                return reason
    return None


def zip_template(template_dir, target):
    names = sorted(str(p.relative_to(template_dir)) for p in template_dir.rglob("*") if p.is_file())
    names.sort(key=lambda n: (n != "[Content_Types].xml", n))
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            archive.write(template_dir / name, name)


def soffice_convert(soffice, profile, target, outdir, files):
    outdir.mkdir(parents=True, exist_ok=True)
    command = [soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{profile}",
               "--convert-to", target, "--outdir", str(outdir)] + [str(f) for f in files]
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   timeout=SOFFICE_TIMEOUT_SECONDS, check=False)


def options_args(case_dir):
    args = []
    options_file = case_dir / "options.json"
    if options_file.exists():
        options = json.loads(options_file.read_text(encoding="utf-8"))
        if "delimiters" in options:
            args += ["--delimiters", " ".join(options["delimiters"])]
        if options.get("strict"):
            args.append("--strict")
    return args


def run(command):
    return subprocess.run([str(c) for c in command], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, timeout=120, check=False)


def check_codes(binary, template, case_dir):
    """(exit code, Counter of error codes, Counter of warning codes, report) from check --json."""
    args = [a for a in options_args(case_dir) if a != "--strict"]
    result = run([binary, "check", "--json", template] + args)
    try:
        report = json.loads(result.stdout.decode("utf-8"))
    except ValueError:
        return result.returncode, None, None, result.stdout.decode() + result.stderr.decode()
    # An entry of --json is one mistake with its count (the same mistake repeated is grouped).
    errors, warnings = Counter(), Counter()
    for e in report.get("errors", []):
        (errors if e.get("severity") == "error" else warnings)[e["code"]] += e.get("count", 1)
    return result.returncode, errors, warnings, report


def visible_lines(text):
    lines = []
    for line in text.replace("\f", "\n").splitlines():
        line = line.rstrip()
        if line.strip():
            lines.append(line)
    return lines


def pdf_text(pdf):
    if not pdf.exists() or pdf.stat().st_size == 0:
        return None
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=60,
                            check=False)
    return result.stdout.decode("utf-8", errors="replace") if result.returncode == 0 else None


def diff(expected, actual):
    return "\n".join("      " + line for line in difflib.unified_diff(
        expected, actual, "docx output", "odt output", lineterm="", n=1))


def main():
    binary = Path(os.environ["PANELPACK_BIN"])
    source = Path(os.environ["PANELPACK_SOURCE_DIR"])
    work = Path(os.environ.get("WORK_DIR", f"/tmp/pp-odt-conformance-{os.getpid()}"))
    golden = source / "tests" / "golden"
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdftotext") is None:
        print("FAIL  soffice or pdftotext not found (LibreOffice, poppler-utils)")
        print("0 passed, 1 failed")
        return 1
    if work.exists():
        shutil.rmtree(work)
    for sub in ("docx", "odt", "out", "pdf"):
        (work / sub).mkdir(parents=True)
    profile = Path(f"/tmp/pp-lo-odtconf-{os.getpid()}")

    passed, failed, skipped = 0, 0, 0
    cases = []
    for case_dir in sorted(p for p in golden.iterdir() if p.is_dir()):
        name = case_dir.name
        reason = docx_only_reason(case_dir) or CONVERSION_ARTEFACTS.get(name)
        if reason:
            print(f"SKIP  {name}: {reason}")
            skipped += 1
            continue
        expected = []
        if (case_dir / "expected_errors.json").exists():
            expected = json.loads((case_dir / "expected_errors.json").read_text(encoding="utf-8"))
        cases.append((case_dir, expected))
        zip_template(case_dir / "template", work / "docx" / f"{name}.docx")

    try:
        soffice_convert(soffice, profile, "odt", work / "odt",
                        [work / "docx" / f"{c.name}.docx" for c, _ in cases])

        results = {}  # name -> list of problems
        to_pdf = []
        for case_dir, expected in cases:
            name = case_dir.name
            problems = []
            results[name] = problems
            odt = work / "odt" / f"{name}.odt"
            docx = work / "docx" / f"{name}.docx"
            if not odt.exists():
                problems.append("LibreOffice did not convert the template to .odt")
                continue
            compile_errors = Counter(e["code"] for e in expected
                                     if e.get("severity", "error") == "error"
                                     and e["code"] not in RENDER_TIME_CODES)
            compile_warnings = Counter(e["code"] for e in expected
                                       if e.get("severity", "error") != "error"
                                       and e["code"] not in RENDER_TIME_CODES)
            render_errors = Counter(e["code"] for e in expected
                                    if e.get("severity", "error") == "error"
                                    and e["code"] in RENDER_TIME_CODES)
            render_warnings = Counter(e["code"] for e in expected
                                      if e.get("severity", "error") != "error"
                                      and e["code"] in RENDER_TIME_CODES)
            status, errors, warnings, report = check_codes(binary, odt, case_dir)
            if errors is None:
                problems.append(f"check --json printed no JSON: {report[:300]}")
                continue
            if errors != compile_errors or warnings != compile_warnings:
                problems.append(
                    f"check --json on the .odt: errors {sorted(errors.elements())} warnings "
                    f"{sorted(warnings.elements())}; expected errors "
                    f"{sorted(compile_errors.elements())} warnings "
                    f"{sorted(compile_warnings.elements())}")
            if (status != 0) != bool(compile_errors):
                problems.append(f"check exited {status}")
            if compile_errors:
                continue
            data = case_dir / "data.json"
            outputs = {}
            for kind, template in (("docx", docx), ("odt", odt)):
                out = work / "out" / f"{name}--{kind}.{kind}"
                result = run([binary, "render", template, data, "-o", out]
                             + options_args(case_dir))
                if render_errors:
                    message = result.stdout.decode() + result.stderr.decode()
                    if result.returncode != 1 or out.exists():
                        problems.append(f"render of the .{kind} should fail (exit 1, no "
                                        f"output), exited {result.returncode}")
                    for code in render_errors:
                        if f"[{code}]" not in message:
                            problems.append(f"render of the .{kind} does not report {code}: "
                                            f"{message.strip()[:300]}")
                    continue
                if result.returncode != 0 or not out.exists():
                    problems.append(f"render of the .{kind} failed ({result.returncode}): "
                                    f"{result.stderr.decode().strip()[:400]}")
                    continue
                message = result.stdout.decode() + result.stderr.decode()
                for code in render_warnings:
                    if f"warning [{code}]" not in message:
                        problems.append(f"render of the .{kind} does not warn {code}: "
                                        f"{message.strip()[:300]}")
                outputs[kind] = out
            if len(outputs) == 2:
                to_pdf += [outputs["docx"], outputs["odt"]]

        soffice_convert(soffice, profile, "pdf", work / "pdf", to_pdf)
    finally:
        shutil.rmtree(profile, ignore_errors=True)

    for case_dir, expected in cases:
        name = case_dir.name
        problems = results[name]
        docx_pdf = work / "pdf" / f"{name}--docx.pdf"
        odt_pdf = work / "pdf" / f"{name}--odt.pdf"
        if (work / "out" / f"{name}--docx.docx") in to_pdf:
            docx_text, odt_text = pdf_text(docx_pdf), pdf_text(odt_pdf)
            if docx_text is None or odt_text is None:
                problems.append("LibreOffice could not convert an output to PDF "
                                f"(docx: {docx_text is not None}, odt: {odt_text is not None})")
            else:
                want, got = visible_lines(docx_text), visible_lines(odt_text)
                if want != got:
                    problems.append("visible text differs (- docx output, + odt output):\n"
                                    + diff(want, got))
                elif not want:
                    problems.append("both outputs show no text")
        if problems:
            failed += 1
            print(f"FAIL  {name}")
            if name in KNOWN_ENGINE_BUGS:
                print("      " + KNOWN_ENGINE_BUGS[name])
            for problem in problems:
                print("      " + problem.replace("\n", "\n      ").rstrip())
        else:
            passed += 1
            kind = "errors" if any(e.get("severity", "error") == "error" for e in expected) \
                else "text"
            print(f"ok    {name} ({kind})")
    print(f"{skipped} skipped (DOCX-only features or conversion artefacts, reasons above)")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
