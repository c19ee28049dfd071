#pragma once
// What intake has done with each message and file, in OFFICE/intake/seen.json: the message's
// identity (UIDVALIDITY/UID, and its Message-ID, which survives a move between folders) and each
// file's SHA-256 with its outcome. A crash between filing a paper and marking its message in
// the mailbox, or a second run, finds the file here and records nothing twice.

#include <functional>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "office/workspace.hpp"

namespace panelpack::office {

class SeenMessages {
 public:
  // Reads OFFICE/intake/seen.json (none yet: nothing seen). Throws OfficeError (bad_input) when
  // it is there but not what intake writes.
  static SeenMessages read(const Workspace& workspace);

  // True when the message was read to its end and marked in the mailbox.
  bool processed(const std::string& message_key) const;

  // The outcome of a file of this message ("filed", "refused", "unmatched", "skipped") when it
  // was dealt with before, under this key or another with the same Message-ID.
  std::optional<std::string> file_outcome(const std::string& message_key,
                                          const std::string& message_id,
                                          const std::string& sha256) const;

  // Each writes seen.json at once (atomically, under the intake lock, over what another
  // run wrote meanwhile). Throws OfficeError (machine_failure).
  void record_file(const std::string& message_key, const std::string& message_id,
                   const std::string& sha256, const std::string& outcome);
  void record_processed(const std::string& message_key, const std::string& message_id);

 private:
  SeenMessages(const Workspace& workspace, nlohmann::json json);
  void change(const std::string& message_key, const std::string& message_id,
              const std::function<void(nlohmann::json&)>& edit);

  const Workspace* workspace_;
  nlohmann::json json_;
};

}  // namespace panelpack::office
