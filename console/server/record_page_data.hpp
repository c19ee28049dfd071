#pragma once
// What the Record pages show of a sitting's records: each booked child's record as it stands
// (the decisions file, the administrator's draft, the versions signed off), the form's values
// for an entry, the read-only record, and the form as a POST sends it back.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "console/server/form_fields.hpp"
#include "office/records/record_drafts.hpp"
#include "office/records/record_entry.hpp"
#include "office/records/record_signoff.hpp"
#include "office/records/record_state.hpp"
#include "office/sitting/booking.hpp"
#include "office/views/sitting_view.hpp"

namespace panelpack::console {

// A sitting's records as they are now.
struct SittingRecords {
  office::SittingId sitting;
  office::SittingView view;
  nlohmann::json file;  // the decisions file's JSON; null when there is none
  std::string version;  // the decisions file's version (decisions_version)
  std::map<std::string, office::RecordDraft> drafts;

  // The child's decision in the file, or null.
  const nlohmann::json* decision(const std::string& case_ref) const;
  // Its state; a draft not yet complete (not in the file) counts as a draft.
  office::RecordState state(const std::string& case_ref) const;
  // The booked child, or null when `case_ref` is not on the agenda.
  const panel::AgendaItem* item(const std::string& case_ref) const;
};

SittingRecords sitting_records(const office::Workspace& workspace,
                               const office::SittingId& sitting);

// The people the record's actions may be given to (the panel's, the case file's, the
// presenters).
std::vector<office::KnownPerson> people_for(const office::Workspace& workspace,
                                            const office::SittingId& sitting,
                                            const panel::AgendaItem& item);

// "govuk-tag--grey" ... for a state's tag.
std::string state_tag_class(office::RecordState state);

// The form's values for `entry` and its problems (beside the fields and in the summary).
// `rows`: the action rows to show (at least the entry's, at most kMostRecordActions).
nlohmann::json record_form_data(const office::RecordEntry& entry,
                                const std::vector<office::KnownPerson>& people,
                                const std::vector<office::EntryProblem>& problems,
                                std::size_t rows);

// The record as a summary list: [{"key", "value" or "lines"}].
nlohmann::json record_summary_rows(const nlohmann::json& decision);

// The versions kept, as the page lists them: [{"version", "who", "when", "why"}].
nlohmann::json version_rows(const std::vector<office::RecordVersion>& versions);

// The entry a POST of the record form sends; `rows` gets how many action rows it had.
office::RecordEntry posted_entry(const FormFields& form, std::size_t& rows);

// "Saved at 10:42" (London time) from a UTC ISO instant.
std::string saved_words(const std::string& utc);
// "Tuesday 15 December 2026 at 12:30" from a UTC ISO instant.
std::string instant_words(const std::string& utc);

}  // namespace panelpack::console
