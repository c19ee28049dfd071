#!/usr/bin/python3
"""The corpus of broken templates (make_mistakes.py, mistakes.json) through
`panelpack check --schema case --json`, entry by entry and format by format:

  - exactly the expected entries, each once: one entry per mistake, no cascade, nothing else;
  - each entry's code (or one of its accepted codes), severity, tag, suggestion, fix, count and
    location fields as the manifest says;
  - no suggestion equal to the name that was typed, in any entry;
  - every entry locatable in Word's terms (but one about the whole document) (`location.words`, or a container, heading or table);
  - a repeated mistake is one entry with its `count` and its `places`;
  - the `summary` counts the entries; the exit code is 1 when there is an error, else 0.

Prints one line per entry and format (passes / fails because ...), then "N passed, M failed";
exits 1 on any failure. Environment: PANELPACK_BIN, PANELPACK_SOURCE_DIR, MISTAKES_DIR (where
the corpus is built; default: a temporary directory). Standard library only.
"""

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import make_mistakes  # noqa: E402

SOURCE = Path(os.environ.get("PANELPACK_SOURCE_DIR") or HERE.parents[2])
BINARY = os.environ.get("PANELPACK_BIN") or str(SOURCE / "build" / "cli" / "panelpack")
OUT = Path(os.environ.get("MISTAKES_DIR") or tempfile.mkdtemp(prefix="pp-mistakes-"))
LOCATION_KEYS = ("container", "heading", "table", "row", "rowLabel", "cell", "cellsInRow",
                 "inTextBox", "words")


def typed_name(tag):
    """The name inside a tag as typed: '{{#child.siblings}}' -> 'child.siblings'."""
    inner = re.sub(r"^\{+|\}+$", "", tag or "").strip()
    inner = inner.lstrip("#^/&").split("|")[0]
    return inner.strip()


def codes_of(spec):
    return spec if isinstance(spec, list) else [spec]


def compare_location(found, wanted):
    problems = []
    for key, value in wanted.items():
        if key.endswith("Contains"):
            field = key[: -len("Contains")]
            if value not in str(found.get(field, "")):
                problems.append(f"location.{field} {found.get(field)!r} lacks {value!r}")
        elif found.get(key) != value:
            problems.append(f"location.{key} is {found.get(key)!r}, expected {value!r}")
    return problems


def locatable(entry):
    location = entry.get("location") or {}
    return bool(location.get("words") or location.get("container") or location.get("heading")
                or location.get("table"))


def matches(entry, wanted):
    """Problems between one reported entry and one expectation ([] when it fits)."""
    if entry.get("code") not in codes_of(wanted["code"]):
        return [f"code {entry.get('code')!r}"]
    problems = []
    if entry.get("severity") != wanted.get("severity", "error"):
        problems.append(f"severity {entry.get('severity')!r}")
    for key in ("tag", "suggestion", "fix", "count"):
        if key in wanted and entry.get(key) != wanted[key]:
            problems.append(f"{key} is {entry.get(key)!r}, expected {wanted[key]!r}")
    if "count" not in wanted and entry.get("count", 1) != 1:
        problems.append(f"count is {entry.get('count')!r}, expected 1")
    if "messageContains" in wanted and wanted["messageContains"] not in entry.get("message", ""):
        problems.append(f"message {entry.get('message')!r} lacks {wanted['messageContains']!r}")
    problems += compare_location(entry.get("location") or {}, wanted.get("location", {}))
    return problems


def expectations(entry, fmt):
    wanted = [dict(item) for item in entry["expect"]]
    override = entry.get(fmt)
    if override and wanted:
        for key, value in override.items():
            if key == "location":
                wanted[0]["location"] = {**wanted[0].get("location", {}), **value}
                wanted[0]["location"] = {k: v for k, v in wanted[0]["location"].items()
                                         if not (k.endswith("Contains") and
                                                 k[: -len("Contains")] in value)}
            else:
                wanted[0][key] = value
    return wanted


