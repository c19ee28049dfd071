#include "office/templates/template_versions.hpp"

#include <algorithm>
#include <system_error>

#include <nlohmann/json.hpp>

#include "office/error.hpp"
#include "office/file_lock.hpp"
#include "office/files.hpp"
#include "office/office_change.hpp"
#include "panel/office_config.hpp"
#include "text/sha256.hpp"

namespace panelpack::office {

namespace fs = std::filesystem;

namespace {

using Json = nlohmann::ordered_json;

void require_kind(const std::string& kind) {
  const auto& kinds = document_template_kinds();
  if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) {
    throw OfficeError(OfficeError::Code::bad_argument,
                      "there is no kind of template called '" + kind +
                          "': use agenda, referral, matching, finance-request, decision-record "
                          "or report");
  }
}

fs::path versions_folder(const Workspace& workspace, const std::string& kind) {
  return workspace.root() / "templates" / "versions" / kind;
}

fs::path index_path(const Workspace& workspace, const std::string& kind) {
  return versions_folder(workspace, kind) / "versions.json";
}

bool is_file(const fs::path& path) {
  std::error_code error;
  return fs::is_regular_file(path, error);
}

Json to_json(const TemplateVersion& version) {
  Json entry = {{"number", version.number},
                {"file", version.file},
                {"format", version.format},
                {"installedAt", version.installed_at},
                {"installedBy", version.installed_by},
                {"why", version.why},
                {"sha256", version.sha256}};
  if (version.restored_from) entry["restoredFrom"] = *version.restored_from;
  return entry;
}

TemplateVersion from_json(const Json& entry) {
  TemplateVersion version;
  version.number = entry.value("number", 0);
  version.file = entry.value("file", "");
  version.format = entry.value("format", "");
  version.installed_at = entry.value("installedAt", "");
  version.installed_by = entry.value("installedBy", "");
  version.why = entry.value("why", "");
  if (entry.contains("restoredFrom") && entry["restoredFrom"].is_number_integer()) {
    version.restored_from = entry["restoredFrom"].get<int>();
  }
  version.sha256 = entry.value("sha256", "");
  return version;
}

std::vector<TemplateVersion> read_versions(const Workspace& workspace, const std::string& kind) {
  const fs::path index = index_path(workspace, kind);
  if (!is_file(index)) return {};
  std::vector<TemplateVersion> versions;
  try {
    const Json document = Json::parse(read_input(index.string()));
    for (const auto& entry : document.at("versions")) versions.push_back(from_json(entry));
  } catch (const nlohmann::json::exception& error) {
    throw OfficeError(OfficeError::Code::bad_input,
                      index.string() + " cannot be read (" + error.what() +
                          "): put back a copy from the office's backup",
                      {index.string(), ""});
  }
  return versions;
}

void write_versions(const Workspace& workspace, const std::string& kind,
                    const std::vector<TemplateVersion>& versions) {
  Json document = {{"kind", kind}, {"versions", Json::array()}};
  for (const auto& version : versions) document["versions"].push_back(to_json(version));
  write_output(index_path(workspace, kind), document.dump(2) + "\n");
}

// "20261205T093412" from "2026-12-05T09:34:12Z".
std::string compact_time(const std::string& utc) {
  std::string compact;
  for (const char c : utc) {
    if (c != '-' && c != ':' && c != 'Z') compact += c;
  }
  return compact;
}

// Stores `bytes` as the next version and adds it to `versions`.
TemplateVersion keep_version(const Workspace& workspace, const std::string& kind,
                             std::vector<TemplateVersion>& versions, const std::string& bytes,
                             TemplateFormat format, TemplateVersion details) {
  details.number = versions.empty() ? 1 : versions.back().number + 1;
  details.file = std::to_string(details.number) + "-" + compact_time(details.installed_at) +
                 std::string(extension_of(format));
  details.format = std::string(format_words(format));
  details.sha256 = text::sha256_hex(bytes);
  write_output(versions_folder(workspace, kind) / details.file, bytes);
  versions.push_back(details);
  return details;
}

// office.json names `relative` for the kind, through the one path that changes office.json
// (its lock, keys kept in order, validated); nothing when it does already.
void name_in_office(const Workspace& workspace, const std::string& kind,
                    const std::string& relative) {
  const OfficeChangeResult result =
      change_office(workspace.root(), nullptr, [&](nlohmann::ordered_json& office) {
        if (!office.contains("templates") || !office["templates"].is_object()) {
          office["templates"] = nlohmann::ordered_json::object();
        }
        office["templates"][kind] = relative;
        return true;
      });
  if (!result.problems.empty()) {
    std::string message = "office.json would not be valid naming " + relative + " for " + kind +
                          ", so the template was not put in use:";
    for (const std::string& line : problem_lines(result.problems)) message += "\n  " + line;
    throw OfficeError(OfficeError::Code::bad_input, message);
  }
}

// Where the kind is installed: the file office.json names when it has the same format, else
// templates/KIND.EXT (office.json then names it).
std::string install_target(const Workspace& workspace, const std::string& kind,
                           TemplateFormat format) {
  const auto& named = workspace.office().templates;
  if (const auto found = named.find(kind); found != named.end()) {
    if (fs::path(found->second).extension() == extension_of(format)) return found->second;
  }
  return "templates/" + kind + std::string(extension_of(format));
}

// Under the kind's lock: the bytes in use kept as a version if they are none yet, then
// `bytes` stored as a new version, put in use, and office.json made to name it.
TemplateVersion put_in_use(const Workspace& opened, const std::string& kind,
                           const std::string& bytes, TemplateFormat format,
                           TemplateVersion details) {
  // office.json as it is now, not as when the caller opened the office.
  const Workspace workspace = Workspace::open(opened.root(), opened.machine());
  std::vector<TemplateVersion> versions = read_versions(workspace, kind);
  const fs::path in_use = workspace.template_path(kind);
  if (is_file(in_use)) {
    const std::string current = read_template_input(in_use.string());
    const auto current_format = template_format(current);
    const bool kept = !versions.empty() && versions.back().sha256 == text::sha256_hex(current);
    if (current_format && !kept) {
      TemplateVersion before;
      before.installed_at = details.installed_at;
      before.why = versions.empty() ? "In use before the first install"
                                    : "Changed by hand, outside panelpack";
      keep_version(workspace, kind, versions, current, *current_format, before);
    }
  }
  const TemplateVersion installed = keep_version(workspace, kind, versions, bytes, format, details);
  const std::string target = install_target(workspace, kind, format);
  write_output(workspace.resolve(target), bytes);
  name_in_office(workspace, kind, target);
  // Last: a failure before this leaves the new file found in use, and kept as a version then.
  write_versions(workspace, kind, versions);
  return installed;
}

}  // namespace

