#pragma once
// The fields a schema describes, as the dotted paths a template author types, and how a tag's
// name resolves among them inside sections (Mustache lookup: innermost section first).

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "validation/schema_set.hpp"

namespace panelpack::validation {

enum class FieldKind {
  text,
  date,
  date_time,
  choice,
  number,
  whole_number,
  yes_no,
  object,
  list,
  any
};

// One field. Paths are dotted; the items of a list are under "list[]": "chronology[].date".
struct Field {
  std::string path;  // "child.name", "chronology" (a list), "chronology[].date"
  FieldKind kind = FieldKind::any;
  bool nullable = false;             // null is allowed (an unborn baby's date of birth)
  bool required = false;             // its object requires it
  std::string description;           // the schema's one-line meaning
  std::vector<std::string> choices;  // the allowed values of a choice
};

// "chronology[]" for a list, the path otherwise: what `panelpack fields` prints.
std::string display_path(const Field& field);

// "text", "date", "list", ...
std::string_view kind_label(FieldKind kind);

// How a tag's name resolved.
struct FieldResolution {
  bool found = false;
  const Field* field = nullptr;  // null for ".", "@index", "@first", "@last" and when not found
  std::string resolved_path;     // the field's path, e.g. "chronology[].date"
  // When not found: the nearest name that resolves at that point, never the name typed.
  std::optional<std::string> suggestion;
};

// A name that is a field of a list's items, and the list it belongs to.
struct ListMember {
  std::string list;       // as it would be typed in {{#list}}: "child.siblings"
  std::string item_name;  // as it would be typed inside that loop: "name"
};

class FieldCatalogue {
 public:
  // Every field reachable from the root of `document`, in schema order. Properties whose name
  // starts with '_' (notes such as "_notice") are left out: templates do not print them.
  static FieldCatalogue from_schema(const SchemaSet& schemas, std::string_view document);

  const std::vector<Field>& fields() const { return fields_; }
  const Field* find(std::string_view path) const;

  // Resolves `name` (a tag's dotted name) inside the sections `scope` (their names, outermost
  // first), as Mustache looks names up: in the innermost section's item first, then outwards.
  // A section over a list makes its items the context; over an object, the object.
  FieldResolution resolve(std::string_view name, const std::vector<std::string>& scope) const;

  // A name that does not resolve here, because it names a field of a list's items: the list
  // when the name runs through it ("child.siblings.name"), else every list (outside any list
  // item) whose items have that field ("name": child.siblings, ...). Empty when none.
  std::vector<ListMember> lists_holding(std::string_view name,
                                        const std::vector<std::string>& scope) const;

 private:
  std::vector<std::string> contexts_for(const std::vector<std::string>& scope) const;
  FieldResolution lookup(std::string_view name, const std::vector<std::string>& contexts) const;

  std::vector<Field> fields_;
  std::map<std::string, std::size_t, std::less<>> index_;
};

}  // namespace panelpack::validation
