#include "office/intake/intake_reply.hpp"

#include <algorithm>
#include <cctype>

#include "mailer/mail_error.hpp"
#include "office/error.hpp"
#include "office/mail/email_templates.hpp"
#include "office/mail/mail_content.hpp"
#include "office/mail/mail_settings.hpp"
#include "office/sitting/paper_chaser.hpp"
#include "panel/labels.hpp"
#include "panel/mail_due.hpp"
#include "panel/sittings.hpp"
#include "text/iso_date.hpp"

namespace panelpack::office {

namespace {

using nlohmann::json;

const char* outcome_word(IntakeReply::Outcome outcome) {
  switch (outcome) {
    case IntakeReply::Outcome::filed:
      return "filed";
    case IntakeReply::Outcome::refused:
      return "refused";
    case IntakeReply::Outcome::unplaced:
      return "unplaced";
  }
  return "";
}

// "<id@host>" of printable ASCII only: anything else would not go into a header safely.
bool is_message_id(const std::string& id) {
  if (id.size() < 3 || id.size() > 250 || id.front() != '<' || id.back() != '>') return false;
  return std::all_of(id.begin(), id.end(), [](char c) { return c > 0x20 && c < 0x7f; });
}

json moment(const panel::LondonTime& time) {
  return {
      {"time", time.time.text()}, {"date", time.date.iso()}, {"dateText", long_date(time.date)}};
}

// The case's initials when its file reads: what mail may call the child besides the reference.
std::string initials_of(const Workspace& workspace, const std::string& case_ref) {
  if (case_ref.empty()) return "";
  try {
    return workspace.load_case(case_ref).summary.child_initials;
  } catch (const OfficeError&) {
    return "";
  }
}

json reply_data(const Workspace& workspace, const IntakeReply& reply,
                const panel::PanelConfig* panel) {
  const panel::Person& administrator =
      panel != nullptr ? panel->administrator : workspace.office().administrator;
  json data{
      {"securityMarking", "OFFICIAL-SENSITIVE"},
      {"authority", workspace.office().authority},
      {"kind", "intake_reply"},
      {"recipient",
       {{"name", reply.to_name.empty() ? reply.to_email : reply.to_name},
        {"email", reply.to_email}}},
      {"filename", reply.filename},
      {"arrived", moment(panel::utc_to_local(reply.arrived))},
      {"filed", reply.outcome == IntakeReply::Outcome::filed},
      {"late", reply.outcome == IntakeReply::Outcome::filed && reply.late},
      {"onTime", reply.outcome == IntakeReply::Outcome::filed && !reply.late},
      {"refused", reply.outcome == IntakeReply::Outcome::refused},
      {"unplaced", reply.outcome == IntakeReply::Outcome::unplaced},
      {"reason", reply.reason},
      {"hasCase", !reply.case_ref.empty()},
      {"case", {{"caseRef", reply.case_ref}, {"initials", initials_of(workspace, reply.case_ref)}}},
      {"hasPaper", !reply.paper_type.empty()},
      {"administrator",
       {{"name", administrator.name},
        {"email", administrator.email},
        {"phone", administrator.phone}}}};
  if (!reply.paper_type.empty()) {
    data["paper"] = {{"type", reply.paper_type},
                     {"label", panel::paper_type_label(reply.paper_type)},
                     {"words", paper_words(reply.paper_type).substr(4)}};
  }
  if (panel != nullptr && reply.sitting) {
    const panel::CalendarDate date = reply.sitting->date;
    data["panel"] = {{"id", panel->id}, {"name", panel->name}};
    data["sitting"] = {{"date", date.iso()},
                       {"dateText", long_date(date)},
                       {"dayMonth", std::to_string(date.day()) + " " +
                                        std::string(text::month_name(date.month()))}};
    const panel::Sitting sitting = panel::find_sitting(*panel, date);
    data["papersDue"] =
        moment(panel::deadlines_for(*panel, sitting, workspace.calendar()).papers_due.local);
  }
  return data;
}

}  // namespace

std::string intake_reply_key(const IntakeReply& reply) {
  const std::string about = reply.case_ref + "#" + reply.message_key + "#" +
                            reply.sha256.substr(0, 12) + "#" + outcome_word(reply.outcome);
  std::string email = reply.to_email;
  for (char& c : email) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return "intake_reply|" + (reply.sitting ? reply.sitting->panel_id : std::string()) + "|" +
         (reply.sitting ? reply.sitting->date.iso() : std::string()) + "|" + about + "|" + email;
}

bool queue_intake_reply(const Workspace& workspace, mailer::Outbox& outbox,
                        const IntakeReply& reply, panel::UtcInstant now) {
  const panel::MailConfig& mail = mail_config(workspace);
  const panel::PanelConfig* panel = nullptr;
  if (reply.sitting) {
    try {
      panel = &workspace.office().panel(reply.sitting->panel_id);
    } catch (const std::exception&) {
      panel = nullptr;  // a panel taken out of office.json since: the office's templates
    }
  }
  const EmailTemplates templates = EmailTemplates::load(workspace.template_path("email", panel));
  const json data = reply_data(workspace, reply, panel);
  panel::DueMail due;
  due.kind = panel::MailKind::intake_reply;
  due.recipient.name = reply.to_name;
  due.recipient.email = reply.to_email;
  due.key = intake_reply_key(reply);
  due.due_at = now;
  mailer::Message message = email_message(mail, due, templates.render(due.kind, data), nullptr);
  if (is_message_id(reply.in_reply_to)) {
    // The sender's mail program shows the reply under the message it answers.
    message.extra_headers.emplace_back("In-Reply-To", reply.in_reply_to);
    message.extra_headers.emplace_back("References", reply.in_reply_to);
  }
  try {
    const mailer::QueueResult queued =
        outbox.queue(due.key, {reply.to_name, reply.to_email}, std::move(message),
                     workspace.office().allowed_domains, std::chrono::sys_seconds{now});
    return !queued.already_queued;
  } catch (const mailer::MailError& error) {
    if (error.code() == "recipient_not_allowed" || error.code() == "invalid_address") {
      return false;  // the caller checked the domain; an address the mailer refuses gets none
    }
    throw OfficeError(OfficeError::Code::machine_failure,
                      outbox_path(workspace).string() + ": " + error.what());
  }
}

}  // namespace panelpack::office
