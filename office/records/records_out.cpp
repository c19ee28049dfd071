#include "office/records/records_out.hpp"

#include <algorithm>
#include <cctype>
#include <memory>
#include <set>
#include <system_error>
#include <utility>

#include "mailer/mail_error.hpp"
#include "mailer/outbox.hpp"
#include "office/documents/output_pattern.hpp"
#include "office/error.hpp"
#include "office/mail/email_templates.hpp"
#include "office/mail/mail_content.hpp"
#include "office/mail/mail_settings.hpp"
#include "office/records/decision_files.hpp"
#include "office/records/decision_record.hpp"
#include "office/records/decisions_change.hpp"
#include "office/records/record_state.hpp"
#include "office/sitting/sitting_context.hpp"
#include "office/validated_json.hpp"
#include "panel/mail_due.hpp"
#include "templating/atomic_file.hpp"
#include "templating/diagnostics.hpp"
#include "templating/zip_archive.hpp"

namespace panelpack::office {

namespace {

namespace fs = std::filesystem;
using Code = OfficeError::Code;

std::string uppercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return text;
}

// "A, B and C"
std::string joined(const std::vector<std::string>& parts) {
  std::string text;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) text += i + 1 == parts.size() ? " and " : ", ";
    text += parts[i];
  }
  return text;
}

std::string named(const std::string& name, const std::string& role) {
  return role.empty() ? name : name + " (" + role + ")";
}

// The decision of `case_ref` in the decisions file's JSON, or null.
const nlohmann::json* decision_in(const nlohmann::json& file, const std::string& case_ref) {
  if (!file.contains("decisions")) return nullptr;
  for (const nlohmann::json& decision : file["decisions"]) {
    if (decision.value("caseRef", "") == case_ref) return &decision;
  }
  return nullptr;
}

int version_of(const nlohmann::json& decision) {
  if (decision.contains("agreed")) return decision["agreed"].value("version", 1);
  return 1;  // agreed with the minutes of a file written before sign-off existed
}

// The records' names from office.json's pattern (decisionRecordName), else the default.
RecordNamer office_namer(const Workspace& workspace) {
  auto pattern = std::make_shared<OutputPattern>(decision_record_pattern(workspace));
  return [pattern](const RecordNameFields& fields) {
    try {
      return pattern->path_for(fields.to_json()).filename().string();
    } catch (const OutputNameError& error) {
      throw OfficeError(Code::bad_input,
                        std::string{"office.json's decisionRecordName: "} + error.what());
    }
  };
}

std::string media_type(const std::string& file) {
  const std::string extension = fs::path(file).extension().string();
  if (extension == ".pdf") return "application/pdf";
  if (extension == ".odt") return "application/vnd.oasis.opendocument.text";
  if (extension == ".zip") return "application/zip";
  return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
}

// The record's files as the email carries them: as they are, or, when the panel's packs are
// protected by a password, in one AES-256 zip under that password (never mailed: the office
// gives it by another way, as for the pack).
PackForMail attachments_of(const Workspace& workspace, const panel::PanelConfig& panel,
                           const fs::path& folder, const RecordFile& files) {
  PackForMail pack;
  std::vector<std::string> names{files.file};
  if (files.pdf) names.push_back(*files.pdf);
  pack.documents = names.size();
  const std::string password = pack_password(workspace, panel.circulation);
  if (password.empty()) {
    for (const std::string& name : names) {
      pack.attachments.push_back({folder / name, name, media_type(name)});
    }
    return pack;
  }
  const std::string zip_name = fs::path(files.file).stem().string() + ".zip";
  try {
    templating::ZipWriter zip;
    zip.encrypt_entries(password);
    for (const std::string& name : names) {
      zip.add(name, templating::read_file(folder / name),
              templating::ZipWriter::Compression::deflate);
    }
    templating::write_file_atomically(folder / zip_name, zip.finish());
  } catch (const std::system_error& failure) {
    throw OfficeError(Code::machine_failure, failure.what(), {(folder / zip_name).string(), ""});
  } catch (const templating::PackageError& failure) {
    throw OfficeError(Code::machine_failure, failure.what(), {(folder / zip_name).string(), ""});
  }
  pack.attachments.push_back({folder / zip_name, zip_name, "application/zip"});
  pack.zip_encrypted = true;
  return pack;
}

