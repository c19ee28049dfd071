#include "help/help.hpp"

#include <string>

namespace panelpack::cli {
namespace {

constexpr std::string_view exit_codes = R"(Exit codes:
  0  success
  1  the template or the data has errors (nothing is written for a failed document)
  2  the command line is wrong
  3  the machine failed: a file could not be read or written, memory ran out, a bug
  4  another run is busy with the same work (packing the same sitting, a tick); try again later
)";

constexpr std::string_view main_text =
    R"(panelpack - the paperwork of children's permanence panels: forms filled from JSON case
data, agendas and packs for each sitting, deadlines and what is late

Usage:
  panelpack render TEMPLATE DATA.json -o OUTPUT [--strict] [--delimiters "OPEN CLOSE"]
  panelpack render TEMPLATE --each RECORDS -o 'DIR/{{field}}.docx' [-j N] [--strict]
  panelpack check TEMPLATE [--json] [--schema KIND] [--delimiters "OPEN CLOSE"]
  panelpack validate FILE... [--schema KIND] [--json]
  panelpack fields [KIND] [--json]
  panelpack init DIR
  panelpack calendar [--from DATE] [--to DATE] [--panel ID] [--json]
  panelpack calendar add|cancel|move PANEL DATE [NEW_DATE] --reason TEXT
  panelpack book PANEL DATE CASEREF [--reason R] [--papers LIST] [--received TYPE] [--remove]
  panelpack chase PANEL DATE CASEREF --paper TYPE
  panelpack book PANEL DATE CASEREF (--presenter "NAME; ROLE; EMAIL"... | --case-file-presenters)
  panelpack apologies add|remove PANEL DATE MEMBER...
  panelpack agenda PANEL DATE (-o FILE | --json)
  panelpack pack PANEL DATE [--pdf] [--password-file FILE | --password-env NAME]
  panelpack status [--json]
  panelpack tick [--dry-run]
  panelpack intake [--json]
  panelpack outbox [list|retry|cancel] [ID | --key PREFIX] [--json]
  panelpack decisions PANEL DATE [--name PATTERN] [--no-pdf]
  panelpack records send PANEL DATE [CASEREF] | records on-file PANEL DATE CASEREF [--reference X]
  panelpack tracker -o tracker.xlsx [--from DATE] [--to DATE]
  panelpack report --quarter 2026-Q3 (-o report.docx | --json)
  panelpack actions [--overdue] [--person NAME] | actions done PANEL DATE CASEREF ID --note TEXT
  panelpack templates [list | install KIND FILE [--why TEXT] | restore KIND NUMBER]
  panelpack users (add USER --role ROLE | list | disable USER | enable USER | reset USER | audit)
  panelpack serve [--listen 127.0.0.1:8080] [--tls-cert FILE --tls-key FILE]
  panelpack help COMMAND
  panelpack --version

Templates:
  render    fill the template from one JSON object, or one document per record with --each
  check     list the tags a template uses and every error and warning in it
  validate  check case, bookings, decision, agenda and office files against their schema
  fields    list every field a template can name, with its meaning
  templates the office's templates: install a checked new version, restore an old one
The office (run in the office folder, or give --office DIR or set PANELPACK_OFFICE):
  init      make a new office folder: office.json explained, templates to edit
  calendar  the panels' sittings with every deadline
  book      book a case onto a sitting, record a paper received, take it off, name presenters
  apologies record or withdraw a panel member's apologies for a sitting
  agenda    a sitting's agenda: time slots, presenters, papers on time, late or missing
  pack      a sitting's pack: agenda and papers in order, manifest, zip, and a PDF
  status    what needs attention: children not yet considered, PPTMs overdue, late papers
  tick      mail what is due: reminders, the pack's circulation, missing papers, minutes
  outbox    the mail sent and waiting: list, retry or cancel
  intake    file the papers sent to the submission mailbox, and answer their senders
  chase     email a case's presenters that a paper is missing (a chaser), sent by the tick
After a sitting:
  decisions each child's decision record, named for upload to the child's file
  records   send the agreed records to the social worker and team manager; mark them on file
  tracker   every decision and action as a spreadsheet (XLSX or CSV)
  report    the quarterly highlight report: timeliness and outcomes, beside the last quarter
  actions   every action the panels agreed, who owes it and by when; mark one done
The web console:
  users     who may sign in: add, list, disable, enable, reset; and the audit of who did what
  serve     the office in a web browser (being built: signing in and the audit for now)

KIND is case, bookings, decision, agenda, office, decisions or report. A template is an
ordinary .docx or .odt in which someone typed Mustache tags such as {{child.name}}. Run
'panelpack help COMMAND' for options and examples. A template file is never modified.

)";

constexpr std::string_view render_text = R"(Usage:
  panelpack render TEMPLATE DATA.json -o OUTPUT [--strict] [--delimiters "OPEN CLOSE"]
  panelpack render TEMPLATE --each RECORDS -o 'DIR/{{field}}.docx' [-j N] [--strict]
                   [--delimiters "OPEN CLOSE"]

