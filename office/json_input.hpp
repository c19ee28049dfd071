#pragma once
// Reading case data as JSON: one document, or many records (JSON Lines or an array), with
// errors located by line and column and never quoting the data itself.

#include <cstddef>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace panelpack::office {

// 1-based; columns count characters, as editors do.
struct TextPosition {
  int line = 1;
  int column = 1;
};

// Where the byte at `offset` is in `text`.
TextPosition position_of(std::string_view text, std::size_t offset);

// The text could not be read as JSON. `what()` is "SOURCE:LINE:COLUMN: message".
class JsonInputError : public std::runtime_error {
 public:
  JsonInputError(const std::string& source, TextPosition position, const std::string& message,
                 std::string code = "malformed_json", std::string pointer = {});
  TextPosition position() const noexcept { return position_; }
  // "malformed_json", "duplicate_key", "number_too_large", "not_utf8" or "value_too_large".
  const std::string& code() const noexcept { return code_; }
  // The JSON pointer of the value at fault, when one is known ("" otherwise).
  const std::string& pointer() const noexcept { return pointer_; }

 private:
  TextPosition position_;
  std::string code_;
  std::string pointer_;
};

// Parses one JSON document. `source` names the file in messages.
nlohmann::json parse_json_document(std::string_view text, const std::string& source);

// One record of a batch: its data, or why it cannot be used.
struct Record {
  int number = 0;       // the line in a JSON Lines file; the 1-based index in an array or folder
  std::string file;     // for a folder of records: the file it came from
  nlohmann::json data;  // an object when `error` is empty
  std::string error;    // a located message, e.g. "cases.jsonl:3:7: malformed JSON: ..."
};

struct RecordBatch {
  bool is_array = false;   // records are numbered by index, not by line
  bool is_folder = false;  // records are named by their file
  std::vector<Record> records;
};

// Reads JSON Lines (one object per line, blank lines skipped) or, when the first non-space
// character is '[', a JSON array of objects. A bad line is a bad record; a whole file that
// cannot be read (UTF-16, a malformed array) throws JsonInputError. JSON Lines are parsed on up
// to `threads` threads (each line is its own document); the records keep the file's order.
RecordBatch read_records(std::string_view text, const std::string& source, unsigned threads = 1);

// Reads every *.json file of a folder as one record each, in file-name order (a case office
// keeps one file per child). A file that cannot be read as an object is a bad record.
RecordBatch read_record_folder(const std::string& folder);

}  // namespace panelpack::office
