#include "mailer/transport.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <fstream>
#include <random>
#include <system_error>
#include <utility>

#include "mailer/mail_error.hpp"
#include "mailer/mime_writer.hpp"

namespace panelpack::mailer {
namespace {

// A file name from a Message-ID or an address: letters, digits and ._@+- kept, the rest '_'.
std::string file_name_part(std::string_view text) {
  std::string name;
  for (const char c : text) {
    const bool kept = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '.' || c == '_' || c == '@' || c == '+' || c == '-';
    if (c == '<' || c == '>') continue;
    name += kept ? c : '_';
  }
  return name.substr(0, 120);
}

// Owns a file descriptor opened only to fsync a finished file.
class SyncedFile {
 public:
  explicit SyncedFile(const std::filesystem::path& path)
      : fd_(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {}
  ~SyncedFile() {
    if (fd_ >= 0) ::close(fd_);
  }
  SyncedFile(const SyncedFile&) = delete;
  SyncedFile& operator=(const SyncedFile&) = delete;
  bool sync() const { return fd_ >= 0 && ::fsync(fd_) == 0; }

 private:
  int fd_;
};

}  // namespace

SmtpTransport::SmtpTransport(SmtpSettings settings) : session_(std::move(settings)) {}

SendResult SmtpTransport::send(const Message& message, const std::string& envelope_from,
                               const std::string& recipient) {
  return session_.send(message, envelope_from, recipient);
}

EmlFolderTransport::EmlFolderTransport(std::filesystem::path folder) : folder_(std::move(folder)) {
  std::filesystem::create_directories(folder_);
}

SendResult EmlFolderTransport::send(const Message& original, const std::string& envelope_from,
                                    const std::string& recipient) {
  validate_address(envelope_from);
  validate_address(recipient);
  Message message = original;
  if (message.message_id.empty()) {
    message.message_id = make_message_id(email_domain(message.from.email));
  }
  const std::filesystem::path target =
      folder_ / (file_name_part(message.message_id) + "--" + file_name_part(recipient) + ".eml");
  std::random_device random;
  const std::filesystem::path temporary =
      folder_ / ("." + target.filename().string() + ".tmp-" + std::to_string(random()));
  try {
    {
      std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
      if (!out) throw MailError("write_failed", temporary.string(), "cannot create the file");
      write_mime(out, message, std::chrono::system_clock::now());
      out.close();
      if (!out) throw MailError("write_failed", temporary.string(), "writing the file failed");
    }
    if (!SyncedFile(temporary).sync()) {
      throw MailError("write_failed", temporary.string(), "flushing the file to disk failed");
    }
    std::filesystem::rename(temporary, target);
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    throw;
  }
  written_.push_back(target);
  return SendResult{SendResult::Outcome::delivered, 0, "written to " + target.string()};
}

}  // namespace panelpack::mailer