// The email's data: ids, initials, dates and the files' names; never the child's name and
// never what was decided (that is in the attached record only).
nlohmann::json record_email_data(const Workspace& workspace, const SittingContext& context,
                                 const panel::CaseSummary& summary, const std::string& case_ref,
                                 int version, const panel::Addressee& to,
                                 const panel::LondonTime& due, const PackForMail& pack) {
  const panel::PanelConfig& panel = *context.panel;
  nlohmann::json files = nlohmann::json::array();
  for (const mailer::Attachment& attachment : pack.attachments) {
    files.push_back({{"name", attachment.filename}});
  }
  return {{"securityMarking", "OFFICIAL-SENSITIVE"},
          {"authority", workspace.office().authority},
          {"kind", panel::to_string(panel::MailKind::decision_record)},
          {"recipient", {{"name", to.person->name}, {"role", to.role}}},
          {"panel", {{"id", panel.id}, {"name", panel.name}, {"venue", panel.venue}}},
          {"sitting",
           {{"date", context.sitting.date.iso()},
            {"dateText", long_date(context.sitting.date)},
            {"startTime", context.sitting.start_time.text()}}},
          {"case",
           {{"caseRef", case_ref},
            {"childId", summary.child_id},
            {"initials", summary.child_initials}}},
          {"version", version},
          {"laterVersion", version > 1},
          {"recordsDue",
           {{"date", due.date.iso()},
            {"dateText", long_date(due.date)},
            {"time", due.time.text()},
            {"dateTime", due.iso8601()}}},
          {"attachments", std::move(files)},
          {"encrypted", pack.zip_encrypted},
          {"administrator",
           {{"name", panel.administrator.name},
            {"email", panel.administrator.email},
            {"phone", panel.administrator.phone}}}};
}

mailer::Outbox open_outbox(const Workspace& workspace) {
  try {
    return mailer::Outbox(outbox_path(workspace));
  } catch (const mailer::MailError& error) {
    throw OfficeError(Code::machine_failure, outbox_path(workspace).string() + ": " + error.what());
  }
}

// What one send needs that every child shares.
struct Sending {
  const Workspace& workspace;
  const SendRecordsRequest& request;
  const SittingContext& context;
  const panel::MailConfig& mail;
  const EmailTemplates& templates;
  const RecordNamer& name;
  mailer::Outbox& outbox;
};

// Makes the child's record and queues it to each allocated worker with an address. Nobody
// queued: the record is in `not_sent` with why, and it stays agreed.
std::optional<RecordSent> send_one(const Sending& in, const std::string& case_ref, int version,
                                   std::vector<std::string>& not_sent) {
  const panel::CaseSummary& summary = in.context.summaries.at(case_ref);
  std::vector<panel::Addressee> people;
  std::vector<std::string> left_out;
  std::set<std::string> seen;
  for (const panel::Addressee& person : panel::allocated_workers(summary)) {
    if (person.person->email.empty()) {
      left_out.push_back(named(person.person->name, person.role) + " has no email address");
    } else if (seen.insert(uppercase(person.person->email)).second) {
      people.push_back(person);
    }
  }
  if (people.empty()) {
    std::string why = case_ref +
                      ": the case file names no social worker or team manager with "
                      "an email address, so the record cannot go; add them to the case file, "
                      "then send it again";
    if (!left_out.empty()) why += " (" + joined(left_out) + ")";
    not_sent.push_back(why);
    return std::nullopt;
  }

  const OneRecordResult made = write_decision_record(
      in.workspace,
      {in.request.panel_id, in.request.date, case_ref, in.request.now, in.request.pdfs, in.name});
  const PackForMail pack =
      attachments_of(in.workspace, *in.context.panel, made.folder, made.record);
  RecordSent sent{case_ref, version, made.record, {}, {}, std::move(left_out)};
  for (const mailer::Attachment& attachment : pack.attachments) {
    sent.attachments.push_back(attachment.filename);
  }
  for (const panel::Addressee& person : people) {
    panel::DueMail due;
    due.kind = panel::MailKind::decision_record;
    due.recipient = *person.person;
    due.role = person.role;
    due.due_at = in.request.now;
    due.key =
        record_key(in.request.panel_id, in.request.date, case_ref, version, person.person->email);
    const nlohmann::json data = record_email_data(in.workspace, in.context, summary, case_ref,
                                                  version, person, made.records_due, pack);
    mailer::Message message = email_message(
        in.mail, due, in.templates.render(panel::MailKind::decision_record, data), &pack);
    try {
      const mailer::QueueResult queued =
          in.outbox.queue(due.key, {person.person->name, person.person->email}, std::move(message),
                          in.workspace.office().allowed_domains, in.request.now);
      sent.recipients.push_back(
          {person.person->name, person.person->email, person.role, queued.id});
    } catch (const mailer::MailError& error) {
      if (error.code() == "outbox_database" || error.code() == "spool_failed") {
        throw OfficeError(Code::machine_failure,
                          outbox_path(in.workspace).string() + ": " + error.what());
      }
      sent.left_out.push_back(
          named(person.person->name, person.role) + ": " +
          (error.code() == "recipient_not_allowed"
               ? person.person->email + " is outside allowedDomains in office.json"
               : std::string(error.what())));
    }
  }
  if (sent.recipients.empty()) {
    not_sent.push_back(case_ref + ": the record could not go to anyone: " + joined(sent.left_out) +
                       ". Correct the addresses, then send it again");
    return std::nullopt;
  }
  return sent;
}

