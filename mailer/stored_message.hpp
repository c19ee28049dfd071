#pragma once
// A queued message as the outbox stores it: JSON text in the row, its attachments named by
// their spool entries (sha256, file name, content type) rather than carried. nlohmann::json
// stays in stored_message.cpp.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mailer/attachment_spool.hpp"
#include "mailer/message.hpp"

namespace panelpack::mailer {

// The message with its attachments as `spooled` (one per attachment, in order), as JSON text.
std::string message_json(const Message& message, const std::vector<SpooledFile>& spooled);

// The message back, its attachments read from `spool`; their hashes are appended to
// `sha256s`. Throws (nlohmann::json's exceptions) when the text is not one.
Message message_from(const std::string& text, const std::filesystem::path& spool,
                     std::vector<std::string>& sha256s);

// The spool entries a stored message names; nullopt when the text cannot be read.
std::optional<std::vector<std::string>> attachment_sha256s(std::string_view text);

}  // namespace panelpack::mailer
