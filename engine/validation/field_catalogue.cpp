#include "validation/field_catalogue.hpp"

#include <algorithm>

#include "validation/nearest_name.hpp"
#include "validation/schema_labels.hpp"

namespace panelpack::validation {
namespace {

constexpr std::size_t kMaxDepth = 32;

bool always_resolves(std::string_view name) {
  return name == "." || name == "@index" || name == "@first" || name == "@last";
}

std::vector<std::string> split_dotted(std::string_view name) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    const auto dot = name.find('.', start);
    parts.emplace_back(name.substr(start, dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return parts;
}

std::string joined_path(std::string_view context, std::string_view name) {
  return context.empty() ? std::string(name) : std::string(context) + "." + std::string(name);
}

class CatalogueBuilder {
 public:
  explicit CatalogueBuilder(const SchemaSet& schemas) : schemas_(schemas) {}

  // Follows $refs; the first description met (the referring property's own) wins.
  SchemaNode effective(SchemaNode node, std::string& description, std::size_t depth) const {
    while (node.schema->is_object()) {
      if (description.empty()) {
        if (const auto d = node.schema->find("description");
            d != node.schema->end() && d->is_string()) {
          description = d->get<std::string>();
        }
      }
      const auto ref = node.schema->find("$ref");
      if (ref == node.schema->end() || !ref->is_string() || ++depth > kMaxDepth) break;
      node = schemas_.resolve(ref->get<std::string>(), node.document);
    }
    return node;
  }

  static FieldKind kind_of(const Schema& schema, bool& nullable) {
    std::string type;
    if (const auto t = schema.find("type"); t != schema.end()) {
      if (t->is_string()) type = t->get<std::string>();
      if (t->is_array()) {
        for (const auto& item : *t) {
          if (!item.is_string()) continue;
          if (item.get<std::string>() == "null") {
            nullable = true;
          } else if (type.empty()) {
            type = item.get<std::string>();
          }
        }
      }
    }
    const auto format = schema.find("format");
    const std::string format_name =
        format != schema.end() && format->is_string() ? format->get<std::string>() : "";
    if (type == "object") return FieldKind::object;
    if (type == "array") return FieldKind::list;
    if (type == "boolean") return FieldKind::yes_no;
    if (type == "integer") return FieldKind::whole_number;
    if (type == "number") return FieldKind::number;
    if (schema.contains("enum")) return FieldKind::choice;
    if (format_name == "date") return FieldKind::date;
    if (format_name == "date-time") return FieldKind::date_time;
    if (type == "string" || schema.contains("const")) return FieldKind::text;
    return FieldKind::any;
  }

  void walk_object(const SchemaNode& node, const std::string& prefix, std::size_t depth) {
    if (depth > kMaxDepth) return;
    const auto properties = node.schema->find("properties");
    if (properties == node.schema->end() || !properties->is_object()) return;
    std::vector<std::string> required;
    if (const auto r = node.schema->find("required"); r != node.schema->end() && r->is_array()) {
      for (const auto& name : *r) {
        if (name.is_string()) required.push_back(name.get<std::string>());
      }
    }
    for (const auto& [name, property] : properties->items()) {
      if (name.starts_with('_')) continue;
      Field field;
      field.path = prefix.empty() ? name : prefix + "." + name;
      field.required = std::find(required.begin(), required.end(), name) != required.end();
      const SchemaNode target = effective({&property, node.document}, field.description, depth);
      field.kind = kind_of(*target.schema, field.nullable);
      if (const auto e = target.schema->find("enum"); e != target.schema->end() && e->is_array()) {
        for (const auto& choice : *e) {
          if (choice.is_string()) field.choices.push_back(choice.get<std::string>());
        }
      }
      const std::string path = field.path;
      const FieldKind kind = field.kind;
      const std::string meaning = field.description;
      fields.push_back(std::move(field));
      const bool described = properties->contains(name + std::string(kLabelSuffix)) ||
                             properties->contains(name + std::string(kLabelsSuffix));
      if (!described) add_label_field(target, path, kind, meaning);  // the schema's own wins
      if (kind == FieldKind::object) walk_object(target, path, depth + 1);
      if (kind == FieldKind::list) walk_items(target, path + "[]", depth + 1);
    }
  }

  // The words the data layer adds beside a coded field (schema_labels.hpp), so templates may
  // name "legal.statusLabel" and "plans.parallelLabels".
  void add_label_field(const SchemaNode& target, const std::string& path, FieldKind kind,
                       const std::string& meaning) {
    Field words;
    words.description = "In words: " + meaning;
    if (kind == FieldKind::choice && labels_of(schemas_, target) != nullptr) {
      words.path = path + std::string(kLabelSuffix);
      words.kind = FieldKind::text;
    } else if (kind == FieldKind::list) {
      const auto items = target.schema->find("items");
      if (items == target.schema->end() ||
          labels_of(schemas_, {&*items, target.document}) == nullptr) {
        return;
      }
      words.path = path + std::string(kLabelsSuffix);
      words.kind = FieldKind::list;
    } else {
      return;
    }
    fields.push_back(std::move(words));
  }

  void walk_items(const SchemaNode& list, const std::string& prefix, std::size_t depth) {
    const auto items = list.schema->find("items");
    if (items == list.schema->end()) return;
    std::string ignored;
    const SchemaNode target = effective({&*items, list.document}, ignored, depth);
    bool nullable = false;
    if (kind_of(*target.schema, nullable) == FieldKind::object)
      walk_object(target, prefix, depth + 1);
  }

  std::vector<Field> fields;

 private:
  const SchemaSet& schemas_;
};

}  // namespace

std::string display_path(const Field& field) {
  return field.kind == FieldKind::list ? field.path + "[]" : field.path;
}

std::string_view kind_label(FieldKind kind) {
  switch (kind) {
    case FieldKind::text:
      return "text";
    case FieldKind::date:
      return "date";
    case FieldKind::date_time:
      return "date-time";
    case FieldKind::choice:
      return "choice";
    case FieldKind::number:
      return "number";
    case FieldKind::whole_number:
      return "number";
    case FieldKind::yes_no:
      return "yes/no";
    case FieldKind::object:
      return "group";
    case FieldKind::list:
      return "list";
    case FieldKind::any:
      return "any";
  }
  return "any";
}

FieldCatalogue FieldCatalogue::from_schema(const SchemaSet& schemas, std::string_view document) {
  CatalogueBuilder builder(schemas);
  std::string ignored;
  const SchemaNode root = builder.effective(schemas.root(document), ignored, 0);
  builder.walk_object(root, "", 0);
  FieldCatalogue catalogue;
  catalogue.fields_ = std::move(builder.fields);
  for (std::size_t i = 0; i < catalogue.fields_.size(); ++i) {
    catalogue.index_.emplace(catalogue.fields_[i].path, i);
  }
  return catalogue;
}

const Field* FieldCatalogue::find(std::string_view path) const {
  const auto found = index_.find(path);
  return found == index_.end() ? nullptr : &fields_[found->second];
}

// Contexts, innermost first: "" is the root, "child" an object, "chronology[]" a list's item.
std::vector<std::string> FieldCatalogue::contexts_for(const std::vector<std::string>& scope) const {
  std::vector<std::string> contexts = {""};
  for (const auto& section : scope) {
    const FieldResolution resolution = lookup(section, contexts);
    if (resolution.field == nullptr) continue;  // unknown, a scalar or '.': no new context
    if (resolution.field->kind == FieldKind::list) {
      contexts.insert(contexts.begin(), resolution.field->path + "[]");
    } else if (resolution.field->kind == FieldKind::object) {
      contexts.insert(contexts.begin(), resolution.field->path);
    }
  }
  return contexts;
}

FieldResolution FieldCatalogue::lookup(std::string_view name,
                                       const std::vector<std::string>& contexts) const {
  FieldResolution resolution;
  if (always_resolves(name)) {
    resolution.found = true;
    return resolution;
  }
  const auto parts = split_dotted(name);
  for (const auto& context : contexts) {
    std::string path = joined_path(context, parts[0]);
    if (find(path) == nullptr) continue;
    // Mustache: once the first name is found, the rest must be inside it; no further fallback.
    for (std::size_t i = 1; i < parts.size(); ++i) path = joined_path(path, parts[i]);
    if (const Field* field = find(path)) {
      resolution.found = true;
      resolution.field = field;
      resolution.resolved_path = path;
    }
    return resolution;
  }
  return resolution;
}

FieldResolution FieldCatalogue::resolve(std::string_view name,
                                        const std::vector<std::string>& scope) const {
  const auto contexts = contexts_for(scope);
  FieldResolution resolution = lookup(name, contexts);
  if (resolution.found) return resolution;
  // Every name that would resolve here, as it would be typed: innermost context first. A
  // name an inner context hides (an item's "placement" hides the case's "placement.typeCode")
  // does not resolve here, and the name typed is never its own suggestion.
  std::vector<std::string> candidates;
  for (const auto& context : contexts) {
    const std::string prefix = context.empty() ? "" : context + ".";
    for (const auto& field : fields_) {
      if (!field.path.starts_with(prefix)) continue;
      std::string rest = field.path.substr(prefix.size());
      if (rest.find("[]") != std::string::npos || rest == name) continue;
      if (lookup(rest, contexts).field != &field) continue;
      candidates.push_back(std::move(rest));
    }
  }
  resolution.suggestion = nearest_name(name, candidates);
  return resolution;
}

std::vector<ListMember> FieldCatalogue::lists_holding(std::string_view name,
                                                      const std::vector<std::string>& scope) const {
  std::vector<ListMember> found;
  if (always_resolves(name)) return found;
  // Typed through the list: "child.siblings.name".
  for (std::size_t dot = name.find('.'); dot != std::string_view::npos;
       dot = name.find('.', dot + 1)) {
    const std::string_view list = name.substr(0, dot);
    const std::string_view item_name = name.substr(dot + 1);
    const FieldResolution resolution = resolve(list, scope);
    if (resolution.field == nullptr || resolution.field->kind != FieldKind::list) continue;
    if (find(resolution.field->path + "[]." + std::string(item_name)) != nullptr) {
      found.push_back({std::string(list), std::string(item_name)});
      return found;
    }
  }
  // Typed alone, outside the loop: "name" of each child.siblings item.
  for (const auto& field : fields_) {
    if (field.kind != FieldKind::list || field.path.find("[]") != std::string::npos) continue;
    if (find(field.path + "[]." + std::string(name)) != nullptr) {
      found.push_back({field.path, std::string(name)});
    }
  }
  return found;
}

}  // namespace panelpack::validation
