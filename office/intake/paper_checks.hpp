#pragma once
// Whether a file that came by mail can be filed as a panel paper: a DOCX, ODT or PDF by its
// content (paper_upload.hpp's paper_file_kind), no larger than the mailbox's cap, not a zip
// bomb, not password-protected, not broken. A refusal is a reason in words for the reply to
// the sender ("it is password-protected: send it without a password").

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "office/sitting/paper_upload.hpp"

namespace panelpack::office {

// A DOCX or ODT is refused when its entries unpack to more than this...
inline constexpr std::uint64_t kMostUnpackedBytes = 200ULL << 20;
// ...or to more than this many times the file's own size.
inline constexpr std::uint64_t kMostUnpackedRatio = 100;

struct PaperCheck {
  std::optional<PaperFileKind> kind;  // set: the file may be filed
  std::string refusal;                // otherwise: why not, a clause after "because"

  bool passed() const { return kind.has_value(); }
};

// Checks `file` (`size` bytes; the cap is `max_bytes`). Never throws for what the file holds.
PaperCheck check_paper_file(const std::filesystem::path& file, std::uint64_t max_bytes);

// "20 MB": a byte count as the reply states a cap.
std::string megabytes(std::uint64_t bytes);

}  // namespace panelpack::office
