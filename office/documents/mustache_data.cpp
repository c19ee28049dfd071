#include "office/documents/mustache_data.hpp"

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

}  // namespace panelpack::office
