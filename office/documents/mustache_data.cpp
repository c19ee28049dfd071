#include "office/documents/mustache_data.hpp"

#include <algorithm>

namespace panelpack::office {

namespace mustache = kainjow::mustache;

namespace {

constexpr int max_depth = 64;

}  // namespace

mustache::data to_mustache_data(const nlohmann::json& value, int depth) {
  if (depth > max_depth) return mustache::data(false);
  switch (value.type()) {
    case nlohmann::json::value_t::object: {
      mustache::data object{mustache::data::type::object};
      for (const auto& [key, member] : value.items()) {
        object.set(key, to_mustache_data(member, depth + 1));
      }
      return object;
    }
    case nlohmann::json::value_t::array: {
      mustache::data list{mustache::data::type::list};
      for (const auto& item : value) list.push_back(to_mustache_data(item, depth + 1));
      return list;
    }
    case nlohmann::json::value_t::string:
      return mustache::data(value.get_ref<const std::string&>());
    case nlohmann::json::value_t::boolean:
      return mustache::data(value.get<bool>());
    case nlohmann::json::value_t::null:
    case nlohmann::json::value_t::discarded:
      return mustache::data(false);
    default:  // numbers print as JSON writes them
      return mustache::data(value.dump());
  }
}

std::string first_unescaped_tag(const std::string& text) {
  for (auto open = text.find("{{"); open != std::string::npos; open = text.find("{{", open + 2)) {
    const auto sigil = text.find_first_not_of(" \t", open + 2);
    if (sigil == std::string::npos) break;
    if (text[sigil] == '{' || text[sigil] == '&' || text[sigil] == '=') {
      const auto close = text.find("}}", sigil);
      return text.substr(
          open, close == std::string::npos ? 40 : std::min<std::size_t>(close + 2 - open, 40));
    }
  }
  return "";
}

}  // namespace panelpack::office
