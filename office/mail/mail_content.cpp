#include "office/mail/mail_content.hpp"

#include <set>
#include <system_error>

#include "office/mail/mail_settings.hpp"
#include "office/records/records_manifest.hpp"
#include "panel/labels.hpp"
#include "templating/atomic_file.hpp"
#include "text/iso_date.hpp"

namespace panelpack::office {

namespace {

using nlohmann::json;

json moment_json(const panel::LondonTime& local) {
  return {{"date", local.date.iso()},
          {"dateText", long_date(local.date)},
          {"time", local.time.text()},
          {"dateTime", local.iso8601()}};
}

json case_json(const panel::MailCase& item) {
  json missing = json::array();
  std::string list;
  for (const std::string& type : item.missing_papers) {
    const std::string label = panel::paper_type_label(type);
    missing.push_back({{"type", type}, {"label", label}});
    list += (list.empty() ? "" : ", ") + label;
  }
  json papers = json::array();
  for (const std::string& type : item.paper_types) {
    papers.push_back({{"type", type}, {"label", panel::paper_type_label(type)}});
  }
  return {{"number", item.number},
          {"caseRef", item.case_ref},
          {"childId", item.child_id},
          {"initials", item.child_initials},
          {"slot", item.slot},
          {"endTime", item.end_time},
          {"missingPapers", std::move(missing)},
          {"missingPaperList", list},
          {"hasMissingPapers", !item.missing_papers.empty()},
          {"papers", std::move(papers)},
          {"hasPapers", !item.paper_types.empty()}};
}

// "38 KB", "1.2 MB": how big an attachment is, for the circulation's text.
std::string size_text(std::uintmax_t bytes) {
  if (bytes < 1024 * 1024) return std::to_string((bytes + 1023) / 1024) + " KB";
  const std::uintmax_t tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024);
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " MB";
}

// The case references whose decision record `panelpack decisions` has written for the
// sitting (records/PANEL/DATE/manifest.json); empty when none has been.
std::set<std::string> records_made(const Workspace& workspace, const panel::Sitting& sitting) {
  return recorded_cases(workspace, sitting.panel_id, sitting.date);
}

// For the minutes reminder: which decision records are still to be made (recordMade on each
// of data["cases"], in the sitting's order; recordsMissing and allRecordsMade).
void add_record_status(json& data, const Workspace& workspace, const panel::SittingMail& sitting) {
  const std::set<std::string> made = records_made(workspace, sitting.sitting);
  json records_missing = json::array();
  for (std::size_t i = 0; i < sitting.cases.size(); ++i) {
    const panel::MailCase& item = sitting.cases[i];
    const bool record_made = made.contains(item.case_ref);
    data["cases"][i]["recordMade"] = record_made;
    if (!record_made) {
      records_missing.push_back({{"caseRef", item.case_ref}, {"initials", item.child_initials}});
    }
  }
  data["allRecordsMade"] = records_missing.empty();
  data["recordsMissing"] = std::move(records_missing);
}

// For a correction, a cancellation or an addendum: what the person was told before
// ("previous": slot and endTime), which notice this is ("noticeNumber"), and for a
// cancellation the case taken off as "case" (caseRef and initials: it is no longer booked).
void add_change_data(json& data, const panel::DueMail& mail) {
  data["noticeNumber"] = mail.notice;
  if (mail.kind == panel::MailKind::addendum) return;
  data["previous"] = {{"slot", mail.previous.slot}, {"endTime", mail.previous.end_time}};
  if (mail.kind == panel::MailKind::cancellation) {
    data["case"] = {{"caseRef", mail.previous.case_ref},
                    {"initials", mail.previous.child_initials}};
  }
}

}  // namespace

std::string long_date(panel::CalendarDate date) {
  return std::string{panel::weekday_name(date.weekday())} + " " + std::to_string(date.day()) + " " +
         std::string{text::month_name(date.month())} + " " + std::to_string(date.year());
}