// circulatedAt and circulatedTo of the child's decision, through the one path.
void mark_sent(const Workspace& workspace, const SendRecordsRequest& request,
               const RecordSent& sent) {
  change_decisions(
      workspace, request.panel_id, request.date, nullptr, [&](nlohmann::ordered_json& file) {
        for (auto& decision : file["decisions"]) {
          if (decision.value("caseRef", "") != sent.case_ref) continue;
          nlohmann::ordered_json to = nlohmann::ordered_json::array();
          for (const RecordRecipient& person : sent.recipients) {
            std::string role = person.role;
            if (!role.empty()) {
              role.front() =
                  static_cast<char>(std::toupper(static_cast<unsigned char>(role.front())));
            }
            to.push_back({{"name", person.name}, {"role", role}, {"email", person.email}});
          }
          decision["circulatedAt"] = panel::utc_to_local(request.now).iso8601();
          decision["circulatedTo"] = std::move(to);
        }
      });
}

std::string refs_words(const std::vector<std::string>& refs) {
  return joined(refs);
}

std::string summary_message(const SendRecordsResult& result) {
  std::vector<std::string> parts;
  if (!result.sent.empty()) {
    std::vector<std::string> sent;
    for (const RecordSent& record : result.sent) {
      std::vector<std::string> to;
      for (const RecordRecipient& person : record.recipients) {
        to.push_back(named(person.name, person.role));
      }
      std::string line = "the record of " + record.case_ref + " is queued to " + joined(to);
      if (!record.left_out.empty()) line += ", not to " + joined(record.left_out);
      sent.push_back(line);
    }
    std::string text;
    for (const std::string& line : sent) text += (text.empty() ? "" : "; ") + line;
    parts.push_back(text + ". The next run of panelpack tick sends them");
  }
  for (const std::string& why : result.not_sent) parts.push_back("Not sent: " + why);
  if (!result.not_agreed.empty()) {
    parts.push_back("Not agreed by the chair yet, so not sent: " + refs_words(result.not_agreed));
  }
  if (!result.already_sent.empty()) {
    parts.push_back("Sent before, so not sent again: " + refs_words(result.already_sent));
  }
  if (parts.empty()) return "There is no agreed record to send for this sitting.";
  std::string text;
  for (std::string& part : parts) {
    part.front() = static_cast<char>(std::toupper(static_cast<unsigned char>(part.front())));
    text += (text.empty() ? "" : ". ") + part;
  }
  return text + ".";
}

}  // namespace

std::string record_key(const std::string& panel_id, panel::CalendarDate date,
                       const std::string& case_ref, int version, const std::string& email) {
  // '#' after the case keeps the key's case field readable as the case (mail_view).
  return panel::mail_key(panel::MailKind::decision_record, panel_id, date,
                         case_ref + "#v" + std::to_string(version), email);
}

