#pragma once
// A person the panel's papers name: a member, a presenter, the administrator.

#include <string>

#include <nlohmann/json.hpp>

namespace panelpack::panel {

struct Person {
  std::string name;
  std::string role;
  std::string team;
  std::string organisation;
  std::string email;
  std::string phone;

  // The common.schema.json Person shape; empty fields are left out.
  nlohmann::ordered_json to_json() const;
  // Throws PanelError naming `pointer` when `json` is not a Person with a name.
  static Person from_json(const nlohmann::json& json, const std::string& pointer);
};

}  // namespace panelpack::panel
