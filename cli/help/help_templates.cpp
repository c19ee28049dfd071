// The help of `panelpack templates`.

#include <string>

#include "help/help.hpp"

namespace panelpack::cli {
namespace {

constexpr std::string_view templates_text = R"(Usage:
  panelpack templates [list] [--json]
  panelpack templates install KIND FILE [--why TEXT] [--by NAME]
  panelpack templates restore KIND NUMBER [--by NAME]

The office's document templates and every version of each (the console's Templates page does
the same). KIND is agenda, referral, matching, finance-request, decision-record or report.

  list      each kind's file in use, its format, the version in use and the versions kept.
  install   checks FILE (a .docx or .odt) as 'panelpack check --schema' checks it for the
            kind (referral, matching and finance-request against case, agenda against
            agenda, decision-record against decision, report against report). With an
            error it prints every one and installs nothing (exit 1). Without, it puts FILE
            in use where pack, agenda, decisions and report read it (office.json's
            templates.KIND, set to templates/KIND.docx or .odt when it named another file),
            keeping the one it replaces: templates/versions/KIND/N-YYYYMMDDTHHMMSS.docx, with
            who, when and why in templates/versions/KIND/versions.json (docs/office.md,
            "Template versions"). Warnings are printed and do not stop it.
  restore   puts version NUMBER back in use, recorded as a new version. Nothing is deleted.

Options:
  --why TEXT              what changed, kept with the version ("New council logo").
  --by NAME               who installed it, kept with the version. Default: "command line".
  --json                  list as JSON.

Examples:
  panelpack templates install referral ~/Documents/referral-2027.docx --why "New logo"
  panelpack templates list
  panelpack templates restore referral 1

)";

}  // namespace

std::optional<std::string_view> templates_help_for(std::string_view command) {
  static const std::string templates = office_command_help(templates_text);
  if (command == "templates") return templates;
  return std::nullopt;
}

}  // namespace panelpack::cli
