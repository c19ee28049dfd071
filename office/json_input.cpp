#include "office/json_input.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <sstream>
#include <thread>
#include <utility>
#include <vector>

#include "office/strict_json_parser.hpp"
#include "text/utf8.hpp"

namespace panelpack::office {
namespace {

constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

std::string_view without_utf8_bom(std::string_view text) {
  return text.starts_with(utf8_bom) ? text.substr(utf8_bom.size()) : text;
}

// The wide encoding `text` starts in, by its byte-order mark or, without one, by where the
// NULs of its first (ASCII) character fall; empty when it looks like UTF-8. UTF-32's marks
// are tested first: UTF-32LE's begins with UTF-16LE's.
std::string_view wide_encoding(std::string_view text) {
  using namespace std::string_view_literals;
  if (text.starts_with("\xFF\xFE\0\0"sv)) return "UTF-32";
  if (text.starts_with("\0\0\xFE\xFF"sv)) return "UTF-32";
  if (text.starts_with("\xFF\xFE"sv) || text.starts_with("\xFE\xFF"sv)) return "UTF-16";
  if (text.size() >= 4 && text[0] != '\0' && text.substr(1, 3) == "\0\0\0"sv) return "UTF-32";
  if (text.size() >= 4 && text.substr(0, 3) == "\0\0\0"sv && text[3] != '\0') return "UTF-32";
  if (text.size() >= 2 && (text[0] == '\0') != (text[1] == '\0')) return "UTF-16";
  return {};
}

// UTF-16 and UTF-32 files (with or without a byte-order mark) show up as a mark or as NULs.
void refuse_wide_encodings(std::string_view text, const std::string& source) {
  if (const std::string_view encoding = wide_encoding(text); !encoding.empty()) {
    throw JsonInputError(
        source, {1, 1},
        "the file is " + std::string(encoding) + ", not UTF-8: save it as UTF-8 and try again",
        "not_utf8");
  }
  if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
    throw JsonInputError(source, position_of(text, nul),
                         "the file contains NUL bytes, as UTF-16 and UTF-32 text do: save it as "
                         "UTF-8 and try again",
                         "not_utf8");
  }
}

std::string invalid_utf8_message() {
  return "the file is not valid UTF-8 (this byte is not part of a UTF-8 character; Windows-1252 "
         "and Latin-1 exports look like this): save it as UTF-8 and try again";
}

bool is_token_name(std::string_view text) {
  static constexpr std::array<std::string_view, 16> names = {"<uninitialized>",
                                                             "true literal",
                                                             "false literal",
                                                             "null literal",
                                                             "string literal",
                                                             "number literal",
                                                             "'['",
                                                             "'{'",
                                                             "']'",
                                                             "'}'",
                                                             "':'",
                                                             "','",
                                                             "<parse error>",
                                                             "end of input",
                                                             "'[', '{', or a literal",
                                                             "unknown token"};
  return std::find(names.begin(), names.end(), text) != names.end();
}

// nlohmann's message without its location prefix and without "last read: '...'", which
// quotes the input (case data must never reach a message).
std::string describe_parse_error(const std::string& what) {
  std::string message = what;
  if (const auto at = message.find("parse error"); at != std::string::npos) {
    if (const auto colon = message.find(": ", at); colon != std::string::npos) {
      message.erase(0, colon + 2);
    }
  }
  constexpr std::string_view last_read = "; last read: '";
  constexpr std::string_view expected = "; expected ";
  if (const auto quoted = message.find(last_read); quoted != std::string::npos) {
    std::string tail;
    const auto expectation = message.rfind(expected);
    if (expectation != std::string::npos && expectation > quoted &&
        is_token_name(std::string_view(message).substr(expectation + expected.size()))) {
      tail = message.substr(expectation);
    }
    message = message.substr(0, quoted) + tail;
  }
  if (message.find("ill-formed UTF-8") != std::string::npos) return invalid_utf8_message();
  return "malformed JSON: " + message;
}

// Parses `text`, which starts at `line_offset` lines into the file (for JSON Lines).
nlohmann::json parse_located(std::string_view text, const std::string& source, int line_offset) {
  if (const auto bad = text::find_invalid_utf8(text); bad != std::string_view::npos) {
    TextPosition position = position_of(text, bad);
    position.line += line_offset;
    throw JsonInputError(source, position, invalid_utf8_message());
  }
  StrictParse parsed = parse_strict_json(text);
  if (!parsed.fault) return std::move(parsed.document);
  const JsonFault& fault = *parsed.fault;
  const auto located = [&](std::size_t offset) {
    TextPosition position = position_of(text, offset);
    position.line += line_offset;
    return position;
  };
  const std::string where = fault.pointer.empty() ? "the top level" : fault.pointer;
  switch (fault.kind) {
    case JsonFault::Kind::duplicate_key:
      throw JsonInputError(source, located(fault.offset),
                           where + " is given twice, here and at line " +
                               std::to_string(located(fault.first_offset).line) +
                               " (JSON would keep only the last one): remove one of them",
                           "duplicate_key", fault.pointer);
    case JsonFault::Kind::number_too_large:
      throw JsonInputError(source, located(fault.offset),
                           where +
                               ": the number is too large to hold (beyond 1.8e308): "
                               "write it smaller",
                           "number_too_large", fault.pointer);
    case JsonFault::Kind::value_too_large:
      throw JsonInputError(source, located(fault.offset),
                           where + ": " + fault.problem + "; shorten it", "value_too_large",
                           fault.pointer);
    case JsonFault::Kind::syntax:
      break;
  }
  if (fault.syntax_error.empty()) {
    throw JsonInputError(source, located(fault.offset), "malformed JSON");
  }
  throw JsonInputError(source, located(fault.offset), describe_parse_error(fault.syntax_error));
}

bool is_blank(std::string_view line) {
  return line.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

Record read_json_line(std::string_view line, int line_number, const std::string& source) {
  Record record;
  record.number = line_number;
  try {
    record.data = parse_located(line, source, line_number - 1);
    if (!record.data.is_object()) {
      record.error =
          source + ":" + std::to_string(line_number) + ": the record is not a JSON object ({...})";
      record.data = nullptr;
    }
  } catch (const JsonInputError& error) {
    record.error = error.what();
  }
  return record;
}

RecordBatch read_json_lines(std::string_view text, const std::string& source, unsigned threads) {
  struct Line {
    std::string_view text;
    int number;
  };
  std::vector<Line> lines;
  int line_number = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (is_blank(line)) continue;
    if (line.ends_with('\r')) line.remove_suffix(1);
    lines.push_back({line, line_number});
  }

  RecordBatch batch;
  batch.records.resize(lines.size());
  // Building the documents is most of the reading (memory for every member): share it out.
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < lines.size(); i = next++) {
      batch.records[i] = read_json_line(lines[i].text, lines[i].number, source);
    }
  };
  const std::size_t workers = std::min<std::size_t>(std::max(threads, 1U), lines.size());
  if (workers <= 1) {
    work();
  } else {
    std::vector<std::jthread> pool;
    pool.reserve(workers - 1);
    for (std::size_t t = 1; t < workers; ++t) pool.emplace_back(work);
    work();
  }
  return batch;
}

