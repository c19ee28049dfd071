#pragma once
// What the record's two side files (drafts and signed versions, beside a sitting's decisions)
// and the sign-off share: reading a side file, finding a child's decision, and whether it is
// still a draft.

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "panel/calendar_date.hpp"

namespace panelpack::office {

// What a side file is, for its messages: its top-level object's key ("drafts", "records"), what
// it is called ("a drafts file") and what to do when it does not read.
struct RecordSideFile {
  const char* key;
  const char* called;
  const char* when_unreadable;
};

// The side file's JSON, or a new one for the sitting with an empty `key` object. Throws
// OfficeError (bad_input) naming the file when it is not JSON or has no `key` object.
nlohmann::ordered_json read_record_side_file(const std::filesystem::path& path,
                                             const std::string& panel_id, panel::CalendarDate date,
                                             const RecordSideFile& kind);

// The decision of `case_ref` in a decisions file's JSON, or null.
nlohmann::ordered_json* decision_of(nlohmann::ordered_json& file, const std::string& case_ref);

// True while the decision is a draft: not signed off (nor, in a file from before sign-off, its
// minutes agreed), sent or on the child's file.
bool still_a_draft(const nlohmann::ordered_json& file, const nlohmann::ordered_json& decision);

}  // namespace panelpack::office
