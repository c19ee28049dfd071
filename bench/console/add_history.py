#!/usr/bin/python3
"""Adds two years of booked sittings to a benchmark office made by bench/pack/make_office.py:
every permanence sitting from two years before today to eight weeks after it gets four of the
office's (fictional) cases booked, papers received, so that the console's pages read an office
with a real history.

    add_history.py OFFICE PANELPACK_BINARY

Standard library only; the sittings come from `panelpack calendar --json`.
"""

import datetime
import json
import subprocess
import sys
from pathlib import Path


def main():
    office, binary = Path(sys.argv[1]), sys.argv[2]
    today = datetime.date.today()
    listing = subprocess.run(
        [binary, "calendar", "--json", "--panel", "permanence", "--office", str(office),
         "--from", (today - datetime.timedelta(days=730)).isoformat(),
         "--to", (today + datetime.timedelta(days=56)).isoformat()],
        check=True, capture_output=True, text=True)
    sittings = [s for s in json.loads(listing.stdout)["sittings"]
                if not s["cancelled"] and not s["dayOff"] and s["booked"] == 0]
    cases = sorted(p.stem for p in (office / "cases").glob("*.json"))
    folder = office / "bookings" / "permanence"
    folder.mkdir(parents=True, exist_ok=True)
    for number, sitting in enumerate(sittings):
        items = []
        for ref in [cases[(number * 4 + k) % len(cases)] for k in range(4)]:
            case = json.loads((office / "cases" / (ref + ".json")).read_text())
            received = sitting["deadlines"]["papersDue"]["utc"]
            items.append({"caseRef": ref, "reason": case["referral"]["reason"],
                          "paperTypes": ["referral"],
                          "papers": [{"type": "referral", "receivedAt": received}]})
        (folder / (sitting["date"] + ".json")).write_text(json.dumps(
            {"_notice": "FICTIONAL BENCHMARK DATA", "panel": "permanence",
             "date": sitting["date"], "items": items}, indent=2))
    print("booked %d sittings of permanence over two years" % len(sittings))


if __name__ == "__main__":
    main()
