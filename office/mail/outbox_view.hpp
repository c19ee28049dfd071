#pragma once
// The office's outbox (OFFICE/panelpack.db) as its administrator sees it and changes it: what
// was sent, what waits and why, what failed for good, and whose delivery is in doubt; failed
// rows retried, unsent rows cancelled. Rows name their mail by key, never by its content.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "mailer/outbox.hpp"
#include "office/workspace.hpp"
#include "panel/london_time.hpp"

namespace panelpack::office {

struct OutboxQuery {
  std::optional<mailer::OutboxState> state;
  std::string key_prefix;           // empty: every key
  std::optional<std::int64_t> row;  // one row, with its attempts
};

struct OutboxListing {
  std::filesystem::path path;
  bool exists = false;  // false: no tick has made the outbox yet, so it is empty
  std::map<mailer::OutboxState, std::size_t> counts;  // every state; empty when !exists
  std::vector<mailer::OutboxRow> rows;
  std::vector<mailer::AttemptRecord> attempts;  // the one row's, when the query named one
};

// Reads the outbox without writing anything (it works on a full disk). Throws OfficeError:
// bad_input when the row the query names is not there, machine_failure when the database
// cannot be read.
OutboxListing list_outbox(const Workspace& workspace, const OutboxQuery& query);

// The warning for a row whose delivery is in doubt (a tick died sending it, or no reply came
// after the whole message), naming what to do; empty when it is not in doubt.
std::string doubt_note(const mailer::OutboxRow& row);
// The recipient may have it twice (or has it already, if it is being sent again).
bool may_be_duplicate(const mailer::OutboxRow& row);

// {"outbox", "counts", "rows"}: the listing as `panelpack outbox list --json` gives it, each
// row with its attempts ("audit") when the query named one row.
nlohmann::ordered_json to_json(const OutboxListing& listing, bool with_audit);

enum class OutboxAction { retry, cancel };

struct OutboxChange {
  OutboxAction action = OutboxAction::retry;
  std::optional<std::int64_t> row;        // one row by its ID
  std::optional<std::string> key_prefix;  // the rows whose key starts with it
  // Neither: every row it can change (retry --all: every failed row).
};

struct OutboxChanged {
  std::vector<std::int64_t> ids;  // the rows changed
};

// Retries failed rows (due again from `now`) or cancels rows not yet sent. Throws OfficeError
// bad_input when there is no outbox, no such row, or the row named cannot be changed so (its
// state is in the message); machine_failure when the database cannot be used.
OutboxChanged change_outbox(const Workspace& workspace, const OutboxChange& change,
                            panel::UtcInstant now);

}  // namespace panelpack::office