SendRecordsResult send_agreed_records(const Workspace& workspace,
                                      const SendRecordsRequest& request) {
  const SittingContext context = load_sitting(workspace, request.panel_id, request.date);
  const fs::path source = decisions_path(workspace, request.panel_id, request.date);
  std::error_code missing;
  const nlohmann::json file = fs::exists(source, missing)
                                  ? read_validated(source, "decisions")
                                  : nlohmann::json{{"decisions", nlohmann::json::array()}};
  std::vector<std::string> cases;
  for (const panel::BookingItem& item : context.bookings.items) {
    if (!request.case_ref || item.case_ref == uppercase(*request.case_ref) ||
        item.case_ref == *request.case_ref) {
      cases.push_back(item.case_ref);
    }
  }
  if (request.case_ref && cases.empty()) {
    throw OfficeError(Code::bad_input, *request.case_ref + " is not booked onto " +
                                           request.panel_id + " " + request.date.iso() +
                                           ", so it has no decision record to send");
  }

  SendRecordsResult result;
  std::vector<std::pair<std::string, int>> to_send;
  for (const std::string& case_ref : cases) {
    const nlohmann::json* decision = decision_in(file, case_ref);
    switch (record_state(file, decision)) {
      case RecordState::not_started:
      case RecordState::draft:
        result.not_agreed.push_back(case_ref);
        break;
      case RecordState::agreed:
        to_send.emplace_back(case_ref, version_of(*decision));
        break;
      case RecordState::sent:
      case RecordState::on_file:
        result.already_sent.push_back(case_ref);
        break;
    }
  }
  if (request.case_ref && to_send.empty()) {
    const std::string& case_ref = cases.front();
    result.message =
        result.not_agreed.empty()
            ? "the record of " + case_ref + " was sent before; nothing was sent again"
            : "the record of " + case_ref +
                  " is not agreed yet: the chair signs it off first (Record the panel). "
                  "Nothing was sent";
    return result;
  }
  if (to_send.empty()) {
    result.message = summary_message(result);
    return result;
  }

  const panel::MailConfig& mail = mail_config(workspace);
  const EmailTemplates templates =
      EmailTemplates::load(email_templates_folder(workspace, *context.panel));
  const RecordNamer name = office_namer(workspace);
  mailer::Outbox outbox = open_outbox(workspace);
  const Sending sending{workspace, request, context, mail, templates, name, outbox};
  ProgressSink& progress = request.progress != nullptr ? *request.progress : no_progress();
  ProgressStage stage(progress, "making and sending the records", to_send.size());
  for (const auto& [case_ref, version] : to_send) {
    if (auto sent = send_one(sending, case_ref, version, result.not_sent)) {
      mark_sent(workspace, request, *sent);
      result.sent.push_back(std::move(*sent));
    }
    stage.advance();
  }
  result.message = summary_message(result);
  return result;
}

OnFileResult mark_on_file(const Workspace& workspace, const OnFileRequest& request) {
  OnFileResult result;
  result.recorded_date = panel::utc_to_local(request.now).date;
  std::string reference = request.reference;
  while (!reference.empty() && std::isspace(static_cast<unsigned char>(reference.back()))) {
    reference.pop_back();
  }
  reference.erase(0, reference.find_first_not_of(" \t"));
  DecisionsChange change;
  try {
    change = change_decisions(
        workspace, request.panel_id, request.date,
        request.expected_version ? &*request.expected_version : nullptr,
        [&](nlohmann::ordered_json& file) {
          const nlohmann::json whole(file);
          for (auto& decision : file["decisions"]) {
            if (decision.value("caseRef", "") != request.case_ref) continue;
            const nlohmann::json plain(decision);
            const RecordState state = record_state(whole, &plain);
            if (state == RecordState::on_file) {
              result.refused =
                  "the record of " + request.case_ref + " is already on the child's file (since " +
                  long_date(panel::CalendarDate::parse(plain["recordedDate"].get<std::string>())) +
                  ")";
              throw OfficeError(Code::bad_input, *result.refused);
            }
            if (state != RecordState::sent) {
              result.refused = "the record of " + request.case_ref +
                               " has not been sent yet: send it to the social worker and team "
                               "manager first";
              throw OfficeError(Code::bad_input, *result.refused);
            }
            decision["recordedDate"] = result.recorded_date.iso();
            if (!reference.empty()) decision["onFileReference"] = reference;
            return;
          }
          result.refused = "no decision is recorded for " + request.case_ref;
          throw OfficeError(Code::bad_input, *result.refused);
        });
  } catch (const OfficeError&) {
    if (!result.refused) throw;
    result.message = *result.refused + "; nothing was changed";
    return result;
  }
  result.stale = change.stale;
  if (result.stale) {
    result.message =
        "the decisions of this sitting changed since the page was opened; look at "
        "the record again and mark it once more if it is still to be marked";
    return result;
  }
  result.message = "the record of " + request.case_ref + " is on the child's file from " +
                   long_date(result.recorded_date) +
                   (reference.empty() ? "" : ", reference " + reference);
  return result;
}

}  // namespace panelpack::office
