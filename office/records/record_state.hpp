#pragma once
// Where one child's decision record stands, read from the sitting's decisions file: the seeds'
// "following agreement of the minutes" as a state. draft → agreed → sent → on file.

#include <string_view>

#include <nlohmann/json.hpp>

namespace panelpack::office {

enum class RecordState {
  not_started,  // no decision in the file for the child yet
  draft,        // a decision in the file, not yet signed off by the chair
  agreed,       // signed off ("agreed" in the decision, or the minutes agreed for the sitting)
  sent,         // sent to the social worker and team manager ("circulatedAt")
  on_file,      // on the child's file ("recordedDate")
};

// The state of `decision` (an item of the file's "decisions", or null for none) in `sitting`
// (the whole decisions file). A file written before sign-off existed counts as agreed when it
// says when the minutes were agreed ("minutesAgreedDate").
RecordState record_state(const nlohmann::json& sitting, const nlohmann::json* decision);

// "Not started", "Draft", "Agreed", "Sent", "On the child's file": as pages and mail say it.
std::string_view record_state_words(RecordState state);

// "not_started", "draft", "agreed", "sent", "on_file": as JSON output and the audit say it.
std::string_view record_state_code(RecordState state);

}  // namespace panelpack::office
