#!/usr/bin/python3
"""The shipped panel templates (templates/*.docx and *.odt), end to end.

For each template x format x data file:
  1. `panelpack check TEMPLATE --schema S --json` reports no error and no warning;
  2. the data file is valid (`panelpack validate`) and `panelpack render` writes the output
     without errors or warnings;
then ONE soffice call (with a fresh profile) converts every output to PDF, and pdftotext
must show, field by field, the values of the data: the child's name, ID and case reference
on every page with OFFICIAL-SENSITIVE at the top and bottom and "Page X of Y", and the
values of each form (chronology events, actions, amounts as £1,234.56, dates as
5 March 2026...). Each value is its own assertion with a message naming the document.

Data: tests/fixtures/cases/*.json (case forms), tests/fixtures/decisions/*.json (decision
record), tests/fixtures/agenda/*.json (agenda, hand-written in the shape panelpack computes),
tests/fixtures/report/*.json (the quarterly highlight report, in the shape panelpack computes),
and when present the sample office: samples/office/cases/*.json, samples/office/decisions/
*.json, and for every sitting with bookings (samples/office/bookings/PANEL/DATE.json) the
agenda `panelpack agenda PANEL DATE --office samples/office --json --now 2026-12-01T09:00`
computes, written to RENDERED_DIR/agenda-data/ and used as the data file. The matching form
renders for every case with a `matching` object, the finance request for every case with a
`finance` object; the referral for every case.

No code reaches a document: every word of every PDF's text is checked against the codes of
the schemas (an enum value of docs/schema/ that is not also an ordinary word of its own
"x-labels" words: C1, sgo, ratify_plan, permanence_panel, sw...), and every enum of the
schemas the documents are filled from must give words for each of its codes. A case form
filled for a sitting (the "sitting" panelpack adds when it packs the AEP panel's papers)
must name that panel, not the Permanence Panel, and give that sitting's papers deadline.

Standard library only. Environment: PANELPACK_BIN (the built panelpack), PANELPACK_SOURCE_DIR
(the source tree; default: two levels up), RENDERED_DIR (where outputs and PDFs go; default:
a temporary directory). Prints "N passed, M failed" last; exits 1 on any failure.
"""

import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SOURCE = Path(os.environ.get("PANELPACK_SOURCE_DIR") or Path(__file__).resolve().parents[2])
BINARY = os.environ.get("PANELPACK_BIN") or str(SOURCE / "build" / "cli" / "panelpack")
RENDERED = Path(os.environ.get("RENDERED_DIR") or tempfile.mkdtemp(prefix="pp-templates-"))
FORMATS = ("docx", "odt")
MARKING = "OFFICIAL-SENSITIVE"

# template -> (schema, the form's name in the page furniture)
TEMPLATES = {
    "referral": ("case", "Referral"),
    "matching": ("case", "Matching"),
    "finance-request": ("case", "Finance request"),
    "decision-record": ("decision", "Decision record"),
    "agenda": ("agenda", "Agenda"),
    "report": ("report", "Quarterly highlight report"),
}

# the moment the sample office's agendas are computed at (their papers on time, late or
# missing are judged at it)
AGENDA_NOW = "2026-12-01T09:00"

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]

# the schemas whose enums reach documents, and what a code's words are
DOCUMENT_SCHEMAS = ("common", "case", "decision", "agenda")


def schema_document(name):
    return json.loads((SOURCE / "docs" / "schema" / ("%s.schema.json" % name))
                      .read_text(encoding="utf-8"))


def words(name, pointer, code):
    """The "x-labels" words of code at pointer ('/$defs/LegalStatus') in schema name."""
    node = schema_document(name)
    for part in pointer.strip("/").split("/"):
        node = node[part]
    return node.get("x-labels", {}).get(code, code)


