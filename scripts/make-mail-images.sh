#!/usr/bin/env bash
# Regenerates docs/images/mail/invitation.png: a booking confirmation as panelpack sends it,
# shown in Chromium the way a web mail reader shows an invitation — the message's headers, its
# HTML body, and the meeting its text/calendar part describes (read with Python's icalendar, the
# parser the tests use, so the picture shows what a calendar program is given, not what we hope).
#
#   scripts/make-mail-images.sh
#
# It copies the sample office (fictional) to a temporary folder, points its relay at the test
# SMTP server (tests/mailer/smtp_server.py on 127.0.0.1), runs `panelpack tick` at the moment the
# sample's cases were booked, and takes the first confirmation the server received.
# Needs: a built panelpack (build/cli/panelpack, or PANELPACK=...), /usr/bin/python3 with
# python3-aiosmtpd and python3-icalendar, Chromium, and the console's npm install (playwright-core).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PANELPACK=${PANELPACK:-$ROOT/build/cli/panelpack}
OUT=$ROOT/docs/images/mail
[ -x "$PANELPACK" ] || { echo "make-mail-images: no $PANELPACK; build it first" >&2; exit 3; }
[ -d "$ROOT/console/node_modules/playwright-core" ] ||
  { echo "make-mail-images: run scripts/install-frontend.sh first" >&2; exit 3; }

WORK=$(mktemp -d)
SMTP_PID=
cleanup() {
  [ -n "$SMTP_PID" ] && kill "$SMTP_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
mkdir -p "$OUT" "$WORK/mail"
cp -r "$ROOT/samples/office" "$WORK/office"

/usr/bin/python3 "$ROOT/tests/mailer/smtp_server.py" --port-file "$WORK/port" \
  --maildir "$WORK/mail" &
SMTP_PID=$!
for _ in $(seq 50); do [ -s "$WORK/port" ] && break; sleep 0.1; done
[ -s "$WORK/port" ] || { echo "make-mail-images: the test SMTP server did not start" >&2; exit 3; }

/usr/bin/python3 - "$WORK/office/office.json" "$(cat "$WORK/port")" <<'PYTHON'
import json
import sys

path, port = sys.argv[1], int(sys.argv[2])
office = json.load(open(path, encoding="utf-8"))
office["mail"]["smtp"]["port"] = port
office["mail"].pop("intake", None)  # no mailbox to read here
json.dump(office, open(path, "w", encoding="utf-8"), indent=2)
PYTHON

# The sample's permanence cases were booked on 25 November 2026 at 09:00 London time.
"$PANELPACK" tick --office "$WORK/office" --now 2026-11-25T09:05 >/dev/null || true

/usr/bin/python3 - "$WORK/mail" "$WORK/invitation.html" <<'PYTHON'
import email
import email.policy
import html
import pathlib
import sys

import icalendar

mail, page = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
chosen = None
for eml in sorted(mail.glob("*.eml")):
    message = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    if any(part.get_content_type() == "text/calendar" for part in message.walk()) and \
            "confirm" in str(message["Subject"]).lower():
        chosen = message
        break
if chosen is None:
    sys.exit("make-mail-images: no booking confirmation reached the test server")

body = chosen.get_body(preferencelist=("html",)).get_content()
calendar_part = next(p for p in chosen.walk() if p.get_content_type() == "text/calendar")
calendar = icalendar.Calendar.from_ical(calendar_part.get_content())
event = next(c for c in calendar.walk() if c.name == "VEVENT")
start, end = event.decoded("DTSTART"), event.decoded("DTEND")
when = f"{start:%A %-d %B %Y, %H:%M} to {end:%H:%M} ({start.tzinfo})"
organizer = str(event.get("ORGANIZER")).removeprefix("mailto:")
attendees = event.get("ATTENDEE")
attendees = attendees if isinstance(attendees, list) else [attendees]
rows = [
    ("Meeting", str(event.get("SUMMARY"))),
    ("When", when),
    ("Where", str(event.get("LOCATION", ""))),
    ("Organiser", organizer),
    ("Invited", ", ".join(str(a).removeprefix("mailto:") for a in attendees)),
    ("Invitation", f"METHOD:{calendar.get('METHOD')}, UID {event.get('UID')}, "
                   f"SEQUENCE {event.get('SEQUENCE')}"),
]
table = "".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>" for k, v in rows)
headers = "".join(
    f"<tr><th>{k}</th><td>{html.escape(str(chosen[k]))}</td></tr>" for k in ("From", "To", "Subject"))
page.write_text(f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>A booking confirmation with its invitation</title>
<style>
 body {{ font-family: 'DejaVu Sans', sans-serif; margin: 0; background: #f3f2f1; }}
 .reader {{ max-width: 820px; margin: 16px auto; background: #fff; border: 1px solid #b1b4b6; }}
 .headers, .invite {{ padding: 12px 16px; border-bottom: 1px solid #b1b4b6; }}
 .invite {{ background: #e8f1f8; }}
 .invite h2 {{ margin: 0 0 8px; font-size: 18px; }}
 .note {{ font-size: 12px; color: #505a5f; margin: 6px 0 0; }}
 table {{ border-collapse: collapse; font-size: 14px; }}
 th {{ text-align: left; padding: 2px 12px 2px 0; vertical-align: top; white-space: nowrap; }}
 .body {{ padding: 12px 16px; }}
</style></head><body><div class="reader">
<div class="headers"><table>{headers}</table></div>
<div class="invite"><h2>Calendar invitation</h2><table>{table}</table>
<p class="note">Read from the message's text/calendar part with Python's icalendar: what Outlook
and Thunderbird are given to show with Accept, Tentative and Decline.</p></div>
<div class="body">{body}</div></div></body></html>""", encoding="utf-8")
PYTHON

cd "$ROOT/console"
node --input-type=module - "$WORK/invitation.html" "$OUT/invitation.png" <<'NODE'
import { chromium } from 'playwright-core'
const [page, png] = process.argv.slice(2)
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' })
const tab = await browser.newPage({ viewport: { width: 860, height: 900 } })
await tab.goto('file://' + page)
await tab.screenshot({ path: png, fullPage: true })
await browser.close()
NODE
echo "make-mail-images: wrote $OUT/invitation.png"
