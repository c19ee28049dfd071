#include "validation/schema_labels.hpp"

namespace panelpack::validation {
namespace {

constexpr std::size_t kMaxDepth = 64;

// The node a property's schema stands for, its $refs followed.
SchemaNode followed(const SchemaSet& schemas, SchemaNode node) {
  for (std::size_t hops = 0; node.schema->is_object() && hops < kMaxDepth; ++hops) {
    const auto ref = node.schema->find("$ref");
    if (ref == node.schema->end() || !ref->is_string()) break;
    node = schemas.resolve(ref->get<std::string>(), node.document);
  }
  return node;
}

std::optional<SchemaNode> child_node(const SchemaNode& node, std::string_view keyword,
                                     std::string_view name = {}) {
  if (!node.schema->is_object()) return std::nullopt;
  const auto found = node.schema->find(keyword);
  if (found == node.schema->end()) return std::nullopt;
  if (name.empty()) return SchemaNode{&*found, node.document};
  if (!found->is_object()) return std::nullopt;
  const auto property = found->find(name);
  if (property == found->end()) return std::nullopt;
  return SchemaNode{&*property, node.document};
}

void label_value(const SchemaSet& schemas, SchemaNode node, nlohmann::json& value,
                 std::size_t depth);

void label_object(const SchemaSet& schemas, const SchemaNode& node, nlohmann::json& object,
                  std::size_t depth) {
  nlohmann::json added = nlohmann::json::object();
  for (auto& [name, value] : object.items()) {
    const auto property = child_node(node, "properties", name);
    if (!property) continue;
    const SchemaNode target = followed(schemas, *property);
    if (const Schema* labels = labels_of(schemas, target); labels && value.is_string()) {
      added[name + std::string(kLabelSuffix)] = label_for(*labels, value.get<std::string>());
      continue;
    }
    if (value.is_array()) {
      if (const auto items = child_node(target, "items")) {
        if (const Schema* labels = labels_of(schemas, *items)) {
          nlohmann::json words = nlohmann::json::array();
          for (const auto& code : value) {
            words.push_back(code.is_string()
                                ? nlohmann::json(label_for(*labels, code.get<std::string>()))
                                : code);
          }
          added[name + std::string(kLabelsSuffix)] = std::move(words);
          continue;
        }
      }
    }
    label_value(schemas, target, value, depth + 1);
  }
  for (auto& [name, words] : added.items()) {
    if (!object.contains(name)) object[name] = std::move(words);
  }
}

void label_value(const SchemaSet& schemas, SchemaNode node, nlohmann::json& value,
                 std::size_t depth) {
  if (depth > kMaxDepth) return;
  node = followed(schemas, node);
  if (value.is_object()) {
    label_object(schemas, node, value, depth);
  } else if (value.is_array()) {
    if (const auto items = child_node(node, "items")) {
      for (auto& item : value) label_value(schemas, *items, item, depth + 1);
    }
  }
}

}  // namespace

const Schema* labels_of(const SchemaSet& schemas, SchemaNode node) {
  node = followed(schemas, node);
  if (!node.schema->is_object()) return nullptr;
  const auto labels = node.schema->find("x-labels");
  return labels != node.schema->end() && labels->is_object() ? &*labels : nullptr;
}

std::string label_for(const Schema& labels, std::string_view code) {
  const auto found = labels.find(std::string(code));
  return found != labels.end() && found->is_string() ? found->get<std::string>()
                                                     : std::string(code);
}

void add_labels(const SchemaSet& schemas, std::string_view document, nlohmann::json& data) {
  label_value(schemas, schemas.root(document), data, 0);
}

}  // namespace panelpack::validation