def judge(entry, fmt, path):
    """Why this corpus entry fails in this format ([] when it passes)."""
    run = subprocess.run([BINARY, "check", str(path), "--schema", "case", "--json"],
                         capture_output=True, text=True, timeout=60)
    try:
        report = json.loads(run.stdout)
    except json.JSONDecodeError:
        return [f"--json is not JSON (exit {run.returncode}): {run.stderr.strip()[:200]}"]
    found = report.get("errors", [])
    wanted = expectations(entry, fmt)
    problems = []

    # Each expectation met by exactly one entry; nothing reported beyond them.
    unclaimed = list(range(len(found)))
    claimed_order = []
    for item in wanted:
        fits = [i for i in unclaimed if not matches(found[i], item)]
        if len(fits) == 1:
            unclaimed.remove(fits[0])
            claimed_order.append(fits[0])
            continue
        if len(fits) > 1:
            problems.append(f"{len(fits)} entries for {codes_of(item['code'])[0]} "
                            f"{item.get('tag', '')} (one expected)")
            continue
        # The nearest miss: same code, and the same tag when the tag is expected.
        near = [i for i in unclaimed if found[i].get("code") in codes_of(item["code"])]
        if "tag" in item:
            near = [i for i in near if found[i].get("tag") == item["tag"]] or near
        if near:
            unclaimed.remove(near[0])
            problems.append(f"{found[near[0]]['code']} {found[near[0]].get('tag', '')}: " +
                            "; ".join(matches(found[near[0]], item)))
        else:
            problems.append(f"no {'/'.join(codes_of(item['code']))} entry")
    extras = {}
    for i in unclaimed:
        key = (found[i].get("severity"), found[i].get("code"), found[i].get("tag", ""))
        extras[key] = extras.get(key, 0) + found[i].get("count", 1)
    for (severity, code, tag), times in extras.items():
        problems.append(f"unexpected {severity} {code} {tag}" + (f" x{times}" if times > 1 else ""))
    if entry.get("ordered") and claimed_order != sorted(claimed_order):
        problems.append("entries not in document order")

    # Whatever was reported: no self-suggestion, entries locatable, repeats grouped.
    document_wide = {code for item in wanted if item.get("documentWide")
                     for code in codes_of(item["code"])}
    for item in found:
        name = typed_name(item.get("tag"))
        if item.get("suggestion") and item.get("suggestion") == name:
            problems.append(f"{item.get('code')} suggests the name typed: {name}")
        if item.get("code") not in document_wide and not locatable(item):
            problems.append(f"{item.get('code')} {item.get('tag', '')} has no location in "
                            "Word's terms")
        places = item.get("places")
        if item.get("count", 1) > 1 and (not isinstance(places, list) or not places):
            problems.append(f"{item.get('code')} x{item.get('count')} lists no places")
    seen = set()
    for item in found:
        key = (item.get("code"), item.get("tag"), item.get("message"))
        if key in seen:
            problems.append(f"{item.get('code')} {item.get('tag', '')} repeated, not grouped")
        seen.add(key)

    problems = list(dict.fromkeys(problems))
    summary = report.get("summary")
    if not isinstance(summary, dict):
        problems.append("no summary")
    elif summary.get("mistakes") != len(found):
        problems.append(f"summary.mistakes {summary.get('mistakes')} for {len(found)} entries")
    has_error = any(item.get("severity") == "error" for item in found)
    if run.returncode != (1 if has_error else 0):
        problems.append(f"exit {run.returncode}")
    return problems


def main():
    manifest = make_mistakes.manifest()["entries"]
    names = [entry["name"] for entry in manifest]
    assert len(set(names)) == len(names), "an entry name is given twice in mistakes.json"
    missing = set(names) ^ set(make_mistakes.RECIPES)
    assert not missing, f"entries without a recipe or recipes without an entry: {missing}"
    built = make_mistakes.build(OUT, SOURCE)
    passed = failed = 0
    for entry in manifest:
        for fmt in entry["formats"]:
            problems = judge(entry, fmt, built[(entry["name"], fmt)])
            label = f"{entry['name']}.{fmt}"
            if problems:
                failed += 1
                print(f"FAIL {label}: " + " | ".join(problems))
            else:
                passed += 1
                print(f"ok   {label}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
