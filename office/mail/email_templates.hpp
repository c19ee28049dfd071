#pragma once
// The email templates staff edit without rebuilding panelpack: for each kind of mail (reminder,
// circulation, papers-missing, minutes-due, pack-failed, chaser...) KIND.subject.mustache,
// KIND.text.mustache and KIND.html.mustache in one folder (templates/email/), compiled once,
// rendered per email.

#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "panel/mail_due.hpp"

namespace panelpack::office {

// Every subject starts with this; a template that lost it gets it put back.
inline constexpr std::string_view kSubjectMarking = "OFFICIAL-SENSITIVE: ";

struct RenderedEmail {
  std::string subject;  // one line
  std::string text;
  std::string html;
};

class EmailTemplates {
 public:
  // Reads and compiles the folder's files (three per kind of mail). Throws OfficeError
  // (bad_input) naming every file that is missing or not valid Mustache, and every HTML template
  // that would put a value in unescaped ({{{name}}}, {{&name}}, or a change of delimiters).
  static EmailTemplates load(const std::filesystem::path& folder);

  ~EmailTemplates();
  EmailTemplates(EmailTemplates&&) noexcept;
  EmailTemplates& operator=(EmailTemplates&&) noexcept;

  // The subject's line breaks, tabs and runs of spaces become one space and it starts with
  // kSubjectMarking; the text's runs of blank lines become one; the HTML's values are
  // HTML-escaped, the text's and subject's are not.
  // Throws OfficeError (bad_input) naming the file when rendering fails.
  RenderedEmail render(panel::MailKind kind, const nlohmann::json& data) const;

  const std::filesystem::path& folder() const noexcept { return folder_; }

 private:
  struct Kind;
  explicit EmailTemplates(std::filesystem::path folder);

  std::filesystem::path folder_;
  std::map<panel::MailKind, std::unique_ptr<Kind>> kinds_;
};

}  // namespace panelpack::office
