#include "office/intake/intake_status.hpp"

#include <system_error>

#include <nlohmann/json.hpp>

#include "office/error.hpp"
#include "office/files.hpp"
#include "office/intake/unmatched.hpp"
#include "panel/panel_error.hpp"

namespace panelpack::office {

namespace fs = std::filesystem;

namespace {

fs::path status_path(const Workspace& workspace) {
  return workspace.root() / "intake" / "status.json";
}

}  // namespace

void write_intake_status(const Workspace& workspace, const IntakeStatus& status) {
  nlohmann::json json = {{"at", panel::format_utc(status.at)}, {"ok", status.ok},
                         {"messages", status.messages},        {"filed", status.filed},
                         {"refused", status.refused},          {"unmatched", status.unmatched},
                         {"waiting", status.waiting}};
  if (!status.ok) {
    json["error"] = status.error;
    json["errorCode"] = status.error_code;
  }
  write_output(status_path(workspace), json.dump(2) + "\n");
}

std::optional<IntakeStatus> read_intake_status(const Workspace& workspace) {
  const fs::path path = status_path(workspace);
  std::error_code error;
  if (!fs::is_regular_file(path, error)) return std::nullopt;
  const auto json = nlohmann::json::parse(read_input(path.string()), nullptr, false);
  // panelpack writes it whole each run: a damaged one is told, and the next run replaces it.
  const auto damaged = [&]() {
    return OfficeError(OfficeError::Code::bad_input,
                       path.string() +
                           ": not the status panelpack intake writes; run panelpack intake to "
                           "write it again",
                       {path.string(), ""});
  };
  if (json.is_discarded() || !json.is_object()) throw damaged();
  try {
    IntakeStatus status;
    status.at = panel::parse_instant(json.at("at").get<std::string>());
    status.ok = json.at("ok").get<bool>();
    status.error = json.value("error", "");
    status.error_code = json.value("errorCode", "");
    status.messages = json.value("messages", 0);
    status.filed = json.value("filed", 0);
    status.refused = json.value("refused", 0);
    status.unmatched = json.value("unmatched", 0);
    status.waiting = json.value("waiting", 0);
    return status;
  } catch (const nlohmann::json::exception&) {
    throw damaged();
  } catch (const panel::PanelError&) {
    throw damaged();
  }
}

void write_failed_intake_status(const Workspace& workspace, panel::UtcInstant at,
                                const std::string& code, const std::string& words) {
  IntakeStatus status;
  status.at = at;
  status.ok = false;
  status.error = words;
  status.error_code = code;
  try {
    status.waiting = static_cast<int>(list_unmatched(workspace).size());
  } catch (const OfficeError&) {
    status.waiting = 0;  // the failure to read the mailbox is the news; the list waits
  }
  write_intake_status(workspace, status);
}

}  // namespace panelpack::office
