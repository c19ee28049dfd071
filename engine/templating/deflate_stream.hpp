#pragma once
// Deflating a rendered part without deflating it at render time: the template's literal
// markup is deflated once when it is compiled, each piece on its own (fresh window, ending
// on a byte boundary), so a render only copies those pieces and writes the values between
// them as stored blocks. The pieces concatenate into one valid deflate stream.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace panelpack::templating {

// A piece of markup with its deflated form, made once per template.
struct DeflatedText {
  std::string text;
  std::string deflated;   // raw deflate blocks, not final, byte-aligned
  std::uint32_t crc = 0;  // CRC-32 of text
  // zlib's operator for appending this text's CRC to another (crc32_combine_gen of its length),
  // made once here so a render's combine costs one multiplication, not a power of x.
  std::uint32_t crc_append = 0;
};

DeflatedText deflate_once(std::string text);

// One entry's data, ready for a zip: raw deflate stream, CRC-32 and size of the text.
struct DeflatedEntry {
  std::string deflated;
  std::uint32_t crc = 0;
  std::uint64_t size = 0;
};

// A rendered part as a list of pieces: literal pieces point at the template's DeflatedText,
// value pieces hold escaped text. Guards look at and cut this list before it is deflated.
class RenderedPart {
 public:
  void append(const DeflatedText& literal);
  void append(std::string_view text);
  std::size_t mark() const noexcept { return pieces_.size(); }
  void cut_back_to(std::size_t mark) { pieces_.resize(mark); }
  // Up to `bytes` of text before the end, for the guards' checks.
  std::string tail(std::size_t bytes) const;
  // Does any piece after `mark` contain `needle`? (Needles never straddle pieces: they are
  // whole element names, and a value's escaped text never contains '<'.)
  bool contains_since(std::size_t mark, std::string_view needle,
                      std::string_view followed_by_any) const;
  // Inserts `text` before the last occurrence of `needle` after `mark`; false if none.
  bool insert_before_last(std::size_t mark, std::string_view needle, std::string_view text);

  std::string text() const;       // the whole XML, for tests and stored entries
  DeflatedEntry deflate() const;  // pieces copied, values as stored blocks, one final block

 private:
  struct Piece {
    const DeflatedText* literal = nullptr;  // or:
    std::string text;
    std::string_view view() const { return literal != nullptr ? literal->text : text; }
  };
  std::vector<Piece> pieces_;
};

}  // namespace panelpack::templating
