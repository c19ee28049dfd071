#include "office/mail/email_templates.hpp"

#include <algorithm>
#include <array>
#include <system_error>

#include <kainjow/mustache.hpp>

#include "office/documents/mustache_data.hpp"
#include "office/error.hpp"
#include "office/files.hpp"
#include "office/validated_json.hpp"

namespace panelpack::office {

namespace fs = std::filesystem;
namespace mustache = kainjow::mustache;

namespace {

constexpr std::array<panel::MailKind, 14> kKinds = {
    panel::MailKind::reminder,        panel::MailKind::circulation,
    panel::MailKind::papers_missing,  panel::MailKind::minutes_due,
    panel::MailKind::correction,      panel::MailKind::cancellation,
    panel::MailKind::addendum,        panel::MailKind::pack_failed,
    panel::MailKind::chaser,          panel::MailKind::action_reminder,
    panel::MailKind::decision_record, panel::MailKind::confirmation,
    panel::MailKind::invitation,      panel::MailKind::intake_reply};

// One compiled file, with its path for messages.
struct CompiledFile {
  fs::path path;
  std::unique_ptr<mustache::mustache> compiled;
};

std::string one_line(const std::string& text) {
  std::string line;
  for (const char c : text) {
    const bool space = c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
    if (space) {
      if (!line.empty() && line.back() != ' ') line += ' ';
    } else {
      line += c;
    }
  }
  if (!line.empty() && line.back() == ' ') line.pop_back();
  return line;
}

// Blank lines run together into one: kainjow leaves a line end for each section it skips.
std::string tidy_blank_lines(const std::string& text) {
  std::string tidy;
  std::size_t line_ends = 0;
  for (const char c : text) {
    if (c == '\r') continue;
    if (c == '\n') {
      if (++line_ends > 2) continue;
    } else {
      line_ends = 0;
    }
    tidy += c;
  }
  return tidy;
}

// The kinds added after offices made their own folders (the slot changes, the pack-failed
// alert, the chaser, the action reminder, the decision record): an office's own folder may not have
// them yet.
bool added_later(panel::MailKind kind) {
  return kind == panel::MailKind::correction || kind == panel::MailKind::cancellation ||
         kind == panel::MailKind::addendum || kind == panel::MailKind::pack_failed ||
         kind == panel::MailKind::chaser || kind == panel::MailKind::action_reminder ||
         kind == panel::MailKind::decision_record || kind == panel::MailKind::confirmation ||
         kind == panel::MailKind::invitation || kind == panel::MailKind::intake_reply;
}

bool has_any_file(const fs::path& folder, const std::string& base) {
  std::error_code error;
  for (const char* part : {".subject.mustache", ".text.mustache", ".html.mustache"}) {
    if (fs::exists(folder / (base + part), error)) return true;
  }
  return false;
}

}  // namespace

struct EmailTemplates::Kind {
  CompiledFile subject, text, html;
};

EmailTemplates::EmailTemplates(fs::path folder) : folder_(std::move(folder)) {}
EmailTemplates::~EmailTemplates() = default;
EmailTemplates::EmailTemplates(EmailTemplates&&) noexcept = default;
EmailTemplates& EmailTemplates::operator=(EmailTemplates&&) noexcept = default;

EmailTemplates EmailTemplates::load(const fs::path& folder) {
  EmailTemplates templates(folder);
  std::vector<std::string> problems;
  const auto compile = [&](const std::string& name, bool html) {
    CompiledFile file{folder / name, nullptr};
    std::error_code error;
    if (!fs::is_regular_file(file.path, error)) {
      problems.push_back(file.path.string() + ": the email template is missing");
      return file;
    }
    const std::string text = read_input(file.path.string());
    if (html) {
      if (const std::string tag = first_unescaped_tag(text); !tag.empty()) {
        problems.push_back(file.path.string() + ": " + tag +
                           " would put a value into the HTML unescaped; write {{name}}");
        return file;
      }
    }
    file.compiled = std::make_unique<mustache::mustache>(text);
    if (!file.compiled->is_valid()) {
      problems.push_back(file.path.string() +
                         ": not valid Mustache: " + file.compiled->error_message());
      file.compiled.reset();
      return file;
    }
    if (!html) file.compiled->set_custom_escape([](const std::string& value) { return value; });
    return file;
  };
  for (const panel::MailKind kind : kKinds) {
    const std::string base = panel::to_string(kind);
    // A folder made before these kinds existed lacks their files: its older mail still goes,
    // and render() names what to add when one of them is due.
    if (added_later(kind) && !has_any_file(folder, base)) continue;
    auto compiled = std::make_unique<Kind>();
    compiled->subject = compile(base + ".subject.mustache", false);
    compiled->text = compile(base + ".text.mustache", false);
    compiled->html = compile(base + ".html.mustache", true);
    templates.kinds_.emplace(kind, std::move(compiled));
  }
  if (!problems.empty())
    throw OfficeError(OfficeError::Code::bad_input, problems_message(problems));
  return templates;
}

RenderedEmail EmailTemplates::render(panel::MailKind kind, const nlohmann::json& data) const {
  const auto found = kinds_.find(kind);
  if (found == kinds_.end()) {
    const std::string base = panel::to_string(kind);
    throw OfficeError(OfficeError::Code::bad_input,
                      (folder_ / (base + ".subject.mustache")).string() +
                          ": the email template is missing; copy " + base + ".subject.mustache, " +
                          base + ".text.mustache and " + base +
                          ".html.mustache from panelpack's templates/email/ and edit them");
  }
  const Kind& files = *found->second;
  const mustache::data context = to_mustache_data(data);
  const auto render_file = [&](const CompiledFile& file) {
    std::string text = file.compiled->render(context);
    if (!file.compiled->is_valid()) {
      throw OfficeError(OfficeError::Code::bad_input,
                        file.path.string() + ": " + file.compiled->error_message());
    }
    return text;
  };
  RenderedEmail email{one_line(render_file(files.subject)),
                      tidy_blank_lines(render_file(files.text)), render_file(files.html)};
  if (!email.subject.starts_with(kSubjectMarking)) {
    email.subject = std::string(kSubjectMarking) + email.subject;
  }
  return email;
}

}  // namespace panelpack::office