Fills TEMPLATE (.docx or .odt) with the fields of DATA.json (one JSON object; '-' reads standard
input) and writes OUTPUT. The output is written whole or not at all: if the template or the
data has an error, every error is printed and nothing is written (an existing OUTPUT is left
as it was).

Options:
  -o, --output PATH       where to write. PATH may name fields of the data as Mustache tags:
                          -o 'out/referral-{{case_ref}}.docx'. Each value is made safe as a
                          file name (no '/', '\', control characters or leading '.'; empty
                          becomes '_'). Missing directories are created.
  --each RECORDS          render one document per record. RECORDS is JSON Lines (one object
                          per line, blank lines skipped), a JSON array of objects, or a folder
                          whose *.json files are one record each (a case office's cases/).
                          -o must then contain a tag, so every record gets its own file name.
                          A bad record (malformed JSON, not an object, missing fields under
                          --strict, an empty or duplicate output name) is reported with its
                          line number (its position in an array; its file in a folder) and
                          the others still render.
  -j, --jobs N            with --each, read and render on N threads (default: every core;
                          -j 1 uses one). Outputs and messages are the same either way.
  --strict                a field the template names but the data lacks is an error, and
                          nothing is written (false, null, [] and "" count as present).
  --delimiters "OPEN CLOSE"
                          the tag delimiters, as one argument with a space between them;
                          "{ }" reads docxtemplater-style templates ({name}). Default "{{ }}".
  -h, --help              show this help.

Messages name files, parts, paragraphs and line numbers; they never quote case data.
Malformed JSON is reported as FILE:LINE:COLUMN. With --each, a progress line is shown when
standard error is a terminal, and a summary is printed at the end:
  rendered 198 of 200 documents into out (2 failed: lines 3, 17)

Examples:
  panelpack render referral.docx case.json -o out/referral.docx
  panelpack render referral.docx case.json -o 'out/referral-{{case_ref}}.docx' --strict
  export-cases | panelpack render referral.docx - -o out/referral.docx
  panelpack render referral.docx --each cases.jsonl -o 'out/{{case_ref}}.docx' -j 0
  panelpack render templates/referral.docx --each samples/office/cases \
      -o 'out/referral-{{caseRef}}.docx' -j 0

)";

constexpr std::string_view check_text = R"(Usage:
  panelpack check TEMPLATE [--json] [--schema KIND] [--delimiters "OPEN CLOSE"]

Reads TEMPLATE (.docx or .odt) and prints a summary line first ("2 mistakes in 31 places"), then
each mistake once, in document order: what is wrong, what to do, the tag to write and the name
probably meant when panelpack is sure, and where it is in Word's words (heading, table, row and
cell, footnote, header; else the part and paragraph) with the paragraph's text. The same mistake
typed many times is one entry with its count and its first places. Then the tags it uses, each
once, in the order they first appear. Warnings (for example a section tag that shares its
paragraph with other text) do not stop rendering; errors do.

