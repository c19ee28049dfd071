#include "office/cases/case_form.hpp"

#include <algorithm>
#include <cctype>
#include <utility>

#include "validation/schema_labels.hpp"

namespace panelpack::office {
namespace {

using validation::Schema;
using validation::SchemaNode;
using validation::SchemaSet;
using Json = nlohmann::ordered_json;

constexpr std::string_view kDocument = "case.schema.json";

// Labels the key alone does not give well: the child's own name and ID.
const std::map<std::string, std::string, std::less<>>& pointer_labels() {
  static const std::map<std::string, std::string, std::less<>> labels = {
      {"/child/name", "Child's full name"},
      {"/legal/status", "Legal status"},
      {"/legal/statusDate", "Date the legal status began"},
      {"/legal/proceedings/stage", "Care proceedings"},
  };
  return labels;
}

std::vector<std::string> tokens_of(std::string_view pointer) {
  std::vector<std::string> tokens;
  std::size_t start = 1;
  while (start <= pointer.size() && !pointer.empty()) {
    std::size_t slash = pointer.find('/', start);
    if (slash == std::string_view::npos) slash = pointer.size();
    tokens.emplace_back(pointer.substr(start, slash - start));
    start = slash + 1;
  }
  return tokens;
}

bool is_number(const std::string& token) {
  return !token.empty() && std::all_of(token.begin(), token.end(),
                                       [](unsigned char c) { return std::isdigit(c) != 0; });
}

SchemaNode followed(const SchemaSet& schemas, SchemaNode node) {
  for (int hops = 0; hops < 16 && node.schema->contains("$ref"); ++hops) {
    node = schemas.resolve((*node.schema)["$ref"].get<std::string>(), node.document);
  }
  return node;
}

// The schema node at `pointer` of a document (list items by their number), and the
// description of the property as written there.
struct Found {
  SchemaNode node;
  std::string description;
};

Found schema_at(const SchemaSet& schemas, SchemaNode node, std::string_view pointer) {
  Found found{followed(schemas, node), ""};
  for (const std::string& token : tokens_of(pointer)) {
    const Schema& here = *found.node.schema;
    const Schema* next = nullptr;
    if (here.contains("items") && is_number(token)) {
      next = &here["items"];
    } else if (here.contains("properties") && here["properties"].contains(token)) {
      next = &here["properties"][token];
    }
    if (next == nullptr) throw validation::SchemaError("case.schema.json has no field " + token);
    found.description = next->value("description", "");
    found.node = followed(schemas, {next, found.node.document});
  }
  return found;
}

bool type_allows(const Schema& schema, std::string_view type) {
  if (!schema.contains("type")) return false;
  const Schema& types = schema["type"];
  if (types.is_string()) return types.get<std::string>() == type;
  return std::find(types.begin(), types.end(), type) != types.end();
}

std::string shown_value(const Json& document, const std::string& pointer) {
  const Json::json_pointer at(pointer);
  if (!document.contains(at)) return "";
  const Json& value = document.at(at);
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "yes" : "no";
  if (value.is_null()) return "";
  return value.dump();
}

std::string label_of(const std::string& pointer, const std::string& list_title) {
  const auto known = pointer_labels().find(pointer);
  if (known != pointer_labels().end()) return known->second;
  const std::vector<std::string> tokens = tokens_of(pointer);
  if (tokens.empty()) return list_title;
  if (is_number(tokens.back())) return list_title;  // an item that is a value: a parallel plan
  return words_for_key(tokens.back());
}

FormInput input_for(const SchemaSet& schemas, const std::string& pointer, const FieldPlan& plan,
                    const std::string& list_title, const Json& document) {
  const Found found = schema_at(schemas, schemas.root(kDocument), pointer);
  const Schema& schema = *found.node.schema;
  FormInput input;
  input.pointer = pointer;
  input.id = id_for_pointer(pointer);
  input.label = label_of(pointer, list_title);
  input.legend = plan.legend;
  input.hint = found.description;
  input.required = plan.required;
  input.nullable = type_allows(schema, "null");
  if (schema.contains("enum") || schema.contains("const")) {
    input.kind = InputKind::choice;
    const Schema* labels = validation::labels_of(schemas, found.node);
    const Schema codes =
        schema.contains("enum") ? schema["enum"] : Schema::array({schema["const"]});
    for (const auto& code : codes) {
      const std::string value = code.get<std::string>();
      input.choices.push_back({value, labels ? validation::label_for(*labels, value) : value});
    }
  } else if (schema.value("format", "") == "date") {
    input.kind = InputKind::date;
  } else if (type_allows(schema, "boolean")) {
    input.kind = InputKind::yes_no;
  } else if (type_allows(schema, "integer")) {
    input.kind = InputKind::whole_number;
  }
  input.value = shown_value(document, pointer);
  if (input.kind == InputKind::date) input.date = date_parts(input.value);
  return input;
}

// Adds `input` to the last group when it shares its legend, else to a new group.
void add_input(CaseForm& form, FormInput input, const std::string& legend) {
  if (form.groups.empty() || form.groups.back().legend != legend) {
    form.groups.push_back({legend, {}});
  }
  form.groups.back().inputs.push_back(std::move(input));
}

Json typed_value(const FormInput& input) {
  switch (input.kind) {
    case InputKind::yes_no:
      if (input.value == "yes") return true;
      if (input.value == "no") return false;
      break;
    case InputKind::whole_number:
      if (input.value.size() < 10 && is_number(input.value)) return std::stol(input.value);
      break;
    case InputKind::date:
    case InputKind::text:
    case InputKind::choice:
      break;
  }
  return input.value;  // the schema names what is wrong with it
}

// Removes the field at `pointer`, and the objects it leaves empty (never the root, nor an item
// of a list).
void remove_field(Json& document, const std::string& pointer) {
  Json::json_pointer at(pointer);
  while (!at.empty() && document.contains(at)) {
    const std::string key = at.back();
    Json::json_pointer parent = at.parent_pointer();
    Json& holder = document[parent];
    if (!holder.is_object()) return;
    holder.erase(key);
    if (!holder.empty() || parent.empty()) return;
    at = parent;
  }
}

void write_input(Json& document, const FormInput& input) {
  if (!input.reading.error.empty()) return;
  const Json::json_pointer at(input.pointer);
  const bool was_null = document.contains(at) && document.at(at).is_null();
  if (input.value.empty()) {
    if (input.nullable && was_null) return;
    remove_field(document, input.pointer);
    return;
  }
  document[at] = typed_value(input);
}

std::vector<const FormInput*> inputs_of(const CaseForm& form) {
  std::vector<const FormInput*> inputs;
  for (const FormGroup& group : form.groups) {
    for (const FormInput& input : group.inputs) inputs.push_back(&input);
  }
  return inputs;
}

std::string lower_first(std::string text) {
  if (!text.empty() && std::isupper(static_cast<unsigned char>(text[0])) &&
      !(text.size() > 1 && std::isupper(static_cast<unsigned char>(text[1])))) {
    text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  }
  return text;
}

const ListPlan* find_list(const SectionPlan& plan, std::string_view list_id) {
  for (const ListPlan& list : plan.lists) {
    if (list.id == list_id) return &list;
  }
  return nullptr;
}

// An item in a few words: its first three values that are set, codes in their words.
std::string item_words(const SchemaSet& schemas, const ListPlan& list, std::size_t index,
                       const Json& document) {
  std::string words;
  int shown = 0;
  for (const FieldPlan& field : list.item_fields) {
    if (shown == 3) break;
    const std::string pointer = list.pointer + "/" + std::to_string(index) + field.pointer;
    const FormInput input = input_for(schemas, pointer, field, list.title, document);
    if (input.value.empty()) continue;
    std::string value = input.value;
    for (const InputChoice& choice : input.choices) {
      if (choice.value == value) value = choice.words;
    }
    if (input.kind == InputKind::yes_no) value = input.label + ": " + value;
    words += (shown++ == 0 ? "" : ", ") + value;
  }
  return words.empty() ? "(nothing written yet)" : words;
}

}  // namespace

std::string id_for_pointer(std::string_view pointer) {
  std::string id;
  for (const std::string& token : tokens_of(pointer)) {
    if (!id.empty()) id += '-';
    for (const char c : token) {
      id += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    }
  }
  return id;
}

CaseForm section_form(const SchemaSet& schemas, const CaseSection& section, const Json& document,
                      bool with_case_ref) {
  const SectionPlan plan = plan_section(schemas, section);
  CaseForm form;
  for (const FieldPlan& field : plan.fields) {
    if (!with_case_ref && field.pointer == "/caseRef") continue;
    add_input(form, input_for(schemas, field.pointer, field, "", document), field.legend);
  }
  for (const ListPlan& list : plan.lists) {
    FormList shown{list.id, list.title, list.hint, {}};
    const Json::json_pointer at(list.pointer);
    const std::size_t items =
        document.contains(at) && document.at(at).is_array() ? document.at(at).size() : 0;
    for (std::size_t index = 0; index < items; ++index) {
      shown.rows.push_back(item_words(schemas, list, index, document));
    }
    form.lists.push_back(std::move(shown));
  }
  return form;
}

std::string list_pointer(const SchemaSet& schemas, const CaseSection& section,
                         std::string_view list_id) {
  const SectionPlan plan = plan_section(schemas, section);
  const ListPlan* list = find_list(plan, list_id);
  return list ? list->pointer : "";
}

CaseForm item_form(const SchemaSet& schemas, const CaseSection& section, std::string_view list_id,
                   std::size_t index, const Json& document) {
  const SectionPlan plan = plan_section(schemas, section);
  const ListPlan* list = find_list(plan, list_id);
  if (list == nullptr) {
    throw validation::SchemaError("the section " + section.slug + " has no list " +
                                  std::string(list_id));
  }
  CaseForm form;
  for (const FieldPlan& field : list->item_fields) {
    const std::string pointer = list->pointer + "/" + std::to_string(index) + field.pointer;
    add_input(form, input_for(schemas, pointer, field, list->title, document), field.legend);
  }
  return form;
}

CaseForm new_case_form(const SchemaSet& schemas) {
  CaseForm form;
  const Json empty = Json::object();
  for (const CaseSection& section : case_sections()) {
    for (const FieldPlan& field : plan_section(schemas, section).fields) {
      if (!field.required_from_root) continue;
      add_input(form, input_for(schemas, field.pointer, field, "", empty), section.title);
    }
  }
  return form;
}

int field_count(const CaseForm& form) {
  int count = 0;
  for (const FormInput* input : inputs_of(form)) count += input->kind == InputKind::date ? 3 : 1;
  return count;
}

void fill_from(CaseForm& form, const SubmittedFields& fields) {
  const auto value_of = [&](const std::string& name) {
    const auto found = fields.find(name);
    return found == fields.end() ? std::string() : found->second;
  };
  for (FormGroup& group : form.groups) {
    for (FormInput& input : group.inputs) {
      if (input.kind != InputKind::date) {
        input.value = value_of(input.id);
        continue;
      }
      input.date = {value_of(input.id + "-day"), value_of(input.id + "-month"),
                    value_of(input.id + "-year")};
      input.reading = read_date(input.date, input.label);
      input.value = input.reading.iso;
    }
  }
}

std::vector<std::pair<std::string, std::string>> input_problems(const CaseForm& form) {
  std::vector<std::pair<std::string, std::string>> problems;
  for (const FormInput* input : inputs_of(form)) {
    if (input->reading.error.empty()) continue;
    const std::string prefix = input->legend.empty() ? "" : input->legend + ": ";
    problems.emplace_back(input->id, prefix + input->reading.error);
  }
  return problems;
}

Json apply_form(const CaseForm& form, const Json& document) {
  Json result = document.is_object() ? document : Json::object();
  for (const FormInput* input : inputs_of(form)) write_input(result, *input);
  return result;
}

Json remove_item(const Json& document, const std::string& pointer, std::size_t index) {
  Json result = document;
  const Json::json_pointer at(pointer);
  if (!result.contains(at) || !result.at(at).is_array() || index >= result.at(at).size()) {
    return result;
  }
  Json& list = result[at];
  list.erase(list.begin() + static_cast<std::ptrdiff_t>(index));
  return result;
}

std::string input_for_pointer(const CaseForm& form, std::string_view pointer) {
  const std::vector<const FormInput*> inputs = inputs_of(form);
  for (const FormInput* input : inputs) {
    if (input->pointer == pointer) return input->id;
  }
  const std::string inside = std::string(pointer) + "/";
  for (const FormInput* input : inputs) {
    if (input->pointer.starts_with(inside)) return input->id;
  }
  const FormInput* nearest = nullptr;
  for (const FormInput* input : inputs) {
    if (pointer.starts_with(input->pointer + "/") &&
        (nearest == nullptr || input->pointer.size() > nearest->pointer.size())) {
      nearest = input;
    }
  }
  return nearest ? nearest->id : "";
}

const FormInput* find_input(const CaseForm& form, std::string_view id) {
  for (const FormInput* input : inputs_of(form)) {
    if (input->id == id) return input;
  }
  return nullptr;
}

std::string error_words(const validation::ValidationError& error, const FormInput* input) {
  if (input == nullptr) {
    return "The case file's field " + error.pointer + " " + error.problem +
           (error.expected.empty() ? "" : ": expected " + error.expected);
  }
  const std::string prefix = input->legend.empty() ? "" : input->legend + ": ";
  const bool at_input = error.pointer == input->pointer;
  const bool chosen = input->kind == InputKind::choice || input->kind == InputKind::yes_no;
  if (error.keyword == "required") {
    return prefix + (chosen ? "Choose " : "Enter ") + lower_first(input->label);
  }
  if (input->kind == InputKind::date && at_input)
    return prefix + input->label + " must be a real date";
  if (input->kind == InputKind::choice && at_input) {
    return prefix + "Choose " + lower_first(input->label);
  }
  return prefix + input->label + " " + error.problem +
         (error.expected.empty() ? "" : ": expected " + error.expected);
}

}  // namespace panelpack::office
