#include "panel/person.hpp"

#include "panel/json_reading.hpp"

namespace panelpack::panel {

nlohmann::ordered_json Person::to_json() const {
  nlohmann::ordered_json json = nlohmann::ordered_json::object();
  const auto put = [&](const char* key, const std::string& value) {
    if (!value.empty()) json[key] = value;
  };
  put("name", name);
  put("role", role);
  put("team", team);
  put("organisation", organisation);
  put("email", email);
  put("phone", phone);
  return json;
}

Person Person::from_json(const nlohmann::json& json, const std::string& pointer) {
  using namespace json_reading;
  return {required_string(json, "name", pointer),  optional_string(json, "role", pointer),
          optional_string(json, "team", pointer),  optional_string(json, "organisation", pointer),
          optional_string(json, "email", pointer), optional_string(json, "phone", pointer)};
}

}  // namespace panelpack::panel