const std::vector<std::string>& document_template_kinds() {
  static const std::vector<std::string> kinds = [] {
    std::vector<std::string> found;
    for (const auto& kind : panel::template_kinds()) {
      if (kind != "email") found.push_back(kind);
    }
    return found;
  }();
  return kinds;
}

std::string template_kind_words(const std::string& kind) {
  if (kind == "agenda") return "Agenda";
  if (kind == "referral") return "Referral";
  if (kind == "matching") return "Matching report";
  if (kind == "finance-request") return "Finance request";
  if (kind == "decision-record") return "Decision record";
  if (kind == "report") return "Quarterly report";
  return kind;
}

OfficeTemplate office_template(const Workspace& workspace, const std::string& kind) {
  require_kind(kind);
  OfficeTemplate found;
  found.kind = kind;
  found.path = workspace.template_path(kind);
  const auto& named = workspace.office().templates;
  const auto office_named = named.find(kind);
  found.named_in_office = office_named != named.end();
  found.exists = is_file(found.path);
  found.versions = read_versions(workspace, kind);
  if (found.exists) {
    const std::string bytes = read_template_input(found.path.string());
    found.format = template_format(bytes);
    const std::string sha = text::sha256_hex(bytes);
    for (auto version = found.versions.rbegin(); version != found.versions.rend(); ++version) {
      if (version->sha256 == sha) {
        found.current_version = version->number;
        break;
      }
    }
  }
  for (const auto& panel : workspace.office().panels) {
    const auto own = panel.templates.find(kind);
    if (own == panel.templates.end()) continue;
    if (!found.named_in_office || own->second != office_named->second) {
      found.panels_own.push_back(panel.name);
    }
  }
  return found;
}

std::vector<OfficeTemplate> office_templates(const Workspace& workspace) {
  std::vector<OfficeTemplate> all;
  for (const auto& kind : document_template_kinds())
    all.push_back(office_template(workspace, kind));
  return all;
}

fs::path version_path(const Workspace& workspace, const std::string& kind,
                      const TemplateVersion& version) {
  return versions_folder(workspace, kind) / fs::path(version.file).filename();
}

TemplateInstallResult install_template(const Workspace& workspace,
                                       const TemplateInstallRequest& request) {
  require_kind(request.kind);
  TemplateInstallResult result;
  result.check = check_template(request.bytes, request.kind);
  if (!result.check.installable()) return result;
  const FileLock lock(lock_path_beside(index_path(workspace, request.kind)));
  TemplateVersion details;
  details.installed_at = panel::format_utc(request.now);
  details.installed_by = request.by;
  details.why = request.why.empty() ? "Installed" : request.why;
  result.installed =
      put_in_use(workspace, request.kind, request.bytes, *result.check.format, details);
  return result;
}

TemplateVersion restore_template(const Workspace& workspace, const std::string& kind, int number,
                                 const std::string& by, panel::UtcInstant now) {
  require_kind(kind);
  const FileLock lock(lock_path_beside(index_path(workspace, kind)));
  const auto versions = read_versions(workspace, kind);
  const auto found = std::find_if(versions.begin(), versions.end(), [number](const auto& version) {
    return version.number == number;
  });
  if (found == versions.end()) {
    throw OfficeError(
        OfficeError::Code::bad_argument,
        "the " + template_kind_words(kind) + " template has no version " + std::to_string(number));
  }
  const std::string bytes = read_template_input(version_path(workspace, kind, *found).string());
  const auto format = template_format(bytes);
  if (!format) {
    throw OfficeError(OfficeError::Code::bad_input,
                      version_path(workspace, kind, *found).string() +
                          " is no longer a DOCX or ODT file: it cannot be restored");
  }
  TemplateVersion details;
  details.installed_at = panel::format_utc(now);
  details.installed_by = by;
  details.why = "Restored version " + std::to_string(number);
  details.restored_from = number;
  return put_in_use(workspace, kind, bytes, *format, details);
}

}  // namespace panelpack::office
