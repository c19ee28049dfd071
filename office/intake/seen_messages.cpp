#include "office/intake/seen_messages.hpp"

#include <system_error>

#include "office/error.hpp"
#include "office/file_lock.hpp"
#include "office/files.hpp"
#include "office/intake/unmatched.hpp"

namespace panelpack::office {

namespace fs = std::filesystem;

namespace {

fs::path seen_path(const Workspace& workspace) {
  return workspace.root() / "intake" / "seen.json";
}

nlohmann::json read_json(const Workspace& workspace) {
  const fs::path path = seen_path(workspace);
  std::error_code error;
  if (!fs::is_regular_file(path, error)) return {{"messages", nlohmann::json::object()}};
  auto json = nlohmann::json::parse(read_input(path.string()), nullptr, false);
  if (json.is_discarded() || !json.is_object() || !json.contains("messages") ||
      !json["messages"].is_object()) {
    throw OfficeError(OfficeError::Code::bad_input,
                      path.string() +
                          ": not the record panelpack intake keeps; restore it from a backup "
                          "(without it, papers of messages not yet marked in the mailbox could "
                          "be recorded twice)",
                      {path.string(), ""});
  }
  return json;
}

}  // namespace

SeenMessages::SeenMessages(const Workspace& workspace, nlohmann::json json)
    : workspace_(&workspace), json_(std::move(json)) {}

SeenMessages SeenMessages::read(const Workspace& workspace) {
  return SeenMessages(workspace, read_json(workspace));
}

bool SeenMessages::processed(const std::string& message_key) const {
  const auto& messages = json_["messages"];
  const auto found = messages.find(message_key);
  return found != messages.end() && found->value("processed", false);
}

std::optional<std::string> SeenMessages::file_outcome(const std::string& message_key,
                                                      const std::string& message_id,
                                                      const std::string& sha256) const {
  for (const auto& [key, message] : json_["messages"].items()) {
    const bool same =
        key == message_key || (!message_id.empty() && message.value("messageId", "") == message_id);
    if (!same || !message.contains("files")) continue;
    const auto file = message["files"].find(sha256);
    if (file != message["files"].end()) return file->get<std::string>();
  }
  return std::nullopt;
}

void SeenMessages::change(const std::string& message_key, const std::string& message_id,
                          const std::function<void(nlohmann::json&)>& edit) {
  const fs::path path = seen_path(*workspace_);
  std::error_code error;
  fs::create_directories(path.parent_path(), error);
  const FileLock lock(intake_lock_path(*workspace_));
  json_ = read_json(*workspace_);  // another run may have written since this one read it
  nlohmann::json& message = json_["messages"][message_key];
  if (!message.is_object()) message = nlohmann::json::object();
  if (!message_id.empty()) message["messageId"] = message_id;
  if (!message.contains("files")) message["files"] = nlohmann::json::object();
  edit(message);
  write_output(path, json_.dump(2) + "\n");
  fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace,
                  error);
}

void SeenMessages::record_file(const std::string& message_key, const std::string& message_id,
                               const std::string& sha256, const std::string& outcome) {
  change(message_key, message_id,
         [&](nlohmann::json& message) { message["files"][sha256] = outcome; });
}

void SeenMessages::record_processed(const std::string& message_key, const std::string& message_id) {
  change(message_key, message_id, [](nlohmann::json& message) { message["processed"] = true; });
}

}  // namespace panelpack::office
