#include "templating/deflate_stream.hpp"

#include <zlib.h>

#include <algorithm>
#include <new>
#include <stdexcept>

namespace panelpack::templating {
namespace {

constexpr std::size_t kMaxStoredBlock = 65535;

// A stored (uncompressed) deflate block: 3 header bits padded to a byte, LEN, NLEN, data.
void append_stored_blocks(std::string& out, std::string_view text) {
  do {
    const std::size_t length = std::min(text.size(), kMaxStoredBlock);
    const auto len = static_cast<std::uint16_t>(length);
    const auto nlen = static_cast<std::uint16_t>(~len);
    out.push_back('\0');  // BFINAL 0, BTYPE 00
    out.push_back(static_cast<char>(len & 0xFF));
    out.push_back(static_cast<char>(len >> 8));
    out.push_back(static_cast<char>(nlen & 0xFF));
    out.push_back(static_cast<char>(nlen >> 8));
    out.append(text.substr(0, length));
    text.remove_prefix(length);
  } while (!text.empty());
}

std::uint32_t crc_of(std::uint32_t crc, std::string_view text) {
  while (!text.empty()) {
    const auto length = static_cast<uInt>(std::min<std::size_t>(text.size(), 1U << 30));
    crc =
        static_cast<std::uint32_t>(crc32(crc, reinterpret_cast<const Bytef*>(text.data()), length));
    text.remove_prefix(length);
  }
  return crc;
}

}  // namespace

DeflatedText deflate_once(std::string text) {
  DeflatedText piece;
  piece.crc = crc_of(0, text);
  piece.crc_append =
      static_cast<std::uint32_t>(crc32_combine_gen(static_cast<z_off_t>(text.size())));
  z_stream stream{};
  // Raw deflate (-15): the zip entry carries no zlib header. Level 6 is paid once per template.
  if (deflateInit2(&stream, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::bad_alloc();
  }
  std::string deflated(deflateBound(&stream, static_cast<uLong>(text.size())) + 16, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(text.data());
  stream.avail_in = static_cast<uInt>(text.size());
  stream.next_out = reinterpret_cast<Bytef*>(deflated.data());
  stream.avail_out = static_cast<uInt>(deflated.size());
  // A full flush ends on a byte boundary and forgets the window: pieces stand alone.
  const int status = deflate(&stream, Z_FULL_FLUSH);
  deflated.resize(deflated.size() - stream.avail_out);
  deflateEnd(&stream);
  if (status != Z_OK || stream.avail_in != 0) throw std::runtime_error("deflate failed");
  // Tiny pieces deflate to more than they are: keep them as a stored block then.
  if (deflated.size() >= text.size() + 5) {
    deflated.clear();
    append_stored_blocks(deflated, text);
  }
  piece.deflated = std::move(deflated);
  piece.text = std::move(text);
  return piece;
}

void RenderedPart::append(const DeflatedText& literal) {
  Piece piece;
  piece.literal = &literal;
  pieces_.push_back(std::move(piece));
}

void RenderedPart::append(std::string_view text) {
  if (text.empty()) return;
  if (!pieces_.empty() && pieces_.back().literal == nullptr) {
    pieces_.back().text += text;  // values side by side share one stored block
    return;
  }
  Piece piece;
  piece.text = std::string(text);
  pieces_.push_back(std::move(piece));
}

std::string RenderedPart::tail(std::size_t bytes) const {
  std::string collected;
  for (auto it = pieces_.rbegin(); it != pieces_.rend() && collected.size() < bytes; ++it) {
    collected.insert(0, it->view());
  }
  return collected.size() > bytes ? collected.substr(collected.size() - bytes) : collected;
}

bool RenderedPart::contains_since(std::size_t mark, std::string_view needle,
                                  std::string_view followed_by_any) const {
  for (std::size_t i = mark; i < pieces_.size(); ++i) {
    const std::string_view text = pieces_[i].view();
    for (std::size_t at = text.find(needle); at != std::string_view::npos;
         at = text.find(needle, at + 1)) {
      const std::size_t next = at + needle.size();
      if (next < text.size() && followed_by_any.find(text[next]) != std::string_view::npos) {
        return true;
      }
    }
  }
  return false;
}

bool RenderedPart::insert_before_last(std::size_t mark, std::string_view needle,
                                      std::string_view text) {
  for (std::size_t i = pieces_.size(); i-- > mark;) {
    const std::string_view piece_text = pieces_[i].view();
    const std::size_t at = piece_text.rfind(needle);
    if (at == std::string_view::npos) continue;
    // The piece becomes plain text: a stored block instead of its deflated form.
    std::string joined(piece_text.substr(0, at));
    joined += text;
    joined += piece_text.substr(at);
    pieces_[i].literal = nullptr;
    pieces_[i].text = std::move(joined);
    return true;
  }
  return false;
}

std::string RenderedPart::text() const {
  std::string all;
  for (const Piece& piece : pieces_) all += piece.view();
  return all;
}

DeflatedEntry RenderedPart::deflate() const {
  DeflatedEntry entry;
  std::size_t capacity = 2;
  for (const Piece& piece : pieces_) {
    capacity += piece.literal != nullptr
                    ? piece.literal->deflated.size()
                    : piece.text.size() + 5 * (1 + piece.text.size() / kMaxStoredBlock);
  }
  entry.deflated.reserve(capacity);
  for (const Piece& piece : pieces_) {
    if (piece.literal != nullptr) {
      entry.deflated += piece.literal->deflated;
      entry.crc = static_cast<std::uint32_t>(
          crc32_combine_op(entry.crc, piece.literal->crc, piece.literal->crc_append));
      entry.size += piece.literal->text.size();
    } else {
      append_stored_blocks(entry.deflated, piece.text);
      entry.crc = crc_of(entry.crc, piece.text);
      entry.size += piece.text.size();
    }
  }
  // The final block: fixed Huffman codes, holding only the end-of-block symbol.
  entry.deflated.push_back('\x03');
  entry.deflated.push_back('\x00');
  return entry;
}

}  // namespace panelpack::templating
