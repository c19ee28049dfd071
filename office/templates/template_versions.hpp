#pragma once
// The office's templates and every version of each that was installed (docs/office.md,
// "Template versions"): a new version is checked as `panelpack check --schema` checks it and,
// only without errors, installed atomically where pack, agenda, decisions and report read it
// (Workspace::template_path); the one it replaces stays as a version, and an old version can
// be restored (it becomes a new version; nothing is deleted). Kept in the office folder:
//   templates/KIND.docx (or .odt)                      the one in use, named in office.json
//   templates/versions/KIND/N-YYYYMMDDTHHMMSS.docx     every version, N from 1
//   templates/versions/KIND/versions.json              who installed each, when and why
// Installs and restores of one kind take templates/versions/KIND/.versions.json.lock.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "office/templates/template_check.hpp"
#include "office/workspace.hpp"
#include "panel/london_time.hpp"

namespace panelpack::office {

// The kinds of document template the office fills: office.json's kinds but the email folder.
const std::vector<std::string>& document_template_kinds();
// "Referral", "Finance request", ... for a kind of document_template_kinds().
std::string template_kind_words(const std::string& kind);

struct TemplateVersion {
  int number = 0;
  std::string file;          // in templates/versions/KIND/: "2-20261205T093412.docx"
  std::string format;        // "DOCX" or "ODT"
  std::string installed_at;  // UTC, "2026-12-05T09:34:12Z"
  std::string installed_by;  // the account's user name; "" for one found in use
  std::string why;           // "Installed", what the person said, "Restored version 1", ...
  std::optional<int> restored_from;
  std::string sha256;  // of its bytes: the version in use is the one whose bytes are current
};

struct OfficeTemplate {
  std::string kind;
  std::filesystem::path path;  // where pack and render read it now
  // office.json names it; else panelpack's own installed template is used.
  bool named_in_office = false;
  bool exists = false;
  std::optional<TemplateFormat> format;   // of the file in use
  std::vector<TemplateVersion> versions;  // oldest first
  std::optional<int> current_version;     // the version whose bytes are in use, if any
  std::vector<std::string> panels_own;    // panels with a template of their own for the kind
};

// One kind (throws OfficeError bad_argument for an unknown kind), or every kind in order.
OfficeTemplate office_template(const Workspace& workspace, const std::string& kind);
std::vector<OfficeTemplate> office_templates(const Workspace& workspace);

// templates/versions/KIND/FILE of a version.
std::filesystem::path version_path(const Workspace& workspace, const std::string& kind,
                                   const TemplateVersion& version);

struct TemplateInstallRequest {
  std::string kind;
  std::string bytes;  // the file as uploaded
  std::string by;     // the account's user name
  std::string why;    // what the person said, or ""
  panel::UtcInstant now;
};

struct TemplateInstallResult {
  TemplateCheck check;                       // every error and warning found
  std::optional<TemplateVersion> installed;  // nothing: refused, nothing changed
};

// Checks the bytes; without errors installs them as the next version (keeping the one in use
// as a version first if it is none yet). Throws OfficeError for files that cannot be written.
TemplateInstallResult install_template(const Workspace& workspace,
                                       const TemplateInstallRequest& request);

// Makes version `number` the one in use, recorded as a new version. Throws OfficeError
// (bad_argument) when the kind has no such version.
TemplateVersion restore_template(const Workspace& workspace, const std::string& kind, int number,
                                 const std::string& by, panel::UtcInstant now);

}  // namespace panelpack::office