json email_data(const Workspace& workspace, const panel::MailPlan& plan, const panel::DueMail& mail,
                const PackForMail* pack) {
  const panel::SittingMail& sitting = plan.sittings.at(mail.sitting);
  const panel::PanelConfig& panel = *sitting.panel;
  const panel::Person& administrator = panel.administrator;
  json data{{"securityMarking", "OFFICIAL-SENSITIVE"},
            {"authority", workspace.office().authority},
            {"kind", panel::to_string(mail.kind)},
            {"recipient", {{"name", mail.recipient.name}, {"role", mail.role}}},
            {"panel", {{"id", panel.id}, {"name", panel.name}, {"venue", panel.venue}}},
            {"sitting",
             {{"date", sitting.sitting.date.iso()},
              {"dateText", long_date(sitting.sitting.date)},
              {"startTime", sitting.sitting.start_time.text()},
              {"endTime", sitting.end_time},
              {"cancelled", sitting.sitting.cancelled},
              {"extra", sitting.sitting.extra}}},
            {"submissionMailbox",
             {{"name", workspace.office().submission_mailbox.name},
              {"email", workspace.office().submission_mailbox.email}}},
            {"papersDue", moment_json(sitting.moments.deadlines.papers_due.local)},
            {"packDue", moment_json(sitting.moments.deadlines.pack.local)},
            {"minutesDue", moment_json(sitting.moments.deadlines.minutes.local)},
            {"administrator",
             {{"name", administrator.name},
              {"email", administrator.email},
              {"phone", administrator.phone}}}};
  if (mail.about) data["case"] = case_json(sitting.cases.at(*mail.about));
  json cases = json::array();
  std::size_t missing = 0;
  for (const panel::MailCase& item : sitting.cases) {
    cases.push_back(case_json(item));
    missing += item.missing_papers.size();
  }
  data["cases"] = std::move(cases);
  if (mail.kind == panel::MailKind::minutes_due) add_record_status(data, workspace, sitting);
  if (mail.kind == panel::MailKind::correction || mail.kind == panel::MailKind::cancellation ||
      mail.kind == panel::MailKind::addendum) {
    add_change_data(data, mail);
  }
  if (mail.kind == panel::MailKind::invitation) {
    // The first invitation, an update of it, or its cancellation: the words differ.
    data["noticeNumber"] = mail.notice;
    data["invitationUpdated"] = mail.notice > 1 && !sitting.sitting.cancelled;
    data["invitationCancelled"] = sitting.sitting.cancelled;
    data["invitationFirst"] = mail.notice <= 1 && !sitting.sitting.cancelled;
  }
  data["caseCount"] = sitting.cases.size();
  data["missingPaperCount"] = missing;
  if (pack != nullptr) {
    json files = json::array();
    for (const mailer::Attachment& attachment : pack->attachments) {
      std::error_code error;
      const auto bytes = std::filesystem::file_size(attachment.file, error);
      files.push_back({{"name", attachment.filename}, {"size", error ? "" : size_text(bytes)}});
    }
    data["attachments"] = std::move(files);
    // The words must be true about what is protected: each attachment says for itself.
    data["zipEncrypted"] = pack->zip_encrypted;
    data["pdfEncrypted"] = pack->pdf_encrypted;
    data["encrypted"] = pack->zip_encrypted;  // templates before pdfEncrypted: the zip's
    data["documentCount"] = pack->documents;
  }
  return data;
}

mailer::Message email_message(const panel::MailConfig& config, const panel::DueMail& mail,
                              RenderedEmail rendered, const PackForMail* pack) {
  mailer::Message message;
  message.from = sender_address(config);
  message.reply_to = reply_to_address(config);
  message.to = {{mail.recipient.name, mail.recipient.email}};
  message.subject = std::move(rendered.subject);
  message.text = std::move(rendered.text);
  message.html = std::move(rendered.html);
  if (pack != nullptr) message.attachments = pack->attachments;
  // RFC 3834: mail sent by a program; out-of-office replies should not answer it.
  message.extra_headers.emplace_back("Auto-Submitted", "auto-generated");
  return message;
}

}  // namespace panelpack::office
