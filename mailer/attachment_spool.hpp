#pragma once
// The attachment spool, DATABASE.spool beside the outbox: each queued attachment kept as
// SPOOL/<sha256>, so that what is sent is what was queued whatever happens to the original.
// OpenSSL stays in attachment_spool.cpp.

#include <cstdint>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

namespace panelpack::mailer {

struct SpooledFile {
  std::string sha256;
  std::uint64_t size = 0;
};

// Puts the file's current content into the spool as SPOOL/<sha256>: a hard link when the
// file system allows (atomic replacements and deletions of the original then do not touch it),
// a copy otherwise. The link is made before hashing, so the hash is of what was kept.
// Errors: MailError "attachment_unreadable" or "spool_failed".
SpooledFile spool_attachment(const std::filesystem::path& source,
                             const std::filesystem::path& spool);

// Spool files must still hold what was queued (a hard-linked original edited in place would
// not): why the first of `sha256s` that does not is unfit to send; empty when all are fine.
std::string changed_attachment(const std::filesystem::path& spool,
                               const std::vector<std::string>& sha256s);

// Removes the spooled files not in `still_needed` and the half-spooled files of a queue()
// that was killed; anything else in the folder is left. Returns how many were removed.
std::size_t remove_unneeded(const std::filesystem::path& spool,
                            const std::set<std::string>& still_needed);

}  // namespace panelpack::mailer
