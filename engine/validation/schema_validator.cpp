#include "validation/schema_validator.hpp"

#include <algorithm>
#include <cmath>
#include <locale>
#include <regex>

#include "text/utf8.hpp"
#include "validation/formats.hpp"
#include "validation/json_locations.hpp"
#include "validation/nearest_name.hpp"

namespace panelpack::validation {
namespace {

// libstdc++ fills std::ctype<char>'s narrow cache lazily, a character at a time, from whichever
// thread compiles a regex (libstdc++ PR 77704, a race TSan reports): fill it all once, first.
void fill_narrow_cache_once() {
  static const bool filled = [] {
    const auto& ctype = std::use_facet<std::ctype<char>>(std::locale());
    char from[256];
    char to[256];
    for (int i = 0; i < 256; ++i) from[i] = static_cast<char>(i);
    ctype.narrow(from, from + 256, '\0', to);
    return true;
  }();
  (void)filled;
}

using Json = nlohmann::json;

constexpr std::size_t kMaxDepth = 64;  // a $ref cycle must not recurse forever
constexpr std::size_t kValueBytes = 60;
constexpr std::size_t kListedValues = 16;

std::string shortened(std::string text) {
  if (text.size() <= kValueBytes) return text;
  return text.substr(0, text::utf8_prefix_length(text, kValueBytes)) + "\xE2\x80\xA6";
}

// Objects and lists are shown by their shape only: the data inside is not the problem.
std::string quoted(const Json& value) {
  if (value.is_object()) return "{\xE2\x80\xA6}";
  if (value.is_array()) return "[\xE2\x80\xA6]";
  return shortened(value.dump(-1, ' ', false, Json::error_handler_t::replace));
}

std::string type_name(std::string_view type) {
  if (type == "string") return "text";
  if (type == "integer") return "a whole number";
  if (type == "number") return "a number";
  if (type == "boolean") return "true or false";
  if (type == "array") return "a list [...]";
  if (type == "object") return "an object {...}";
  if (type == "null") return "null";
  return std::string(type);
}

std::string actual_type(const Json& value) {
  switch (value.type()) {
    case Json::value_t::string:
      return "text";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
      return "a whole number";
    case Json::value_t::number_float:
      return "a number";
    case Json::value_t::boolean:
      return "true or false";
    case Json::value_t::array:
      return "a list";
    case Json::value_t::object:
      return "an object";
    case Json::value_t::null:
      return "null";
    default:
      return "not a value";
  }
}

bool has_type(const Json& value, std::string_view type) {
  if (type == "string") return value.is_string();
  if (type == "object") return value.is_object();
  if (type == "array") return value.is_array();
  if (type == "boolean") return value.is_boolean();
  if (type == "null") return value.is_null();
  if (type == "number") return value.is_number();
  if (type == "integer") {
    if (value.is_number_integer()) return true;
    if (!value.is_number_float()) return false;
    const double number = value.get<double>();
    return std::isfinite(number) && std::floor(number) == number;
  }
  return false;
}

std::string joined(const std::vector<std::string>& items, const std::string& last_separator) {
  std::string text;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) text += (i + 1 == items.size()) ? last_separator : ", ";
    text += items[i];
  }
  return text;
}

// Enum values as a person would type them: strings without quotes.
std::string listed(const Schema& values) {
  std::string text = "one of ";
  std::size_t count = 0;
  for (const auto& value : values) {
    if (count == kListedValues) {
      text += ", \xE2\x80\xA6";
      break;
    }
    if (count > 0) text += ", ";
    text += value.is_string() ? value.get<std::string>() : value.dump();
    ++count;
  }
  return text;
}

std::string with_article(const std::string& noun) {
  const bool vowel =
      !noun.empty() && std::string_view("aeiouAEIOU").find(noun[0]) != std::string_view::npos;
  return (vowel ? "an " : "a ") + noun;
}

std::size_t code_points(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(
      text.begin(), text.end(), [](char ch) { return !text::is_utf8_continuation(ch); }));
}

bool equal_json(const Json& value, const Schema& expected) {
  return value == Json::parse(expected.dump());
}

class Run {
 public:
  explicit Run(const SchemaSet& schemas) : schemas_(schemas) {}

  void check(const Schema& schema, const std::string& document, const Json& value,
             const std::string& pointer, const std::string& title, std::size_t depth) {
    if (depth > kMaxDepth) throw SchemaError("$ref nesting deeper than 64 in " + document);
    if (schema.is_boolean()) {
      if (!schema.get<bool>()) add(pointer, "false", "is not allowed here", "", value);
      return;
    }
    if (!schema.is_object()) return;
    // A title names what the value is, for messages ("is not a legal status").
    std::string name = title;
    if (const auto t = schema.find("title"); t != schema.end() && t->is_string()) {
      name = t->get<std::string>();
    }
    if (const auto ref = schema.find("$ref"); ref != schema.end() && ref->is_string()) {
      const SchemaNode target = schemas_.resolve(ref->get<std::string>(), document);
      check(*target.schema, target.document, value, pointer, name, depth + 1);
    }
    if (!check_type(schema, value, pointer)) return;
    check_values(schema, value, pointer, name);
    if (value.is_string()) check_string(schema, value, pointer);
    if (value.is_number()) check_number(schema, value, pointer);
    if (value.is_object()) check_object(schema, document, value, pointer, depth);
    if (value.is_array()) check_array(schema, document, value, pointer, depth);
  }