Options:
  --json                  print {"summary": {"mistakes", "places", "errors", "warnings"},
                          "tags": [...], "errors": [{"code", "severity", "part", "paragraph",
                          "excerpt", "tag", "message", "hint", "suggestion", "fix",
                          "location", "count", "places"}]} instead of text: one entry per
                          mistake; errors and warnings are both in "errors", told apart by
                          "severity" (docs/cli.md).
  --schema KIND           also check every tag against the fields of the case, agenda or
                          decision schema (see 'panelpack fields'); the referral, matching
                          and finance templates are filled from a case, the agenda template
                          from an agenda, the decision record from a decision:
                            unknown_field     (error) the tag names no field; the hint gives
                                              the nearest one: did you mean child.name?
                            section_not_list  (warning) a section over a single value, such as
                                              {{#child.dob}}: it shows once, when there is a
                                              value, instead of repeating over a list
                          Inside {{#chronology}}...{{/chronology}} a name is looked up in one
                          chronology entry first ({{date}}), then outside it ({{caseRef}}).
  --delimiters "OPEN CLOSE"
                          the tag delimiters, as one argument, e.g. "{ }". Default "{{ }}".
  -h, --help              show this help.

Exits 1 only when the template has an error (warnings alone exit 0).

Examples:
  panelpack check referral.docx
  panelpack check --json referral.docx > referral-check.json
  panelpack check --delimiters "{ }" docxtemplater-template.docx
  panelpack check --schema case templates/referral.docx

)";

constexpr std::string_view validate_text = R"(Usage:
  panelpack validate FILE... [--schema KIND] [--json]

Checks each JSON file against its schema (docs/schema/ in the source; built into panelpack)
and lists every problem, not just the first, as FILE:LINE: POINTER: what is wrong:

  cases/LCS100234.json:14: /legal/status: "C9" is not a legal status; expected one of V2, ...
  cases/LCS100234.json:21: /child/dob: "2026-02-30" is not a real date; expected a date
      written YYYY-MM-DD, such as 2026-03-04
  cases/LCS100234.json:30: /child/nmae: is not a known field; did you mean "name"?

POINTER is the value's path in the file (/chronology/2/date is the date of the third
chronology entry). Dates must be real calendar dates written YYYY-MM-DD. JSON that cannot be
read at all is reported as FILE:LINE:COLUMN, as render does; a file that is not UTF-8 is
refused with a request to save it as UTF-8. This output quotes the file's own values, for the
person checking their file: do not paste it into tickets or emails.

Options:
  --schema KIND           case, bookings, decision, agenda or office. Without it the schema
                          is guessed from the file's top-level fields: outcome or rationale
                          -> decision; panels or authority -> office; panel and items ->
                          bookings (agenda when panel is an object); child or caseRef -> case.
  --json                  print {"files": [{"file", "schema", "valid", "errors": [{"code",
                          "line", "pointer", "message", "expected", "suggestion"}]}]}.
  -h, --help              show this help.

Exits 0 when every file is valid, 1 when any file has a problem.

Examples:
  panelpack validate cases/LCS100234.json
  panelpack validate cases/*.json
  panelpack validate --schema decision decisions/2026-03-04-LCS100234.json

)";

constexpr std::string_view fields_text = R"(Usage:
  panelpack fields [KIND] [--json]

Prints every field a template can name, one per line: the path to type between {{ and }},
its kind (text, date, choice, yes/no, number, list, group) and its meaning. KIND is case
(the default: the referral, matching and finance templates), agenda (the agenda template),
decision (the decision record), or bookings and office (the files an administrator edits).

A list is shown with [] and its entries' fields follow it:
  chronology[]        list  The significant events in the child's life, oldest first.
  chronology[].date   date  The date of the event.
Type them as a section over the list, with the entry's fields inside:
  {{#chronology}}{{date}}  {{event}}{{/chronology}}
A group (child, legal, ...) is typed with dots: {{child.name}}, {{legal.status}}.

Options:
  --json                  print {"fields": [{"path", "kind", "required", "description",
                          "choices"}]}.
  -h, --help              show this help.

Examples:
  panelpack fields
  panelpack fields decision
  panelpack fields case | grep child.

)";

constexpr std::string_view init_text = R"(Usage:
  panelpack init DIR

Makes a new office in DIR (a new or empty folder; anything else is refused, exit 1):
  office.json   one panel with its sittings, people, deadlines and mail: fill it in
  README.md     every key of office.json explained (JSON holds no comments)
  cases/ bookings/ decisions/   empty, for case files, bookings and decisions
  templates/    copies of the templates installed with panelpack, which office.json names:
                edit them in Word or LibreOffice and this office uses your edits
DIR is readable by its owner only (mode 0700): it will hold OFFICIAL-SENSITIVE case data.
A failed init leaves nothing behind.

Template paths in office.json are read from the office folder, so an office can be copied or
moved whole. A kind of document office.json names no template for uses the one installed with
panelpack (PREFIX/share/panelpack/templates, or the source tree's templates/ for a build that
was never installed): docs/office.md.

Options:
  -h, --help              show this help.

Examples:
  panelpack init /srv/panels/office
  panelpack validate /srv/panels/office/office.json
  panelpack calendar --office /srv/panels/office

)";

std::string joined(std::string_view text) {
  std::string all(text);
  all += exit_codes;
  return all;
}

}  // namespace

std::string_view exit_codes_help() {
  return exit_codes;
}

std::string office_command_help(std::string_view text) {
  std::string all(text);
  all +=
      R"(  --office DIR            the office folder (office.json, cases/, bookings/...). Default:
                          $PANELPACK_OFFICE, else the current directory.
  --now TIME              act as if it were TIME (2026-12-10T09:00 London time, or with an
                          offset: 2026-12-10T09:00:00Z). Default: now.
  -h, --help              show this help.

)";
  all += exit_codes;
  return all;
}

std::string_view main_help() {
  static const std::string text = joined(main_text);
  return text;
}

std::string_view render_help() {
  static const std::string text = joined(render_text);
  return text;
}

std::string_view check_help() {
  static const std::string text = joined(check_text);
  return text;
}

std::string_view validate_help() {
  static const std::string text = joined(validate_text);
  return text;
}

std::string_view init_help() {
  static const std::string text = joined(init_text);
  return text;
}

std::string_view fields_help() {
  static const std::string text = joined(fields_text);
  return text;
}

std::optional<std::string_view> help_for(std::string_view command) {
  if (command == "render") return render_help();
  if (command == "check") return check_help();
  if (command == "validate") return validate_help();
  if (command == "fields") return fields_help();
  if (command == "init") return init_help();
  if (command == "users") return users_help();
  if (auto templates = templates_help_for(command)) return templates;
  if (command == "help") return main_help();
  if (auto console = console_help_for(command)) return console;
  return office_help_for(command);
}

}  // namespace panelpack::cli
