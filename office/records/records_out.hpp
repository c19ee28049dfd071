#pragma once
// Decision records out (docs/decisions.md, "Sending the records"): once the chair has agreed a
// child's record, the administrator makes it (document and PDF, decision_record.hpp) and sends
// it through the office's outbox to the case file's allocated social worker and team manager,
// then marks it as on the child's file. Each step is written into the decisions file through
// change_decisions, the one path: "circulatedAt" and "circulatedTo" once sent, "recordedDate"
// and "onFileReference" once on file (record_state.hpp reads the state back).
//
// Each email's key is decision_record|PANEL|DATE|CASEREF#vVERSION|recipient (mail_key's five
// fields), so a double click or a second run queues nothing twice, and a record changed and
// agreed again (version 2) is a new email.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "office/progress.hpp"
#include "office/records/decisions.hpp"
#include "office/records/records_manifest.hpp"
#include "office/workspace.hpp"
#include "panel/calendar_date.hpp"
#include "panel/london_time.hpp"

namespace panelpack::office {

struct SendRecordsRequest {
  std::string panel_id;
  panel::CalendarDate date;
  // Only this child's record (as typed: lower case names the case booked in capitals); none:
  // every agreed record of the sitting not yet sent.
  std::optional<std::string> case_ref;
  panel::UtcInstant now;
  RecordPdfs pdfs = RecordPdfs::required;
  ProgressSink* progress = nullptr;  // null: none
};

// One person a record was queued for.
struct RecordRecipient {
  std::string name;
  std::string email;
  std::string role;  // "social worker", "team manager"
  std::int64_t row = 0;
};

// One child's record that was made and queued, and is now marked as sent.
struct RecordSent {
  std::string case_ref;
  int version = 1;
  RecordFile files;                      // in records/PANEL/DATE/
  std::vector<std::string> attachments;  // the file names the email carries
  std::vector<RecordRecipient> recipients;
  // People it could not go to ("Sam Smith (team manager): sam@elsewhere.org is outside
  // allowedDomains in office.json"); the others had it.
  std::vector<std::string> left_out;
};

struct SendRecordsResult {
  std::vector<RecordSent> sent;
  std::vector<std::string> not_agreed;    // case refs whose record is not agreed: not sent
  std::vector<std::string> already_sent;  // sent (or on file) before: not sent again
  // Agreed records that could not go, each in words with what to do ("LCS900103: the case
  // file names no social worker or team manager with an email address; ...").
  std::vector<std::string> not_sent;
  // What happened, in a sentence or two, ids and staff names only ("The records of LCS900102
  // and LCS900103 are queued to their social workers and team managers: ...").
  std::string message;
};

// Makes and queues each agreed, not yet sent record, then marks it sent. A record asked for
// by case_ref that is not agreed is refused in words (in `not_agreed` and `message`), nothing
// queued. Throws OfficeError: bad_input for an unknown panel or sitting, a case or decisions
// file that does not read, a case not booked, an office without a mail section or with a
// decision_record email template missing; a record that cannot be made (decision_record.hpp);
// machine_failure when the outbox or the folder cannot be written.
SendRecordsResult send_agreed_records(const Workspace& workspace,
                                      const SendRecordsRequest& request);

// decision_record|PANEL|DATE|CASEREF#vVERSION|recipient, the recipient lower-cased.
std::string record_key(const std::string& panel_id, panel::CalendarDate date,
                       const std::string& case_ref, int version, const std::string& email);

struct OnFileRequest {
  std::string panel_id;
  panel::CalendarDate date;
  std::string case_ref;
  std::string reference;  // the case system's reference; empty: none given
  panel::UtcInstant now;  // recordedDate is its London day
  // The decisions file's version the form was opened on (decisions_version); none: any.
  std::optional<std::string> expected_version;
};

struct OnFileResult {
  bool stale = false;                  // the file changed since the form opened: nothing written
  std::optional<std::string> refused;  // why not (not sent yet, already on file): nothing written
  panel::CalendarDate recorded_date;   // the London day written
  std::string message;                 // what was done, or why not
};

// Marks a sent record as on the child's file: recordedDate (today in London), onFileReference
// (when given). Throws
// OfficeError as change_decisions does.
OnFileResult mark_on_file(const Workspace& workspace, const OnFileRequest& request);

}  // namespace panelpack::office
