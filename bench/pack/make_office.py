#!/usr/bin/python3
"""Makes a benchmark office with one sitting of N cases (default 30): the sample office's
thirteen fictional case files copied under new references (LCS9002NN), each booked onto
permanence 2027-01-12 with every paper its file fills received on time.

    make_office.py OUTDIR [N]

Standard library only. The office's templates are the repository's own.
"""

import json
import shutil
import sys
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[2]
SAMPLE = SOURCE / "samples" / "office"
SITTING = "2027-01-12"


def main():
    out = Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    if out.exists():
        shutil.rmtree(out)
    (out / "cases").mkdir(parents=True)
    config = json.loads((SAMPLE / "office.json").read_text())
    # Template paths the sample names are made absolute; with none, the installed ones are used.
    if "templates" in config:
        config["templates"] = {k: str((SAMPLE / v).resolve())
                               for k, v in config["templates"].items()}
    panel = config["panels"][0]
    panel.update({"slotMinutes": 15, "startTime": "09:00"})
    panel.pop("maxCases", None)
    (out / "office.json").write_text(json.dumps(config, indent=2))

    samples = sorted((SAMPLE / "cases").glob("*.json"))
    items = []
    for i in range(count):
        case = json.loads(samples[i % len(samples)].read_text())
        ref = "LCS9002%02d" % i
        case["caseRef"] = ref
        case["child"]["childId"] = ref
        (out / "cases" / (ref + ".json")).write_text(json.dumps(case, indent=2))
        papers = ["referral"] + (["matching"] if "matching" in case else []) + \
                 (["finance-request"] if "finance" in case else [])
        items.append({"caseRef": ref, "reason": case["referral"]["reason"], "paperTypes": papers,
                      "papers": [{"type": p, "receivedAt": "2027-01-06T10:00:00+00:00"}
                                 for p in papers]})
    bookings = out / "bookings" / "permanence"
    bookings.mkdir(parents=True)
    (bookings / (SITTING + ".json")).write_text(json.dumps(
        {"_notice": "FICTIONAL BENCHMARK DATA", "panel": "permanence", "date": SITTING,
         "items": items}, indent=2))
    print("wrote %s: %d cases booked onto permanence %s" % (out, count, SITTING))


if __name__ == "__main__":
    main()
