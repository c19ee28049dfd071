#pragma once
// The chair's sign-off of a sitting's records, and a change to a signed record. Signing off sets
// the decision's "agreed" {by, at, version 1} and locks it; a later change is made only by the
// chair who signed it, says why, and makes the next version. Every version, who made it, when
// and why, is kept in decisions/PANEL/history/DATE.json and never overwritten.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "office/records/record_entry.hpp"
#include "office/workspace.hpp"
#include "panel/calendar_date.hpp"
#include "panel/london_time.hpp"

namespace panelpack::office {

std::filesystem::path record_history_path(const Workspace& workspace, const std::string& panel_id,
                                          panel::CalendarDate date);

// A chair, as the record names them and as the console knows them.
struct Signer {
  std::string name;     // "Margaret Oyelaran-Hughes": the decision's agreed.by
  std::string account;  // their user name: who signed, to know who may change it
};

// One version of a child's record.
struct RecordVersion {
  int version = 0;
  std::string by;           // the chair's name
  std::string account;      // their user name
  std::string at;           // UTC, ISO 8601
  std::string why;          // "Signed off", or the reason for the change
  nlohmann::json decision;  // the record as it was at this version
};

// The versions of `case_ref` on the sitting, oldest first (none before sign-off).
std::vector<RecordVersion> record_versions(const Workspace& workspace, const std::string& panel_id,
                                           panel::CalendarDate date, const std::string& case_ref);

struct SignOffRequest {
  std::string panel_id;
  panel::CalendarDate date;
  // The children to sign off; empty: every complete record not signed off yet.
  std::vector<std::string> case_refs;
  Signer signer;
  // The decisions file's version the chair read (decisions_version); another is stale.
  std::string expected_version;
  panel::UtcInstant now;
};

struct SignOffResult {
  bool stale = false;                   // the records changed since the chair read them
  std::vector<std::string> signed_off;  // the children signed off now
  // Asked for but not signed off, with why: "is not complete yet", "is already signed off".
  std::vector<std::pair<std::string, std::string>> refused;
};

// Signs the records off in one change of the decisions file; nothing is written when nothing
// can be signed. Throws OfficeError when a file cannot be read or written.
SignOffResult sign_off_records(const Workspace& workspace, const SignOffRequest& request);

struct SignedChangeRequest {
  std::string panel_id;
  panel::CalendarDate date;
  std::string case_ref;
  RecordEntry entry;
  std::vector<KnownPerson> people;
  std::string why;  // required
  Signer signer;
  std::string expected_version;
  panel::UtcInstant now;
};

enum class ChangeRefusal {
  none,
  stale,        // the decisions file changed since the form was opened
  not_signed,   // no signed-off record: a draft is the administrator's
  other_chair,  // signed off by another chair: a chair changes only what they signed
  no_reason,    // "Why this change is needed" left empty
  not_valid,    // the entry is not complete (see reading)
};

struct SignedChangeResult {
  ChangeRefusal refused = ChangeRefusal::none;
  RecordReading reading;
  int version = 0;  // the record's version after the change
};

// Changes a signed-off record: the version before is kept in the history (with who and when),
// the change and its reason are added, agreed.version goes up by one. A refusal writes nothing.
SignedChangeResult change_signed_record(const Workspace& workspace,
                                        const SignedChangeRequest& request);

}  // namespace panelpack::office
