#include "mailer/attachment_spool.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <random>
#include <string_view>
#include <system_error>
#include <utility>

#include "mailer/mail_error.hpp"
#include "text/sha256.hpp"

namespace panelpack::mailer {
namespace {

namespace fs = std::filesystem;

// SHA-256 of a file, read in chunks.
SpooledFile hash_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw MailError("attachment_unreadable", file.string(), "cannot read the file");
  text::Sha256 digest;
  SpooledFile result;
  std::string chunk(64 * 1024, '\0');
  while (in) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    const auto got = static_cast<std::size_t>(in.gcount());
    if (in.bad()) throw MailError("attachment_unreadable", file.string(), "reading failed");
    digest.update(std::string_view(chunk).substr(0, got));
    result.size += got;
  }
  result.sha256 = digest.finish_hex();
  return result;
}

// A file on its way into the spool, named before its hash is known.
constexpr std::string_view kIncomingPrefix = ".incoming-";

// True for the name hash_file gives a spooled file: 64 lower-case hex digits.
bool is_sha256_name(std::string_view name) {
  return name.size() == 64 && std::all_of(name.begin(), name.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

// Removes a half-made spool file unless it was renamed into place.
class IncomingFile {
 public:
  explicit IncomingFile(fs::path path) : path_(std::move(path)) {}
  ~IncomingFile() {
    if (!path_.empty()) {
      std::error_code ignored;
      fs::remove(path_, ignored);
    }
  }
  IncomingFile(const IncomingFile&) = delete;
  IncomingFile& operator=(const IncomingFile&) = delete;
  const fs::path& path() const noexcept { return path_; }
  void keep() noexcept { path_.clear(); }

 private:
  fs::path path_;
};

void sync_file(const fs::path& file) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

void copy_streaming(const fs::path& from, const fs::path& to) {
  std::ifstream in(from, std::ios::binary);
  if (!in) {
    throw MailError("attachment_unreadable", from.string(),
                    "cannot read the attachment to queue it");
  }
  std::ofstream out(to, std::ios::binary | std::ios::trunc);
  std::string chunk(64 * 1024, '\0');
  while (in && out) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    out.write(chunk.data(), in.gcount());
  }
  out.close();
  if (in.bad() || !out) {
    throw MailError("spool_failed", to.string(), "cannot copy the attachment into the spool");
  }
  sync_file(to);
}

}  // namespace

SpooledFile spool_attachment(const fs::path& source, const fs::path& spool) {
  std::error_code error;
  if (!fs::is_regular_file(source, error)) {
    throw MailError("attachment_unreadable", source.string(),
                    "the attachment is not a readable file");
  }
  // The spool holds what the messages carry: readable by the owner only.
  fs::create_directories(spool);  // even one made before, by an older panelpack:
  fs::permissions(spool, fs::perms::owner_all, fs::perm_options::replace);
  std::random_device random;
  IncomingFile incoming(spool / (std::string(kIncomingPrefix) + std::to_string(random()) + "-" +
                                 std::to_string(random())));
  if (::link(source.c_str(), incoming.path().c_str()) != 0) {
    copy_streaming(source, incoming.path());
  }
  SpooledFile spooled = hash_file(incoming.path());
  fs::rename(incoming.path(), spool / spooled.sha256, error);
  if (error) {
    throw MailError("spool_failed", (spool / spooled.sha256).string(),
                    "cannot put the attachment into the spool: " + error.message());
  }
  // When the same file was spooled before, both names are links to one inode and rename()
  // does nothing: the incoming name is left, and its destructor removes it.
  if (!fs::exists(incoming.path(), error)) incoming.keep();
  return spooled;
}
std::string changed_attachment(const fs::path& spool, const std::vector<std::string>& sha256s) {
  for (const std::string& sha256 : sha256s) {
    const fs::path file = spool / sha256;
    try {
      if (hash_file(file).sha256 != sha256) {
        return "the spooled attachment " + file.string() +
               " changed after it was queued (its original was edited in place)";
      }
    } catch (const MailError&) {
      return "the spooled attachment " + file.string() + " is missing";
    }
  }
  return {};
}

std::size_t remove_unneeded(const fs::path& spool, const std::set<std::string>& still_needed) {
  std::size_t removed = 0;
  std::error_code error;
  for (const fs::directory_entry& entry : fs::directory_iterator(spool, error)) {
    const std::string name = entry.path().filename().string();
    // Spooled files (named by their SHA-256) no row needs, and what a queue() killed half-way
    // left; anything else there is not ours to remove.
    const bool unneeded = is_sha256_name(name) && !still_needed.contains(name);
    if (!unneeded && !name.starts_with(kIncomingPrefix)) continue;
    std::error_code not_removed;
    if (fs::remove(entry.path(), not_removed)) ++removed;
  }
  return removed;
}

}  // namespace panelpack::mailer