RecordBatch read_json_array(std::string_view text, const std::string& source) {
  nlohmann::json array = parse_located(text, source, 0);
  if (!array.is_array()) {
    throw JsonInputError(source, {1, 1}, "expected a JSON array of records");
  }
  RecordBatch batch;
  batch.is_array = true;
  int index = 0;
  for (auto& element : array) {
    Record record;
    record.number = ++index;
    if (element.is_object()) {
      record.data = std::move(element);
    } else {
      record.error = source + ": record " + std::to_string(index) +
                     ": the record is not a JSON object ({...})";
    }
    batch.records.push_back(std::move(record));
  }
  return batch;
}

}  // namespace

TextPosition position_of(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  TextPosition position;
  for (std::size_t i = 0; i < offset; ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == '\n') {
      ++position.line;
      position.column = 1;
    } else if (!text::is_utf8_continuation(text[i])) {
      ++position.column;
    }
  }
  return position;
}

JsonInputError::JsonInputError(const std::string& source, TextPosition position,
                               const std::string& message, std::string code, std::string pointer)
    : std::runtime_error(source + ":" + std::to_string(position.line) + ":" +
                         std::to_string(position.column) + ": " + message),
      position_(position),
      code_(std::move(code)),
      pointer_(std::move(pointer)) {}

nlohmann::json parse_json_document(std::string_view text, const std::string& source) {
  refuse_wide_encodings(text, source);
  text = without_utf8_bom(text);
  if (is_blank(text)) throw JsonInputError(source, {1, 1}, "the file is empty");
  return parse_located(text, source, 0);
}

RecordBatch read_records(std::string_view text, const std::string& source, unsigned threads) {
  refuse_wide_encodings(text, source);
  text = without_utf8_bom(text);
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && text[first] == '[') return read_json_array(text, source);
  return read_json_lines(text, source, threads);
}

RecordBatch read_record_folder(const std::string& folder) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  RecordBatch batch;
  batch.is_folder = true;
  int index = 0;
  for (const auto& file : files) {
    Record record;
    record.number = ++index;
    record.file = file.string();
    try {
      std::ifstream in(file, std::ios::binary);
      if (!in) throw JsonInputError(record.file, {1, 1}, "cannot be read");
      // Through a stream buffer: GCC 12 warns falsely about istreambuf_iterator here.
      std::ostringstream text;
      text << in.rdbuf();
      record.data = parse_json_document(text.str(), record.file);
      if (!record.data.is_object()) {
        record.error = record.file + ": the record is not a JSON object ({...})";
        record.data = nullptr;
      }
    } catch (const JsonInputError& error) {
      record.error = error.what();
    }
    batch.records.push_back(std::move(record));
  }
  return batch;
}

}  // namespace panelpack::office
