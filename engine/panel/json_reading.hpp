#pragma once
// Reading typed values out of configuration and workspace JSON, with errors that name the
// value by its JSON pointer ("/panels/0/startTime"). The command validates files against
// their schema first; these checks keep the domain safe when it is handed JSON directly.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "panel/calendar_date.hpp"
#include "panel/london_time.hpp"

namespace panelpack::panel::json_reading {

// "/panels/0" + "startTime" -> "/panels/0/startTime" (RFC 6901 escaping of ~ and /).
std::string child_pointer(const std::string& pointer, const std::string& key);
std::string child_pointer(const std::string& pointer, std::size_t index);

// The member `key` of `object`, or nothing when absent or null. Throws PanelError
// "not_an_object" when `object` is not an object.
const nlohmann::json* member(const nlohmann::json& object, const std::string& key,
                             const std::string& pointer);

// Required members throw PanelError "missing_field"; a value of the wrong kind throws
// "invalid_field". `pointer` is the object's own pointer.
std::string required_string(const nlohmann::json& object, const std::string& key,
                            const std::string& pointer);
std::string optional_string(const nlohmann::json& object, const std::string& key,
                            const std::string& pointer);
std::optional<int> optional_int(const nlohmann::json& object, const std::string& key,
                                const std::string& pointer);
CalendarDate required_date(const nlohmann::json& object, const std::string& key,
                           const std::string& pointer);
std::optional<CalendarDate> optional_date(const nlohmann::json& object, const std::string& key,
                                          const std::string& pointer);
TimeOfDay required_time(const nlohmann::json& object, const std::string& key,
                        const std::string& pointer);
std::optional<UtcInstant> optional_instant(const nlohmann::json& object, const std::string& key,
                                           const std::string& pointer);
// An array member (empty when absent); throws "invalid_field" when present and not an array.
const std::vector<nlohmann::json>& array_of(const nlohmann::json& object, const std::string& key,
                                            const std::string& pointer);

}  // namespace panelpack::panel::json_reading
