#include "panel/json_reading.hpp"

#include "panel/panel_error.hpp"

namespace panelpack::panel::json_reading {

namespace {

using nlohmann::json;

PanelError invalid(const std::string& pointer, const std::string& expected) {
  return PanelError("invalid_field", pointer, "expected " + expected);
}

const json& required(const json& object, const std::string& key, const std::string& pointer) {
  const json* value = member(object, key, pointer);
  if (value == nullptr) {
    throw PanelError("missing_field", child_pointer(pointer, key), "this field is required");
  }
  return *value;
}

}  // namespace

std::string child_pointer(const std::string& pointer, const std::string& key) {
  std::string escaped;
  for (const char c : key) {
    if (c == '~') {
      escaped += "~0";
    } else if (c == '/') {
      escaped += "~1";
    } else {
      escaped += c;
    }
  }
  return pointer + "/" + escaped;
}

std::string child_pointer(const std::string& pointer, std::size_t index) {
  return pointer + "/" + std::to_string(index);
}

const json* member(const json& object, const std::string& key, const std::string& pointer) {
  if (!object.is_object()) {
    throw PanelError("not_an_object", pointer.empty() ? "(top level)" : pointer,
                     "expected a JSON object");
  }
  const auto found = object.find(key);
  if (found == object.end() || found->is_null()) return nullptr;
  return &*found;
}

std::string required_string(const json& object, const std::string& key,
                            const std::string& pointer) {
  const json& value = required(object, key, pointer);
  if (!value.is_string()) throw invalid(child_pointer(pointer, key), "text");
  return value.get<std::string>();
}

std::string optional_string(const json& object, const std::string& key,
                            const std::string& pointer) {
  const json* value = member(object, key, pointer);
  if (value == nullptr) return "";
  if (!value->is_string()) throw invalid(child_pointer(pointer, key), "text");
  return value->get<std::string>();
}

std::optional<int> optional_int(const json& object, const std::string& key,
                                const std::string& pointer) {
  const json* value = member(object, key, pointer);
  if (value == nullptr) return std::nullopt;
  if (!value->is_number_integer() || value->get<long long>() < -100000 ||
      value->get<long long>() > 100000) {
    throw invalid(child_pointer(pointer, key), "a whole number");
  }
  return value->get<int>();
}

CalendarDate required_date(const json& object, const std::string& key, const std::string& pointer) {
  const auto date = optional_date(object, key, pointer);
  if (!date) {
    throw PanelError("missing_field", child_pointer(pointer, key), "this field is required");
  }
  return *date;
}

std::optional<CalendarDate> optional_date(const json& object, const std::string& key,
                                          const std::string& pointer) {
  const json* value = member(object, key, pointer);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) throw invalid(child_pointer(pointer, key), "a date as YYYY-MM-DD");
  try {
    return CalendarDate::parse(value->get<std::string>());
  } catch (const PanelError&) {
    throw invalid(child_pointer(pointer, key), "a real date as YYYY-MM-DD");
  }
}

TimeOfDay required_time(const json& object, const std::string& key, const std::string& pointer) {
  const std::string text = required_string(object, key, pointer);
  try {
    return TimeOfDay::parse(text);
  } catch (const PanelError&) {
    throw invalid(child_pointer(pointer, key), "a time as HH:MM (00:00-23:59)");
  }
}

std::optional<UtcInstant> optional_instant(const json& object, const std::string& key,
                                           const std::string& pointer) {
  const std::string text = optional_string(object, key, pointer);
  if (text.empty()) return std::nullopt;
  try {
    return parse_instant(text);
  } catch (const PanelError&) {
    throw invalid(child_pointer(pointer, key), "a date and time such as 2026-12-10T16:40:00+00:00");
  }
}

const std::vector<json>& array_of(const json& object, const std::string& key,
                                  const std::string& pointer) {
  static const std::vector<json> kNone;
  const json* value = member(object, key, pointer);
  if (value == nullptr) return kNone;
  if (!value->is_array()) throw invalid(child_pointer(pointer, key), "a list");
  return value->get_ref<const json::array_t&>();
}

}  // namespace panelpack::panel::json_reading
