#include "help.hpp"

#include <string>

namespace panelpack::cli {
namespace {

constexpr std::string_view exit_codes = R"(Exit codes:
  0  success
  1  the template or the data has errors (nothing is written for a failed document)
  2  the command line is wrong
  3  the machine failed: a file could not be read or written, memory ran out, a bug
)";

constexpr std::string_view main_text =
    R"(panelpack - fill Word (.docx) templates with case data from JSON

Usage:
  panelpack render TEMPLATE DATA.json -o OUTPUT [--strict] [--delimiters "OPEN CLOSE"]
  panelpack render TEMPLATE --each RECORDS -o 'DIR/{{field}}.docx' [-j N] [--strict]
  panelpack check TEMPLATE [--json] [--delimiters "OPEN CLOSE"]
  panelpack help COMMAND
  panelpack --version

Commands:
  render   fill the template from one JSON object, or one document per record with --each
  check    list the tags a template uses and every error and warning in it

A template is an ordinary .docx in which someone typed Mustache tags such as {{child.name}}.
Run 'panelpack help render' or 'panelpack help check' for the options and examples.
The template file is never modified.

)";

constexpr std::string_view render_text = R"(Usage:
  panelpack render TEMPLATE DATA.json -o OUTPUT [--strict] [--delimiters "OPEN CLOSE"]
  panelpack render TEMPLATE --each RECORDS -o 'DIR/{{field}}.docx' [-j N] [--strict]
                   [--delimiters "OPEN CLOSE"]

Fills TEMPLATE (.docx) with the fields of DATA.json (one JSON object; '-' reads standard
input) and writes OUTPUT. The output is written whole or not at all: if the template or the
data has an error, every error is printed and nothing is written (an existing OUTPUT is left
as it was).

Options:
  -o, --output PATH       where to write. PATH may name fields of the data as Mustache tags:
                          -o 'out/referral-{{case_ref}}.docx'. Each value is made safe as a
                          file name (no '/', '\', control characters or leading '.'; empty
                          becomes '_'). Missing directories are created.
  --each RECORDS          render one document per record. RECORDS is JSON Lines (one object
                          per line, blank lines skipped) or a JSON array of objects. -o must
                          then contain a tag, so that every record gets its own file name.
                          A bad record (malformed JSON, not an object, missing fields under
                          --strict, an empty or duplicate output name) is reported with its
                          line number (its position, for an array) and the others still render.
  -j, --jobs N            with --each, render on N threads (default 1; 0 = every core).
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

)";

constexpr std::string_view check_text = R"(Usage:
  panelpack check TEMPLATE [--json] [--delimiters "OPEN CLOSE"]

Reads TEMPLATE (.docx) and lists the tags it uses, each once, in the order they first appear,
then every error and warning, each with its part (word/document.xml, word/header1.xml, ...),
paragraph number, the paragraph's text and the tag. Warnings (for example a section tag that
shares its paragraph with other text) do not stop rendering; errors do.

Options:
  --json                  print {"tags": [...], "errors": [{"code", "severity", "part",
                          "paragraph", "excerpt", "tag", "hint"}]} instead of text; errors and
                          warnings are both in "errors", told apart by "severity".
  --delimiters "OPEN CLOSE"
                          the tag delimiters, as one argument, e.g. "{ }". Default "{{ }}".
  -h, --help              show this help.

Exits 1 only when the template has an error (warnings alone exit 0).

Examples:
  panelpack check referral.docx
  panelpack check --json referral.docx > referral-check.json
  panelpack check --delimiters "{ }" docxtemplater-template.docx

)";

std::string joined(std::string_view text) {
  std::string all(text);
  all += exit_codes;
  return all;
}

}  // namespace

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

std::optional<std::string_view> help_for(std::string_view command) {
  if (command == "render") return render_help();
  if (command == "check") return check_help();
  if (command == "help") return main_help();
  return std::nullopt;
}

}  // namespace panelpack::cli