def enums_of(node, pointer=""):
    """[(pointer, enum node)] of every enum in a schema document."""
    found = []
    if isinstance(node, dict):
        if isinstance(node.get("enum"), list):
            found.append((pointer, node))
        for key, value in node.items():
            found.extend(enums_of(value, pointer + "/" + key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found.extend(enums_of(value, "%s/%d" % (pointer, i)))
    return found


def schema_codes():
    """{code: where} for every code of the schemas documents are filled from that is not an
    ordinary word of its own words ("open" is "Open", "panel" is in "Permanence Panel")."""
    codes = {}
    for name in DOCUMENT_SCHEMAS:
        for pointer, node in enums_of(schema_document(name)):
            labels = node.get("x-labels") or {}
            for code in node["enum"]:
                if not isinstance(code, str):
                    continue
                label_words = re.findall(r"[\w\-]+", labels.get(code, "").lower())
                if code.lower() not in label_words:
                    codes[code] = "%s.schema.json#%s" % (name, pointer)
    return codes


def panel_words(template, data):
    """The panel the page footer names: the sitting's panel, else the kind the referral (or the
    decision's sitting) names in words; the agenda its own panel."""
    if template == "agenda":
        return get(data, "panel.name")
    if template == "report":
        return "Permanence Panel"
    if template == "decision-record":
        return (get(data, "meeting.panelTypeLabel") or
                words("common", "/$defs/PanelType", get(data, "meeting.panelType") or "Panel"))
    if get(data, "sitting.panel.name"):
        return get(data, "sitting.panel.name")
    kind = get(data, "referral.panelType")
    return words("common", "/$defs/PanelType", kind) if kind else "Panel"


passed = 0
failed = 0
failures = []


def ok(condition, message):
    global passed, failed
    if condition:
        passed += 1
    else:
        failed += 1
        failures.append(message)
        print("FAIL:", message)
    return condition


# --------------------------------------------------------------------------- formatting

def fmt_date(value):
    """'2026-03-05' or '2026-03-05T10:00:00Z' -> '5 March 2026' (the date filter)."""
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", value or "")
    if not m:
        return None
    return "%d %s %s" % (int(m.group(3)), MONTHS[int(m.group(2)) - 1], m.group(1))


def fmt_money(pence):
    """125000 -> '£1,250.00' (the money filter, integer pence)."""
    sign = "-" if pence < 0 else ""
    pence = abs(int(pence))
    return "%s£%s.%02d" % (sign, "{:,}".format(pence // 100), pence % 100)


def fmt_yesno(value):
    return "Yes" if value else "No"


def squash(text):
    """Compare without white space and hyphens: table cells wrap words anywhere, and
    pdftotext joins a word broken after a hyphen ("Example-" + "Fairweather") without it."""
    return re.sub(r"[\s\-\u00ad]+", "", text)


def page_cells(pdf):
    """The text of each page of pdf, cell by cell.

    pdftotext's own reading order interleaves the lines of table cells that sit side by side
    (a cell's second line follows its neighbour's first), so the words are regrouped here
    from their boxes (pdftotext -bbox): a line is cut where the gap between two words is
    wider than a space, and the pieces that start at the same x on consecutive lines form
    one cell. Returns [[cell text, ...] per page], cells ordered top to bottom, left to
    right."""
    r = run("pdftotext", "-enc", "UTF-8", "-bbox", pdf, "-")
    markup = r.stdout.decode("utf-8", errors="replace")
    word_re = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                         r'yMax="([\d.]+)">(.*?)</word>')
    pages = []
    for page in markup.split("<page ")[1:]:
        words = [(float(a), float(b), float(c), float(d), html.unescape(t))
                 for a, b, c, d, t in word_re.findall(page)]
        # lines: words whose tops are within 2 points, left to right
        words.sort(key=lambda w: (round(w[1] / 2), w[0]))
        lines = []
        for w in words:
            if lines and abs(lines[-1][0][1] - w[1]) < 2.0:
                lines[-1].append(w)
            else:
                lines.append([w])
        # pieces: runs of words with gaps under 6 points (a space is about 3)
        pieces = []  # [x, top, bottom, text]
        for line in lines:
            line.sort(key=lambda w: w[0])
            cur = None
            for x0, y0, x1, y1, t in line:
                if cur is not None and x0 - cur[4] < 6.0:
                    cur[3] += " " + t
                    cur[4] = x1
                    cur[2] = max(cur[2], y1)
                else:
                    cur = [x0, y0, y1, t, x1]
                    pieces.append(cur)
        # cells: pieces starting at the same x, each line close under the previous one
        cells = []  # [x, top, bottom, text]
        for x0, y0, y1, t, _ in sorted(pieces, key=lambda q: (q[1], q[0])):
            for cell in reversed(cells):
                # boxes of consecutive lines may overlap a little
                if abs(cell[0] - x0) < 1.5 and -3.0 <= y0 - cell[2] < (y1 - y0) * 0.9:
                    cell[3] += " " + t
                    cell[2] = y1
                    break
            else:
                cells.append([x0, y0, y1, t])
        cells.sort(key=lambda c: (c[1], c[0]))
        pages.append([c[3] for c in cells])
    return pages


# --------------------------------------------------------------------------- data sets

def load(path):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def data_files():
    """[(label, path, schema)] for every data file the templates render from."""
    found = []
    sources = [
        ("fixtures", SOURCE / "tests" / "fixtures"),
        ("samples", SOURCE / "samples" / "office"),
    ]
    for label, base in sources:
        for sub, schema in (("cases", "case"), ("decisions", "decision"),
                            ("agenda", "agenda"), ("report", "report")):
            folder = base / sub
            if folder.is_dir():
                for path in sorted(folder.glob("*.json")):
                    found.append(("%s-%s" % (label, path.stem), path, schema))
    found.extend(sample_agendas())
    return found


def display_path(path):
    """A data file's name for messages: from the source tree, or the computed agenda's own."""
    try:
        return path.relative_to(SOURCE)
    except ValueError:
        return path


def sample_agendas():
    """The agenda panelpack computes for each sitting of the sample office that has
    bookings (samples/office/bookings/PANEL/DATE.json), written to RENDERED_DIR/agenda-data/
    as the data file: [(label, path, "agenda")]."""
    office = SOURCE / "samples" / "office"
    bookings = office / "bookings"
    if not bookings.is_dir():
        return []
    folder = RENDERED / "agenda-data"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    found = []
    for path in sorted(bookings.glob("*/*.json")):
        panel, date = path.parent.name, path.stem
        r = run(BINARY, "agenda", panel, date, "--office", office, "--json", "--now", AGENDA_NOW)
        if not ok(r.returncode == 0 and r.stdout.strip(),
                  "panelpack agenda %s %s --office samples/office --json: exit %d, %s"
                  % (panel, date, r.returncode, r.stderr.decode(errors="replace")[:600])):
            continue
        out = folder / ("%s-%s.json" % (panel, date))
        out.write_bytes(r.stdout)
        found.append(("samples-agenda-%s-%s" % (panel, date), out, "agenda"))
    ok(found, "the sample office has sittings with bookings to make agendas of")
    return found


def templates_for(schema, data):
    if schema == "decision":
        return ["decision-record"]
    if schema == "agenda":
        return ["agenda"]
    if schema == "report":
        return ["report"]
    names = ["referral"]
    if data.get("matching"):
        names.append("matching")
    if data.get("finance"):
        names.append("finance-request")
    return names


# --------------------------------------------------------------------------- expectations

def get(data, path, default=None):
    cur = data
    for part in path.split("."):
        if not isinstance(cur, dict) or part not in cur:
            return default
        cur = cur[part]
    return cur


def expect_text(out, what, value):
    if value is None or value == "" or isinstance(value, (dict, list)):
        return
    if isinstance(value, bool):
        return
    out.append((what, str(value)))


def expect_date(out, what, value):
    if isinstance(value, str) and fmt_date(value):
        out.append((what + " (as a date)", fmt_date(value)))


def expect_money(out, what, money):
    if isinstance(money, dict) and isinstance(money.get("pence"), (int, float)):
        out.append((what + " (as money)", fmt_money(money["pence"])))


class ROW(tuple):
    """A label and its value on one line of a two-column table (pdftotext -layout)."""

    def __new__(cls, label, value):
        return tuple.__new__(cls, (label, value))


class LAYOUT(str):
    """A regular expression the PDF's text must match as pdftotext -layout lays it out (the
    cells of a table row side by side on one line); ^ and $ match at every line."""


class TOKENS(tuple):
    """A word and how many times exactly it must appear, as a word of its own, in the PDF's
    text (pdftotext)."""

    def __new__(cls, word, times):
        return tuple.__new__(cls, (word, times))


class PLAIN(str):
    """Text the PDF must show in pdftotext's own reading order (a title in a large font, whose
    wide word spacing the cell regrouping would split)."""


class TIMES(tuple):
    """A phrase and how many times exactly it must appear in the PDF's text."""

    def __new__(cls, phrase, times):
        return tuple.__new__(cls, (phrase, times))


GAP = r"[ \t]{2,}"   # between two columns of a pdftotext -layout line


def words_prefix(text):
    """A regular expression for the first words of text, as many as fit before a cell
    wraps: for 'Plan ratified', 'Plan' optionally followed by 'ratified'."""
    words = [re.escape(w) for w in text.split()]
    pattern = ""
    for w in reversed(words[1:]):
        pattern = r"(?:[ \t]+%s%s)?" % (w, pattern)
    return words[0] + pattern


def report_shown(measure, side):
    """What the report prints for one quarter of a measure: '50% (1 of 2)' for a share,
    'no cases' when its denominator is 0 (hasCases false), the number for a count."""
    s = measure.get(side) or {}
    if measure.get("isCount"):
        return s.get("percentageText")
    if s.get("hasCases"):
        return "%s (%d of %d)" % (s.get("percentageText"), s.get("numerator"),
                                  s.get("denominator"))
    return "no cases"


def report_chart_line(measure, side, quarter):
    """The chart's line for one quarter of a measure: the quarter, then the bar and the
    value, or the count ('a count' beside this quarter's), or 'no cases' and no bar."""
    s = measure.get(side) or {}
    if measure.get("isCount"):
        middle = re.escape(s.get("percentageText")) + (GAP + "a count" if side == "current"
                                                       else "")
    elif s.get("hasCases"):
        middle = re.escape(s.get("bar")) + GAP + re.escape(report_shown(measure, side))
    else:
        middle = "no cases"
    return re.escape(quarter) + r"[ \t]+" + middle + r"[ \t]*$"


def expectations(template, data):
    """[(what, expected text)] the rendered document must show."""
    e = []
    if template in ("referral", "matching", "finance-request", "decision-record"):
        expect_text(e, "child.name", get(data, "child.name"))
        expect_text(e, "child.childId", get(data, "child.childId"))
        expect_text(e, "caseRef", get(data, "caseRef"))
    if template in ("referral", "matching", "finance-request"):
        if get(data, "legal.status"):
            expect_text(e, "legal.status in words",
                        words("common", "/$defs/LegalStatus", get(data, "legal.status")))
        expect_date(e, "child.dob", get(data, "child.dob"))

    if template == "referral":
        if get(data, "referral.reason"):
            expect_text(e, "referral.reason in words",
                        words("common", "/$defs/ReferralReason", get(data, "referral.reason")))
        e.append(("the title names the panel",
                  PLAIN("Referral to " + panel_words(template, data))))
        if get(data, "sitting.papersDue.date"):
            e.append(("the sitting's own papers deadline",
                      "Papers for this sitting are due by %s on %s."
                      % (get(data, "sitting.papersDue.time"),
                         fmt_date(get(data, "sitting.papersDue.date")))))
        for key, label in (("interpreterRequired", "Interpreter required"),
                           ("disability", "Disability")):
            if isinstance(get(data, "child." + key), bool):
                e.append(("child.%s (yes/no, beside its label)" % key,
                          ROW(label, fmt_yesno(data["child"][key]))))
        expect_date(e, "referral.requestedPanelDate", get(data, "referral.requestedPanelDate"))
        expect_date(e, "legal.statusDate", get(data, "legal.statusDate"))
        expect_date(e, "legal.dateEnteredCare", get(data, "legal.dateEnteredCare"))
        if get(data, "plans.primary"):
            expect_text(e, "plans.primary in words",
                        words("common", "/$defs/PermanenceOption", get(data, "plans.primary")))
        expect_text(e, "plans.contingency", get(data, "plans.contingency"))
        for i, p in enumerate(get(data, "plans.parallel", []) or []):
            expect_text(e, "plans.parallel[%d] in words" % i,
                        words("common", "/$defs/PermanenceOption", p))
        expect_text(e, "professionals.socialWorker.name",
                    get(data, "professionals.socialWorker.name"))
        for key in ("emotional", "health", "education", "identity"):
            expect_text(e, "needs." + key, get(data, "needs." + key))
        for key in ("child", "parents", "iro"):
            expect_text(e, "views." + key, get(data, "views." + key))
        for i, s in enumerate(get(data, "child.siblings", []) or []):
            expect_text(e, "child.siblings[%d].name" % i, s.get("name"))
        for i, c in enumerate(data.get("chronology") or []):
            expect_text(e, "chronology[%d].event" % i, c.get("event"))
            expect_date(e, "chronology[%d].date" % i, c.get("date"))
        for i, a in enumerate(data.get("assessments") or []):
            if a.get("type"):
                expect_text(e, "assessments[%d].type in words" % i,
                            words("case", "/properties/assessments/items/properties/type",
                                  a["type"]))
            expect_date(e, "assessments[%d].dueDate" % i, a.get("dueDate"))
        for i, a in enumerate(data.get("actions") or []):
            expect_text(e, "actions[%d].description" % i, a.get("description"))
            expect_text(e, "actions[%d].owner.name" % i, get(a, "owner.name"))
        for i, c in enumerate(data.get("contact") or []):
            expect_text(e, "contact[%d].withWhom" % i, c.get("withWhom"))

    elif template == "matching":
        m = data["matching"]
        expect_text(e, "matching.carer.names", get(m, "carer.names"))
        expect_text(e, "matching.carer.approvalTerms", get(m, "carer.approvalTerms"))
        expect_date(e, "matching.placementStartDate", m.get("placementStartDate"))
        expect_date(e, "matching.carerAgreedDate", m.get("carerAgreedDate"))
        if m.get("recommendation"):
            expect_text(e, "matching.recommendation in words",
                        words("case", "/properties/matching/properties/recommendation",
                              m["recommendation"]))
        expect_text(e, "matching.views.child", get(m, "views.child"))
        expect_text(e, "matching.supervisingSocialWorker.name",
                    get(m, "supervisingSocialWorker.name"))
        for i, h in enumerate(get(m, "carer.householdMembers", []) or []):
            expect_text(e, "matching.carer.householdMembers[%d].name" % i, h.get("name"))
        for i, g in enumerate(m.get("matchGrid") or []):
            if g.get("domain"):
                expect_text(e, "matching.matchGrid[%d].domain in words" % i,
                            words("case", "/properties/matching/properties/matchGrid/items/"
                                  "properties/domain", g["domain"]))
            expect_text(e, "matching.matchGrid[%d].childNeed" % i, g.get("childNeed"))
            expect_text(e, "matching.matchGrid[%d].carerCapacity" % i, g.get("carerCapacity"))
            expect_text(e, "matching.matchGrid[%d].gap" % i, g.get("gap"))
            expect_text(e, "matching.matchGrid[%d].mitigation" % i, g.get("mitigation"))
        for i, s in enumerate(m.get("supportPlan") or []):
            expect_text(e, "matching.supportPlan[%d].description" % i, s.get("description"))
            expect_money(e, "matching.supportPlan[%d].cost" % i, s.get("cost"))
        for key, label in (("fosterCarePlanRecorded", "Foster care plan recorded"),
                           ("stayingPutIntention", "Carers intend to offer")):
            if isinstance(m.get(key), bool):
                e.append(("matching.%s (yes/no, beside its label)" % key,
                          ROW(label, fmt_yesno(m[key]))))

    elif template == "finance-request":
        f = data["finance"]
        expect_text(e, "finance.requestType in words",
                    words("case", "/properties/finance/properties/requestType",
                          f.get("requestType")))
        expect_money(e, "finance.amount", f.get("amount"))
        expect_money(e, "finance.totalCommitment", f.get("totalCommitment"))
        expect_text(e, "finance.justification", f.get("justification"))
        expect_text(e, "finance.requester.name", get(f, "requester.name"))
        expect_text(e, "finance.payee.name", get(f, "payee.name"))
        expect_date(e, "finance.startDate", f.get("startDate"))
        expect_date(e, "finance.reviewDate", f.get("reviewDate"))
        for i, q in enumerate(f.get("quotes") or []):
            expect_text(e, "finance.quotes[%d].supplier" % i, q.get("supplier"))
            expect_money(e, "finance.quotes[%d].amount" % i, q.get("amount"))
        for i, a in enumerate(f.get("approvals") or []):
            expect_text(e, "finance.approvals[%d].name" % i, a.get("name"))
            if a.get("decision"):
                expect_text(e, "finance.approvals[%d].decision in words" % i,
                            words("case", "/properties/finance/properties/approvals/items/"
                                  "properties/decision", a["decision"]))
            expect_money(e, "finance.approvals[%d].amountApproved" % i, a.get("amountApproved"))
            expect_date(e, "finance.approvals[%d].date" % i, a.get("date"))

    elif template == "decision-record":
        expect_date(e, "meeting.date", get(data, "meeting.date"))
        expect_text(e, "meeting.chair.name", get(data, "meeting.chair.name"))
        for i, p in enumerate(get(data, "meeting.membersPresent", []) or []):
            expect_text(e, "meeting.membersPresent[%d].name" % i, p.get("name"))
        expect_text(e, "outcomeLabel", data.get("outcomeLabel"))
        expect_text(e, "meeting.panelTypeLabel", get(data, "meeting.panelTypeLabel"))
        expect_text(e, "monitoringLabel", data.get("monitoringLabel"))
        for i, plan in enumerate(data.get("agreedParallelPlanLabels") or []):
            expect_text(e, "agreedParallelPlanLabels[%d]" % i, plan)
        expect_text(e, "rationale", data.get("rationale"))
        expect_text(e, "agreedPrimaryPlanLabel", data.get("agreedPrimaryPlanLabel"))
        expect_text(e, "summary", data.get("summary"))
        expect_date(e, "nextReviewDate", data.get("nextReviewDate"))
        for i, t in enumerate(data.get("themes") or []):
            expect_text(e, "themes[%d]" % i, t)
        for i, a in enumerate(data.get("actions") or []):
            expect_text(e, "actions[%d].description" % i, a.get("description"))
            expect_text(e, "actions[%d].owner.name" % i, get(a, "owner.name"))
            expect_date(e, "actions[%d].dueDate" % i, a.get("dueDate"))
        expect_text(e, "adm.name", get(data, "adm.name"))

    elif template == "agenda":
        expect_text(e, "panel.name", get(data, "panel.name"))
        expect_text(e, "panel.typeLabel", get(data, "panel.typeLabel"))
        expect_text(e, "panel.venue", get(data, "panel.venue"))
        expect_text(e, "panel.chair.name", get(data, "panel.chair.name"))
        expect_text(e, "panel.administrator.name", get(data, "panel.administrator.name"))
        apologised = {a.get("name") for a in data.get("apologies") or []}
        for i, m in enumerate(get(data, "panel.attending", []) or []):
            expect_text(e, "panel.attending[%d].name" % i, m.get("name"))
            expect_text(e, "panel.attending[%d].role" % i, m.get("role"))
        for i, m in enumerate(get(data, "panel.members", []) or []):
            if m.get("name") in apologised:
                e.append(("panel.members[%d] sent apologies: listed once, under apologies only"
                          % i, TIMES(m["name"], 1)))
        expect_date(e, "date", data.get("date"))
        expect_text(e, "weekday", data.get("weekday"))
        expect_text(e, "startTime", data.get("startTime"))
        expect_text(e, "endTime", data.get("endTime"))
        if data.get("endTime"):
            e.append(("startTime to endTime (beside its label)",
                      ROW("Time", "%s to %s" % (data["startTime"], data["endTime"]))))
        if data.get("weekday"):
            e.append(("weekday and date (beside its label)",
                      ROW("Date", "%s %s" % (data["weekday"], fmt_date(data["date"])))))
        if data.get("extraSitting"):
            expect_text(e, "sittingNote (an extra sitting)", data.get("sittingNote"))
        for key, label in (("papersDue", "Papers due"), ("packAvailable", "Pack circulated"),
                           ("minutesDue", "Minutes due")):
            when = data.get(key) or {}
            if fmt_date(when.get("date")) and when.get("time"):
                e.append(("%s.date and .time (beside its label)" % key,
                          ROW(label, "%s at %s" % (fmt_date(when["date"]), when["time"]))))
        for key, label in (("cases", "Cases booked"), ("papersExpected", "Papers expected"),
                           ("papersOnTime", "Papers on time"), ("papersLate", "Papers late"),
                           ("papersMissing", "Papers missing")):
            value = get(data, "counts." + key)
            if isinstance(value, int):
                e.append(("counts.%s (beside its label)" % key, ROW(label, str(value))))
        apologies = data.get("apologies") or []
        for i, a in enumerate(apologies):
            expect_text(e, "apologies[%d].name" % i, a.get("name"))
        if not apologies:
            e.append(("no apologies", "No apologies."))
        schedule = data.get("schedule") or []
        for i, s in enumerate(schedule):
            expect_text(e, "schedule[%d].start" % i, "%s–%s" % (s.get("start"), s.get("end")))
            if s.get("isBreak"):
                expect_text(e, "schedule[%d].title (a break)" % i, s.get("title"))
            else:
                expect_text(e, "schedule[%d].title (case %s)" % (i, s.get("number")),
                            "%s. %s" % (s.get("number"), s.get("title")))
        if not schedule:
            e.append(("an empty timetable", "No cases booked for this sitting."))
        items = data.get("items") or []
        for i, item in enumerate(items):
            expect_text(e, "items[%d] heading" % i, "Case %s: %s"
                        % (item.get("number"), get(item, "child.name")))
            expect_text(e, "items[%d].slot" % i, "%s–%s" % (item.get("slot"), item.get("endTime")))
            expect_text(e, "items[%d].child.name" % i, get(item, "child.name"))
            expect_text(e, "items[%d].child.childId" % i, get(item, "child.childId"))
            expect_text(e, "items[%d].caseRef" % i, item.get("caseRef"))
            expect_text(e, "items[%d].legalStatusLabel" % i,
                        item.get("legalStatusLabel") or "Not recorded")
            expect_text(e, "items[%d].reasonLabel" % i, item.get("reasonLabel"))
            for j, p in enumerate(item.get("presenters") or []):
                expect_text(e, "items[%d].presenters[%d].name" % (i, j), p.get("name"))
            for j, p in enumerate(item.get("papers") or []):
                # the paper's row: its kind beside its status, then when it came (or not)
                e.append(("items[%d].papers[%d].statusLabel (beside its typeLabel)" % (i, j),
                          ROW(p.get("typeLabel"), p.get("statusLabel"))))
                if p.get("receivedAt"):
                    expect_date(e, "items[%d].papers[%d].receivedAt" % (i, j), p["receivedAt"])
                else:
                    e.append(("items[%d].papers[%d] not received" % (i, j), "Not received"))
            if item.get("allPapersOnTime"):
                e.append(("items[%d].allPapersOnTime" % i, "All papers were received on time."))
            else:
                for key, label in (("missingPapers", "Not received:"),
                                   ("latePapers", "Received late:")):
                    e.append(("items[%d].%s" % (i, key),
                              "%s %s" % (label, ", ".join(item.get(key) or []) or "none")))
        if not items:
            e.append(("no cases", "No cases are booked for this sitting."))
        actions = data.get("actions") or []
        for i, a in enumerate(actions):
            expect_text(e, "actions[%d].description" % i, a.get("description"))
            expect_text(e, "actions[%d].owner.name" % i, get(a, "owner.name"))
            expect_date(e, "actions[%d].dueDate" % i, a.get("dueDate"))
            if a.get("status"):
                expect_text(e, "actions[%d].status in words" % i,
                            words("common", "/$defs/Action/properties/status", a["status"]))
        if not actions:
            e.append(("no actions", "No actions outstanding."))

    elif template == "report":
        quarter, previous = data.get("quarter"), data.get("previousQuarter")
        expect_text(e, "quarter", quarter)
        expect_text(e, "quarterLabel", data.get("quarterLabel"))
        expect_text(e, "previousQuarter", previous)
        expect_text(e, "previousQuarterLabel", data.get("previousQuarterLabel"))
        expect_date(e, "from", data.get("from"))
        expect_date(e, "to", data.get("to"))
        expect_date(e, "generatedAt", data.get("generatedAt"))
        if isinstance(data.get("decisions"), int) and isinstance(data.get("previousDecisions"),
                                                                 int):
            e.append(("decisions and previousDecisions (beside their label)",
                      ROW("Decisions made", "%d this quarter, %d the quarter before"
                          % (data["decisions"], data["previousDecisions"]))))
        zero_percent = 0   # how many times "0%" may be printed: only for 0 of some cases
        for i, m in enumerate(data.get("measures") or []):
            what = "measures[%d] (%s)" % (i, m.get("id"))
            expect_text(e, what + ".id", m.get("id"))
            expect_text(e, what + ".title", m.get("title"))
            expect_text(e, what + ".definition", m.get("definition"))
            for side in ("current", "previous"):
                expect_text(e, "%s.%s (as printed)" % (what, side), report_shown(m, side))
                s = m.get(side) or {}
                if not m.get("isCount") and s.get("hasCases") and s.get("percentageText") == "0%":
                    zero_percent += 2   # in the table of measures and in the chart
            # the table of measures: its row reads id, title, this quarter, the quarter
            # before, the change; "no cases" where a denominator is 0, never a percentage
            e.append((what + " in the table of measures: id, title, this quarter %r, the "
                      "quarter before %r, change" % (report_shown(m, "current"),
                                                      report_shown(m, "previous")),
                      LAYOUT(r"^[ \t]*%s%s%s%s%s%s%s%s[ \t]*$" % (
                          re.escape(m.get("id")), GAP, words_prefix(m.get("title")), GAP,
                          re.escape(report_shown(m, "current")), GAP,
                          re.escape(report_shown(m, "previous")) + GAP,
                          re.escape(m.get("verdict") or "not comparable")))))
            # the chart: this quarter's line (beside the id and title) above the quarter
            # before's
            e.append((what + " in the chart: this quarter's bar, count or 'no cases' above "
                      "the quarter before's",
                      LAYOUT(r"^[ \t]*%s[ \t]+%s%s.*?%s\n(?:[ \t]*\n)*.*?%s" % (
                          re.escape(m.get("id")), words_prefix(m.get("title")), GAP,
                          report_chart_line(m, "current", quarter),
                          report_chart_line(m, "previous", previous)))))
        e.append(('"0%%" printed only for a share of 0 out of some cases (%d times), never '
                  'for a measure without cases' % zero_percent, TOKENS("0%", zero_percent)))
        outcomes = data.get("outcomes") or []
        for i, o in enumerate(outcomes):
            what = "outcomes[%d] (%s)" % (i, o.get("outcome"))
            expect_text(e, what + ".label", o.get("label"))
            bar = lambda b: re.escape(b) + GAP if b else ""
            e.append((what + ": its label, this quarter's bar and count %d above the quarter "
                      "before's %d" % (o.get("count"), o.get("previousCount")),
                      LAYOUT(r"^[ \t]*%s%s%s[ \t]+%s%d[ \t]*\n(?:[ \t]*\n)*.*?%s[ \t]+%s%d"
                             r"[ \t]*$" % (words_prefix(o.get("label")), GAP,
                                           re.escape(quarter), bar(o.get("bar")),
                                           o.get("count"), re.escape(previous),
                                           bar(o.get("previousBar")),
                                           o.get("previousCount")))))
        if not outcomes:
            e.append(("no outcomes", "No decisions this quarter"))
    return e


def header_line(template, data):
    """The second line of each page's header, as the templates print it."""
    if template == "agenda":
        return "%s · %s" % (get(data, "panel.name"), fmt_date(data.get("date")))
    if template == "report":
        return "%s · Quarterly highlight report · %s" % (
            data.get("localAuthority") or "Children's Services",
            data.get("quarterLabel") or data.get("quarter"))
    return "%s · Child ID %s · Case ref %s" % (get(data, "child.name"),
                                               get(data, "child.childId"), data.get("caseRef"))


# --------------------------------------------------------------------------- commands

def run(*args, timeout=120):
    return subprocess.run([str(a) for a in args], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, timeout=timeout)


def check_templates():
    for name, (schema, _) in TEMPLATES.items():
        for fmt in FORMATS:
            path = SOURCE / "templates" / ("%s.%s" % (name, fmt))
            if not ok(path.is_file(), "templates/%s.%s exists" % (name, fmt)):
                continue
            r = run(BINARY, "check", path, "--schema", schema, "--json")
            try:
                report = json.loads(r.stdout.decode("utf-8"))
            except ValueError:
                ok(False, "check --json on templates/%s.%s printed JSON (exit %d): %s"
                   % (name, fmt, r.returncode, r.stderr.decode(errors="replace")[:300]))
                continue
            errors = [d for d in report.get("errors", []) if d.get("severity") == "error"]
            warnings = [d for d in report.get("errors", []) if d.get("severity") != "error"]
            ok(not errors and r.returncode == 0,
               "check --schema %s templates/%s.%s: expected no errors, got %s"
               % (schema, name, fmt, json.dumps(errors)[:800]))
            ok(not warnings,
               "check --schema %s templates/%s.%s: expected no warnings, got %s"
               % (schema, name, fmt, json.dumps(warnings)[:800]))
            ok(len(report.get("tags", [])) > 10,
               "templates/%s.%s uses its fields (%d tags)" % (name, fmt,
                                                               len(report.get("tags", []))))


def broken_over_pages(value, pages):
    """Whether value starts on one page and ends on the next (a table row broken over a page
    break, its label cell read between the halves)."""
    for here, there in zip(pages, pages[1:]):
        for i in range(1, len(value)):
            if value[:i] in here and value[i:] in there:
                return True
    return False


def check_every_code_has_words():
    """Every enum of the schemas documents are filled from gives words for each code."""
    for name in DOCUMENT_SCHEMAS:
        for pointer, node in enums_of(schema_document(name)):
            labels = node.get("x-labels") or {}
            missing = [c for c in node["enum"] if not labels.get(c)]
            ok(not missing, "%s.schema.json#%s: x-labels gives words for every code (none for "
               "%s)" % (name, pointer, ", ".join(map(str, missing))))


def sitting_cases():
    """The AEP case as the pack fills its papers for a sitting of the sample office's AEP
    panel: the case file and the "sitting" panelpack adds (the panel from office.json and the
    deadline `panelpack agenda aep 2027-01-11 --json` computes)."""
    office = SOURCE / "samples" / "office"
    case = office / "cases" / "LCS900107.json"
    if not case.is_file():
        return []
    r = run(BINARY, "agenda", "aep", "2027-01-11", "--office", office, "--json", "--now",
            AGENDA_NOW)
    if not ok(r.returncode == 0, "panelpack agenda aep 2027-01-11 --json: exit %d"
              % r.returncode):
        return []
    agenda = json.loads(r.stdout.decode("utf-8"))
    data = load(case)
    data["sitting"] = {"panel": {k: agenda["panel"][k] for k in ("id", "name", "type",
                                                                   "typeLabel")},
                       "date": agenda["date"], "weekday": agenda["weekday"],
                       "startTime": agenda["startTime"],
                       "papersDue": {k: agenda["papersDue"][k] for k in ("date", "time")}}
    folder = RENDERED / "sitting-data"
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / "LCS900107-aep.json"
    out.write_text(json.dumps(data), encoding="utf-8")
    return [("sitting-aep-LCS900107", out, "case")]


CODES = schema_codes()


def main():
    if not ok(Path(BINARY).is_file(), "PANELPACK_BIN %s exists" % BINARY):
        print("%d passed, %d failed" % (passed, failed))
        return 1
    check_templates()
    check_every_code_has_words()

    out_dir = RENDERED / "out"
    pdf_dir = RENDERED / "pdf"
    for d in (out_dir, pdf_dir):
        if d.exists():
            shutil.rmtree(d)
        d.mkdir(parents=True)

    jobs = []  # (output path, template, fmt, data label, data)
    for label, path, schema in data_files() + sitting_cases():
        r = run(BINARY, "validate", path, "--schema", schema)
        if not ok(r.returncode == 0, "%s is valid against the %s schema: %s"
                  % (display_path(path), schema, r.stdout.decode(errors="replace")[:600])):
            continue
        data = load(path)
        for template in templates_for(schema, data):
            for fmt in FORMATS:
                tpl = SOURCE / "templates" / ("%s.%s" % (template, fmt))
                out = out_dir / ("%s-%s--%s.%s" % (template, fmt, label, fmt))
                r = run(BINARY, "render", tpl, path, "-o", out)
                what = "render templates/%s.%s with %s" % (template, fmt,
                                                           display_path(path))
                if not ok(r.returncode == 0 and out.is_file(), "%s: exit %d, %s"
                          % (what, r.returncode, r.stderr.decode(errors="replace")[:600])):
                    continue
                ok(r.stderr.strip() == b"", "%s: no warnings expected, got %s"
                   % (what, r.stderr.decode(errors="replace")[:600]))
                jobs.append((out, template, fmt, label, data))

    ok(any(j[1] == t for j in jobs for t in TEMPLATES) and
       all(any(j[1] == t for j in jobs) for t in TEMPLATES),
       "every template rendered at least once (have: %s)" % sorted({j[1] for j in jobs}))
    if not jobs:
        print("%d passed, %d failed" % (passed, failed))
        return 1

    # One soffice call for every output, with a profile of its own.
    profile = Path(tempfile.mkdtemp(prefix="pp-lo-profile-"))
    try:
        r = run("soffice", "--headless", "--norestore",
                "-env:UserInstallation=" + profile.as_uri(),
                "--convert-to", "pdf", "--outdir", pdf_dir, *[j[0] for j in jobs],
                timeout=540)
        ok(r.returncode == 0, "soffice converted the outputs (exit %d): %s"
           % (r.returncode, r.stderr.decode(errors="replace")[-600:]))
    finally:
        shutil.rmtree(profile, ignore_errors=True)

    for out, template, fmt, label, data in jobs:
        pdf = pdf_dir / (out.stem + ".pdf")
        doc = "%s.%s with %s" % (template, fmt, label)
        if not ok(pdf.is_file(), "%s: LibreOffice opened it and wrote %s" % (doc, pdf.name)):
            continue
        r = run("pdftotext", "-enc", "UTF-8", pdf, "-")
        text = r.stdout.decode("utf-8", errors="replace")
        pages = [p for p in text.split("\f") if p.strip()]
        if not ok(pages, "%s: the PDF has text" % doc):
            continue
        # the body's text, without the header and footer of each page (a value that runs
        # over a page break must still read as one)
        furniture = [squash(MARKING), squash(header_line(template, data))]
        body = []
        cells = page_cells(pdf)
        ok(len(cells) == len(pages), "%s: pdftotext -bbox sees %d pages, as pdftotext does (%d)"
           % (doc, len(cells), len(pages)))
        for k, page in enumerate(cells, 1):
            flat = squash(" ".join(page)).replace(
                squash("%s — %s · Page %d of %d"
                       % (panel_words(template, data), TEMPLATES[template][1], k,
                          len(pages))), "")
            for f in furniture:
                flat = flat.replace(f, "")
            body.append(flat)
        whole = "".join(body)
        # the same in pdftotext's reading order: a table row broken over a page break reads
        # on there, where the regrouped cells put the row's label between its two halves
        plain = []
        for k, page in enumerate(pages, 1):
            flat = squash(page).replace(
                squash("%s — %s · Page %d of %d"
                       % (panel_words(template, data), TEMPLATES[template][1], k,
                          len(pages))), "")
            for f in furniture:
                flat = flat.replace(f, "")
            plain.append(flat)
        plain_whole = "".join(plain)

        # page furniture, page by page
        n = len(pages)
        for k, page in enumerate(pages, 1):
            ok(page.count(MARKING) >= 2,
               "%s page %d: OFFICIAL-SENSITIVE at top and bottom (found %d)"
               % (doc, k, page.count(MARKING)))
            ok(squash("Page %d of %d" % (k, n)) in squash(page),
               "%s page %d: shows 'Page %d of %d'" % (doc, k, k, n))
            if template not in ("agenda", "report"):
                ok(squash(data["child"]["name"]) in squash(page),
                   "%s page %d: the child's name %r in the header"
                   % (doc, k, data["child"]["name"]))
                ok(squash(data["child"]["childId"]) in squash(page),
                   "%s page %d: the child ID %r in the header"
                   % (doc, k, data["child"]["childId"]))
        ok("{{" not in text and "}}" not in text,
           "%s: no tag left visible (found %r)" % (doc, re.findall(r".{0,30}\{\{.{0,30}", text)[:3]))
        printed = [t for t in re.findall(r"[A-Za-z0-9][\w\-]*", text) if t in CODES]
        ok(not printed, "%s: no code of the schemas in the text, found %s"
           % (doc, ", ".join(sorted({"%s (%s)" % (t, CODES[t]) for t in printed}))))

        layout = None
        for what, value in expectations(template, data):
            if isinstance(value, LAYOUT) and layout is None:
                layout = run("pdftotext", "-enc", "UTF-8", "-layout", pdf, "-")
                layout = layout.stdout.decode("utf-8", errors="replace")
            if isinstance(value, LAYOUT):
                ok(re.search(value, layout, re.M), "%s: %s (no line of pdftotext -layout "
                   "matches %s)" % (doc, what, value))
                continue
            if isinstance(value, PLAIN):
                ok(squash(value) in squash(text), "%s: %s should show %r" % (doc, what, value))
                continue
            if isinstance(value, TIMES):
                phrase, times = value
                found = " ".join(text.split()).count(phrase)
                ok(found == times, "%s: %s: found %d times" % (doc, what, found))
                continue
            if isinstance(value, TOKENS):
                word, times = value
                found = len(re.findall(r"(?<!\S)%s(?!\S)" % re.escape(word), text))
                ok(found == times, "%s: %s: found %d" % (doc, what, found))
                continue
            if isinstance(value, ROW):
                if layout is None:
                    layout = run("pdftotext", "-enc", "UTF-8", "-layout", pdf, "-")
                    layout = layout.stdout.decode("utf-8", errors="replace")
                label, shown = value
                ok(re.search(r"%s\s+%s\b" % (re.escape(label), re.escape(shown)), layout),
                   "%s: %s should show %r beside %r" % (doc, what, shown, label))
                continue
            ok(squash(value) in whole or squash(value) in plain_whole or
               broken_over_pages(squash(value), body),
               "%s: %s should show %r" % (doc, what, value))

    print()
    print("rendered documents and PDFs are in %s" % RENDERED)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