  std::vector<ValidationError> errors;

 private:
  void add(const std::string& pointer, std::string keyword, std::string problem,
           std::string expected, const Json& value) {
    ValidationError error;
    error.pointer = pointer;
    error.keyword = std::move(keyword);
    error.problem = std::move(problem);
    error.expected = std::move(expected);
    error.value = quoted(value);
    errors.push_back(std::move(error));
  }

  bool check_type(const Schema& schema, const Json& value, const std::string& pointer) {
    const auto type = schema.find("type");
    if (type == schema.end()) return true;
    std::vector<std::string> allowed;
    if (type->is_string()) allowed.push_back(type->get<std::string>());
    if (type->is_array()) {
      for (const auto& item : *type) {
        if (item.is_string()) allowed.push_back(item.get<std::string>());
      }
    }
    for (const auto& name : allowed) {
      if (has_type(value, name)) return true;
    }
    std::vector<std::string> names;
    for (const auto& name : allowed) names.push_back(type_name(name));
    add(pointer, "type", "is " + actual_type(value), joined(names, " or "), value);
    return false;
  }

  void check_values(const Schema& schema, const Json& value, const std::string& pointer,
                    const std::string& name) {
    if (const auto expected = schema.find("const"); expected != schema.end()) {
      if (!equal_json(value, *expected)) {
        const std::string shown =
            expected->is_string() ? expected->get<std::string>() : expected->dump();
        add(pointer, "const",
            name.empty() ? "is not the only value allowed"
                         : "is not " + with_article(name) + " allowed here",
            shown, value);
      }
    }
    if (const auto choices = schema.find("enum"); choices != schema.end() && choices->is_array()) {
      const bool found = std::any_of(choices->begin(), choices->end(), [&](const Schema& choice) {
        return equal_json(value, choice);
      });
      if (!found) {
        add(pointer, "enum",
            name.empty() ? "is not one of the allowed values" : "is not " + with_article(name),
            listed(*choices), value);
      }
    }
  }

  void check_string(const Schema& schema, const Json& value, const std::string& pointer) {
    const auto text = value.get<std::string>();
    if (const auto min = schema.find("minLength");
        min != schema.end() && min->is_number_unsigned()) {
      const auto limit = min->get<std::size_t>();
      if (code_points(text) < limit) {
        if (text.empty()) {
          add(pointer, "minLength", "is empty", "some text", value);
        } else {
          add(pointer, "minLength", "is too short",
              "at least " + std::to_string(limit) + " characters", value);
        }
      }
    }
    if (const auto max = schema.find("maxLength");
        max != schema.end() && max->is_number_unsigned()) {
      const auto limit = max->get<std::size_t>();
      if (code_points(text) > limit) {
        add(pointer, "maxLength", "is too long", "at most " + std::to_string(limit) + " characters",
            value);
      }
    }
    if (const auto pattern = schema.find("pattern");
        pattern != schema.end() && pattern->is_string()) {
      if (!std::regex_search(text, regex_for(pattern->get<std::string>()))) {
        add(pointer, "pattern", "does not have the expected form",
            "text matching " + pattern->get<std::string>(), value);
      }
    }
    if (const auto format = schema.find("format"); format != schema.end() && format->is_string()) {
      check_format(format->get<std::string>(), text, value, pointer);
    }
  }

