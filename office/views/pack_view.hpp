#pragma once
// The Pack page's model: whether a sitting's pack was built, what is in it (its manifest in
// words), when, whether it was circulated (the outbox's circulation rows, the sitting's notices
// record) and whether it is out of date since (a booking, case or paper changed after it was
// built: the manifest's inputs against the files as they are now, as `tick` compares them).

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "office/views/mail_view.hpp"
#include "office/workspace.hpp"
#include "panel/calendar_date.hpp"
#include "panel/london_time.hpp"

namespace panelpack::office {

// One file of the pack, in agenda order.
struct PackDocumentLine {
  std::string file;         // "02-LCS900102-care-plan.pdf"
  int item = 0;             // the agenda item it belongs to; 0: the agenda itself
  std::string case_ref;     // empty: the agenda
  std::string paper_words;  // "Care plan"; "Agenda" for the agenda
  std::string source;       // "agenda", "filled" (made from the case file), "submitted"
};

struct PackMissingLine {
  int item = 0;
  std::string case_ref;
  std::string paper_words;
};

// One email of an addendum sent since the circulation (an outbox row).
struct AddendumMailLine {
  int number = 0;  // which addendum: 1, 2...
  OutboxLine mail;
};

struct PackView {
  std::string panel_id;
  panel::CalendarDate date;
  bool exists = false;   // a readable manifest.json in packs/PANEL/DATE/
  std::string built_at;  // the manifest's generatedAt (London, ISO 8601); empty: no pack
  std::vector<PackDocumentLine> documents;
  std::vector<PackMissingLine> missing;
  std::string zip_file;  // the zip's name in the pack folder
  bool zip_encrypted = false;
  std::optional<std::string> pdf_file;  // the merged PDF's name, when there is one
  // The circulation emails to the members (outbox rows), and whether the notices record says
  // the members received the schedule.
  std::vector<OutboxLine> circulation;
  bool circulated = false;
  int addenda = 0;  // addenda sent since the circulation
  // The files the pack was made from changed since: which ones, by name.
  bool out_of_date = false;
  std::string changed;
  // Why the pack's inputs could not be worked out now (then out_of_date is not known).
  std::string check_problem;
  // The agenda the members were sent differs from the sitting's now: the addendum tick would
  // send them (sitting_addendum.hpp), its number and what changed in words.
  bool addendum_due = false;
  int addendum_number = 0;
  std::string agenda_changes;
  // The addenda's emails (outbox rows), oldest addendum first, and the zip of each addendum
  // built, by number.
  std::vector<AddendumMailLine> addendum_mail;
  std::vector<std::pair<int, std::string>> addendum_zips;
};

// Reads the pack folder's manifest, the outbox and the sitting's notices; writes nothing.
// Throws OfficeError (bad_input) for an unknown panel, and as read_sitting_notices does.
PackView pack_view(const Workspace& workspace, const std::string& panel_id,
                   panel::CalendarDate date, panel::UtcInstant now);

}  // namespace panelpack::office
