#include "office/strict_json_parser.hpp"

#include <algorithm>
#include <iterator>
#include <map>
#include <utility>
#include <vector>

#include "validation/json_locations.hpp"

namespace panelpack::office {
namespace {

using json = nlohmann::json;

// A character iterator that tells, through `read_up_to`, how far nlohmann's lexer has read:
// nlohmann's SAX events carry no position, and a duplicate key must be placed.
class TrackingIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  TrackingIterator(const char* at, const char** read_up_to) : at_(at), read_up_to_(read_up_to) {}
  reference operator*() const { return *at_; }
  TrackingIterator& operator++() {
    *read_up_to_ = ++at_;
    return *this;
  }
  TrackingIterator operator++(int) {
    TrackingIterator before = *this;
    ++*this;
    return before;
  }
  bool operator==(const TrackingIterator& other) const { return at_ == other.at_; }
  bool operator!=(const TrackingIterator& other) const { return at_ != other.at_; }

 private:
  const char* at_;
  const char** read_up_to_;
};

// Builds the document with nlohmann's own DOM builder and watches the events go by.
class StrictSax {
 public:
  StrictSax(json& result, std::string_view text, const char** read_up_to)
      : builder_(result, false), text_(text), read_up_to_(read_up_to) {}

  bool null() { return value() && builder_.null(); }
  bool boolean(bool v) { return value() && builder_.boolean(v); }
  bool number_integer(json::number_integer_t v) { return value() && builder_.number_integer(v); }
  bool number_unsigned(json::number_unsigned_t v) { return value() && builder_.number_unsigned(v); }
  bool number_float(json::number_float_t v, const json::string_t& s) {
    return value() && builder_.number_float(v, s);
  }
  bool string(json::string_t& v) { return value() && small_enough(v) && builder_.string(v); }
  bool binary(json::binary_t& v) { return value() && builder_.binary(v); }
  bool start_object(std::size_t n) {
    if (!value()) return false;
    frames_.push_back({true, {}, 0, {}});
    return builder_.start_object(n);
  }
  bool key(json::string_t& k) {
    Frame& object = frames_.back();
    const std::size_t at = key_start();
    object.child = validation::escape_pointer_token(k);
    const auto [first, inserted] = object.key_offsets.emplace(k, at);
    if (!inserted) {
      fault_ =
          JsonFault{JsonFault::Kind::duplicate_key, at, {}, current_pointer(), first->second, {}};
      return false;
    }
    return builder_.key(k);
  }
  bool end_object() {
    frames_.pop_back();
    return builder_.end_object();
  }
  bool start_array(std::size_t n) {
    if (!value()) return false;
    frames_.push_back({false, {}, 0, {}});
    return builder_.start_array(n);
  }
  bool end_array() {
    frames_.pop_back();
    return builder_.end_array();
  }
  bool parse_error(std::size_t position, const std::string& token,
                   const nlohmann::detail::exception& error) {
    JsonFault fault;
    fault.offset = position == 0 ? 0 : position - 1;
    if (dynamic_cast<const json::parse_error*>(&error) != nullptr) {
      fault.syntax_error = error.what();
    } else {
      // nlohmann's only other parse failure is error 406: a number beyond a double's range.
      fault.kind = JsonFault::Kind::number_too_large;
      if (!frames_.empty() && !frames_.back().is_object) {
        frames_.back().child = std::to_string(frames_.back().next_index);
      }
      fault.offset = position >= token.size() ? position - token.size() : 0;
      fault.pointer = current_pointer();
    }
    fault_ = std::move(fault);
    return builder_.parse_error(position, token, error);
  }

  std::optional<JsonFault> fault() { return std::move(fault_); }

 private:
  struct Frame {
    bool is_object = false;
    std::map<std::string, std::size_t> key_offsets;  // objects: each key's first offset
    std::size_t next_index = 0;                      // arrays: the next element's index
    std::string child;                               // the current member's pointer token
  };

  // A value begins: in an array it is the next element.
  bool value() {
    if (!frames_.empty() && !frames_.back().is_object) {
      frames_.back().child = std::to_string(frames_.back().next_index++);
    }
    return true;
  }

  bool small_enough(const json::string_t& text) {
    const auto breaks = static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return c == '\n' || c == '\t'; }));
    std::string problem;
    if (text.size() > max_value_bytes) {
      problem = "the text is " + std::to_string(text.size()) + " bytes long, more than the " +
                std::to_string(max_value_bytes) + " one value may hold";
    } else if (breaks > max_value_breaks) {
      problem = "the text holds " + std::to_string(breaks) +
                " line breaks and tabs, more than the " + std::to_string(max_value_breaks) +
                " one value may hold";
    } else {
      return true;
    }
    const std::size_t end = static_cast<std::size_t>(*read_up_to_ - text_.data());
    fault_ = JsonFault{JsonFault::Kind::value_too_large,
                       string_start(end),
                       {},
                       current_pointer(),
                       0,
                       std::move(problem)};
    return false;
  }

  // The offset of the opening quote of the string the lexer has just read.
  std::size_t key_start() const {
    return string_start(static_cast<std::size_t>(*read_up_to_ - text_.data()));
  }
  std::size_t string_start(std::size_t end) const {
    // end is just past the closing quote; walk back to the quote no backslash escapes.
    std::size_t at = end >= 2 ? end - 2 : 0;
    while (at > 0) {
      if (text_[at] == '"') {
        std::size_t backslashes = 0;
        while (at > backslashes && text_[at - 1 - backslashes] == '\\') ++backslashes;
        if (backslashes % 2 == 0) return at;
      }
      --at;
    }
    return at;
  }

  std::string current_pointer() const {
    std::string pointer;
    for (const Frame& frame : frames_) pointer += "/" + frame.child;
    return pointer;
  }

  nlohmann::detail::json_sax_dom_parser<json> builder_;
  std::string_view text_;
  const char** read_up_to_;
  std::vector<Frame> frames_;
  std::optional<JsonFault> fault_;
};

}  // namespace

StrictParse parse_strict_json(std::string_view text) {
  StrictParse result;
  const char* read_up_to = text.data();
  StrictSax sax(result.document, text, &read_up_to);
  const TrackingIterator first(text.data(), &read_up_to);
  const TrackingIterator last(text.data() + text.size(), &read_up_to);
  if (!json::sax_parse(first, last, &sax)) {
    result.fault = sax.fault();
    if (!result.fault) result.fault = JsonFault{};  // stopped without saying why: refuse
    result.document = nullptr;
  }
  return result;
}

}  // namespace panelpack::office