  void check_format(const std::string& format, const std::string& text, const Json& value,
                    const std::string& pointer) {
    if (format == "date" && !is_date(text)) {
      static const std::regex shape("^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
      const bool looks_like_one = std::regex_match(text, shape);
      add(pointer, "format", looks_like_one ? "is not a real date" : "is not a date",
          "a date written YYYY-MM-DD, such as 2026-03-04", value);
    } else if (format == "date-time" && !is_date_time(text)) {
      add(pointer, "format", "is not a date and time",
          "a date and time such as 2026-03-04T09:30:00Z or 2026-03-04T09:30:00+01:00", value);
    } else if (format == "email" && !is_email(text)) {
      add(pointer, "format", "is not an email address", "an address such as name@example.org",
          value);
    }
  }

  void check_number(const Schema& schema, const Json& value, const std::string& pointer) {
    const double number = value.get<double>();
    if (const auto min = schema.find("minimum"); min != schema.end() && min->is_number()) {
      if (number < min->get<double>()) {
        add(pointer, "minimum", "is too small", "at least " + min->dump(), value);
      }
    }
    if (const auto max = schema.find("maximum"); max != schema.end() && max->is_number()) {
      if (number > max->get<double>()) {
        add(pointer, "maximum", "is too large", "at most " + max->dump(), value);
      }
    }
  }

  void check_object(const Schema& schema, const std::string& document, const Json& value,
                    const std::string& pointer, std::size_t depth) {
    const auto properties = schema.find("properties");
    const bool has_properties = properties != schema.end() && properties->is_object();
    if (const auto required = schema.find("required");
        required != schema.end() && required->is_array()) {
      for (const auto& name : *required) {
        if (!name.is_string() || value.contains(name.get<std::string>())) continue;
        ValidationError error;
        error.pointer = pointer + "/" + escape_pointer_token(name.get<std::string>());
        error.keyword = "required";
        error.problem = "is missing";
        error.expected = "this field is required";
        errors.push_back(std::move(error));
      }
    }
    const auto additional = schema.find("additionalProperties");
    for (const auto& [key, member] : value.items()) {
      const std::string member_pointer = pointer + "/" + escape_pointer_token(key);
      if (has_properties) {
        if (const auto property = properties->find(key); property != properties->end()) {
          check(*property, document, member, member_pointer, "", depth + 1);
          continue;
        }
      }
      if (additional == schema.end()) continue;
      if (additional->is_boolean() && !additional->get<bool>()) {
        unknown_field(*properties, has_properties, key, member_pointer);
      } else {
        check(*additional, document, member, member_pointer, "", depth + 1);
      }
    }
  }

  void unknown_field(const Schema& properties, bool has_properties, const std::string& key,
                     const std::string& pointer) {
    ValidationError error;
    error.pointer = pointer;
    error.keyword = "additionalProperties";
    error.problem = "is not a known field";
    if (has_properties) {
      std::vector<std::string> known;
      for (const auto& [name, ignored] : properties.items()) known.push_back(name);
      if (auto nearest = nearest_name(key, known)) error.suggestion = *nearest;
    }
    errors.push_back(std::move(error));
  }

  void check_array(const Schema& schema, const std::string& document, const Json& value,
                   const std::string& pointer, std::size_t depth) {
    if (const auto min = schema.find("minItems");
        min != schema.end() && min->is_number_unsigned()) {
      if (value.size() < min->get<std::size_t>()) {
        add(pointer, "minItems", "has too few items", "at least " + min->dump() + " items", value);
      }
    }
    if (const auto max = schema.find("maxItems");
        max != schema.end() && max->is_number_unsigned()) {
      if (value.size() > max->get<std::size_t>()) {
        add(pointer, "maxItems", "has too many items", "at most " + max->dump() + " items", value);
      }
    }
    if (const auto items = schema.find("items"); items != schema.end()) {
      for (std::size_t i = 0; i < value.size(); ++i) {
        check(*items, document, value[i], pointer + "/" + std::to_string(i), "", depth + 1);
      }
    }
  }

  const std::regex& regex_for(const std::string& pattern) {
    auto found = regexes_.find(pattern);
    if (found == regexes_.end()) {
      fill_narrow_cache_once();
      try {
        found = regexes_.emplace(pattern, std::regex(pattern, std::regex::ECMAScript)).first;
      } catch (const std::regex_error&) {
        throw SchemaError("the schema's pattern " + pattern + " is not a valid regular expression");
      }
    }
    return found->second;
  }

  const SchemaSet& schemas_;
  std::map<std::string, std::regex> regexes_;
};

}  // namespace

std::string describe(const ValidationError& error, bool quote_value) {
  std::string text;
  if (!error.value.empty()) text = (quote_value ? error.value : std::string("the value")) + " ";
  text += error.problem;
  if (!error.suggestion.empty()) text += "; did you mean \"" + error.suggestion + "\"?";
  if (!error.expected.empty()) {
    text += error.keyword == "required" ? "; " + error.expected : "; expected " + error.expected;
  }
  return text;
}

Validator::Validator(const SchemaSet& schemas, std::string document)
    : schemas_(&schemas), document_(std::move(document)) {
  schemas_->root(document_);
}

std::vector<ValidationError> Validator::validate(const nlohmann::json& instance) const {
  const SchemaNode root = schemas_->root(document_);
  Run run(*schemas_);
  run.check(*root.schema, root.document, instance, "", "", 0);
  return std::move(run.errors);
}

void locate(std::vector<ValidationError>& errors, std::string_view text) {
  const auto lines = value_lines(text);
  for (auto& error : errors) {
    std::string pointer = error.pointer;
    for (;;) {
      if (const auto found = lines.find(pointer); found != lines.end()) {
        error.line = found->second;
        break;
      }
      if (pointer.empty()) {
        error.line = 1;
        break;
      }
      pointer.erase(pointer.rfind('/'));
    }
  }
  std::stable_sort(
      errors.begin(), errors.end(),
      [](const ValidationError& a, const ValidationError& b) { return a.line < b.line; });
}

}  // namespace panelpack::validation
