#include "office/cases/case_form.hpp"

#include <algorithm>
#include <cctype>
#include <regex>
#include <utility>

#include "validation/schema_labels.hpp"

namespace panelpack::office {
namespace {

using validation::Schema;
using validation::SchemaNode;
using validation::SchemaSet;
using Json = nlohmann::ordered_json;

constexpr std::string_view kDocument = "case.schema.json";

// What the form shows, in order: the fields a Business Support Officer keeps up to date. The
// words are the labels; each input's hint is the schema's own description.
struct PlannedInput {
  const char* pointer;  // from the case file's root; for a list, from its item
  const char* label;
};
struct PlannedGroup {
  const char* legend;
  const char* list_pointer;  // "" for a group of single fields
  const char* item_words;
  std::vector<PlannedInput> inputs;
};

const std::vector<PlannedGroup>& plan() {
  static const std::vector<PlannedGroup> groups = {
      {"The case", "", "", {{"/caseRef", "Case reference"}}},
      {"The child",
       "",
       "",
       {{"/child/name", "Child's full name"},
        {"/child/childId", "Child's ID in the case record system"},
        {"/child/dob", "Date of birth"},
        {"/child/gender", "Gender"},
        {"/child/interpreterRequired", "Needs an interpreter"}}},
      {"Where the child stands in law",
       "",
       "",
       {{"/legal/status", "Legal status"},
        {"/legal/statusDate", "Date the legal status began"},
        {"/legal/proceedings/stage", "Care proceedings"}}},
      {"Social worker",
       "",
       "",
       {{"/professionals/socialWorker/name", "Social worker's name"},
        {"/professionals/socialWorker/team", "Social worker's team"},
        {"/professionals/socialWorker/email", "Social worker's email address"}}},
      {"Team manager",
       "",
       "",
       {{"/professionals/teamManager/name", "Team manager's name"},
        {"/professionals/teamManager/email", "Team manager's email address"}}},
      {"Court orders",
       "/legal/orders",
       "order",
       {{"/type", "Kind of order"}, {"/date", "Date the order was made"}, {"/court", "Court"}}},
  };
  return groups;
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

SchemaNode followed(const SchemaSet& schemas, SchemaNode node) {
  for (int hops = 0; hops < 16 && node.schema->contains("$ref"); ++hops) {
    node = schemas.resolve((*node.schema)["$ref"].get<std::string>(), node.document);
  }
  return node;
}

// The schema node at `pointer` of a document (list items by their number), the description
// of the property as written there, and whether its object requires it.
struct Found {
  SchemaNode node;
  std::string description;
  bool required = false;
};

Found schema_at(const SchemaSet& schemas, SchemaNode node, std::string_view pointer) {
  Found found{followed(schemas, node), "", false};
  for (const std::string& token : tokens_of(pointer)) {
    const Schema& here = *found.node.schema;
    const Schema* next = nullptr;
    bool required = false;
    if (here.contains("items") && !token.empty() &&
        std::isdigit(static_cast<unsigned char>(token[0]))) {
      next = &here["items"];
    } else if (here.contains("properties") && here["properties"].contains(token)) {
      next = &here["properties"][token];
      if (here.contains("required")) {
        const auto& list = here["required"];
        required = std::find(list.begin(), list.end(), token) != list.end();
      }
    }
    if (next == nullptr) throw validation::SchemaError("case.schema.json has no field " + token);
    found.description = next->value("description", "");
    found.required = required;
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

FormInput input_for(const SchemaSet& schemas, SchemaNode root, const std::string& pointer,
                    const char* label, const Json& document) {
  const Found found = schema_at(schemas, root, pointer);
  const Schema& schema = *found.node.schema;
  FormInput input;
  input.pointer = pointer;
  input.id = id_for_pointer(pointer);
  input.label = label;
  input.hint = found.description;
  input.required = found.required;
  input.nullable = type_allows(schema, "null");
  if (schema.contains("enum")) {
    input.kind = InputKind::choice;
    const Schema* labels = validation::labels_of(schemas, found.node);
    for (const auto& code : schema["enum"]) {
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
  return input;
}

// "4/3/2026" as "2026-03-04"; any other text as it is, for the schema to judge.
std::string as_iso_date(const std::string& text) {
  static const std::regex day_month_year(R"(^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$)");
  std::smatch parts;
  if (!std::regex_match(text, parts, day_month_year)) return text;
  const auto two = [](std::string digits) { return digits.size() == 1 ? "0" + digits : digits; };
  return parts[3].str() + "-" + two(parts[2].str()) + "-" + two(parts[1].str());
}

Json typed_value(const FormInput& input) {
  switch (input.kind) {
    case InputKind::yes_no:
      if (input.value == "yes") return true;
      if (input.value == "no") return false;
      break;
    case InputKind::whole_number:
      if (!input.value.empty() && input.value.size() < 10 &&
          std::all_of(input.value.begin(), input.value.end(),
                      [](unsigned char c) { return std::isdigit(c) != 0; })) {
        return std::stol(input.value);
      }
      break;
    case InputKind::date:
      return as_iso_date(input.value);
    case InputKind::text:
    case InputKind::choice:
      break;
  }
  return input.value;  // the schema names what is wrong with it
}

// Removes the field at `pointer`, and the objects it leaves empty (never the root).
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
  const Json::json_pointer at(input.pointer);
  const bool was_null = document.contains(at) && document.at(at).is_null();
  if (input.value.empty()) {
    if (input.nullable && was_null) return;
    remove_field(document, input.pointer);
    return;
  }
  document[at] = typed_value(input);
}

std::vector<FormInput*> all_inputs(CaseForm& form) {
  std::vector<FormInput*> inputs;
  for (FormGroup& group : form.groups) {
    for (FormInput& input : group.inputs) inputs.push_back(&input);
    for (auto& row : group.rows) {
      for (FormInput& input : row) inputs.push_back(&input);
    }
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

CaseForm case_form(const SchemaSet& schemas, const Json& document, bool with_case_ref,
                   const std::map<std::string, int>& rows) {
  const SchemaNode root = schemas.root(kDocument);
  CaseForm form;
  for (const PlannedGroup& planned : plan()) {
    FormGroup group;
    group.legend = planned.legend;
    if (std::string_view(planned.list_pointer).empty()) {
      for (const PlannedInput& input : planned.inputs) {
        if (!with_case_ref && std::string_view(input.pointer) == "/caseRef") continue;
        group.inputs.push_back(input_for(schemas, root, input.pointer, input.label, document));
      }
      if (group.inputs.empty()) continue;
    } else {
      group.list_pointer = planned.list_pointer;
      group.list_id = id_for_pointer(planned.list_pointer);
      group.item_words = planned.item_words;
      const Json::json_pointer at(group.list_pointer);
      const int items = document.contains(at) && document.at(at).is_array()
                            ? static_cast<int>(document.at(at).size())
                            : 0;
      const auto asked = rows.find(group.list_id);
      int count = asked != rows.end() ? asked->second : items + 1;
      count = std::clamp(std::max(count, items), 1, kMaximumListRows);
      for (int row = 0; row < count; ++row) {
        std::vector<FormInput> inputs;
        for (const PlannedInput& input : planned.inputs) {
          inputs.push_back(input_for(schemas, root,
                                     group.list_pointer + "/" + std::to_string(row) + input.pointer,
                                     input.label, document));
        }
        group.rows.push_back(std::move(inputs));
      }
    }
    form.groups.push_back(std::move(group));
  }
  return form;
}

void fill_from(CaseForm& form, const SubmittedFields& fields) {
  for (FormInput* input : all_inputs(form)) {
    const auto found = fields.find(input->id);
    input->value = found == fields.end() ? "" : found->second;
  }
}

Json apply_form(const CaseForm& form, const Json& document) {
  Json result = document.is_object() ? document : Json::object();
  for (const FormGroup& group : form.groups) {
    for (const FormInput& input : group.inputs) write_input(result, input);
    if (group.list_pointer.empty()) continue;
    const Json::json_pointer at(group.list_pointer);
    const Json before = result.contains(at) ? result.at(at) : Json::array();
    Json items = Json::array();
    const std::string prefix_length_source = group.list_pointer + "/";
    for (std::size_t row = 0; row < group.rows.size(); ++row) {
      const bool blank = std::all_of(group.rows[row].begin(), group.rows[row].end(),
                                     [](const FormInput& input) { return input.value.empty(); });
      if (blank) continue;
      // The item as the file had it, so its fields the form does not show stay.
      Json item = before.is_array() && row < before.size() ? before[row] : Json::object();
      Json holder = Json::object();
      holder["item"] = item;
      for (FormInput input : group.rows[row]) {
        const std::string_view rest =
            std::string_view(input.pointer).substr(prefix_length_source.size());
        const std::size_t slash = rest.find('/');
        input.pointer = "/item" + std::string(rest.substr(slash));
        write_input(holder, input);
      }
      items.push_back(holder.contains("item") ? holder["item"] : Json::object());
    }
    for (std::size_t row = group.rows.size(); before.is_array() && row < before.size(); ++row) {
      items.push_back(before[row]);
    }
    if (items.empty() && !result.contains(at)) continue;
    result[at] = std::move(items);
  }
  return result;
}

std::string input_for_pointer(const CaseForm& form, std::string_view pointer) {
  std::vector<const FormInput*> inputs;
  for (const FormGroup& group : form.groups) {
    for (const FormInput& input : group.inputs) inputs.push_back(&input);
    for (const auto& row : group.rows) {
      for (const FormInput& input : row) inputs.push_back(&input);
    }
  }
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
  for (const FormGroup& group : form.groups) {
    for (const FormInput& input : group.inputs) {
      if (input.id == id) return &input;
    }
    for (const auto& row : group.rows) {
      for (const FormInput& input : row) {
        if (input.id == id) return &input;
      }
    }
  }
  return nullptr;
}

std::string error_words(const validation::ValidationError& error, const FormInput* input) {
  if (input == nullptr) {
    return "The case file's field " + error.pointer + " " + error.problem +
           (error.expected.empty() ? "" : ": expected " + error.expected);
  }
  const bool at_input = error.pointer == input->pointer;
  if (error.keyword == "required") {
    const bool chosen = input->kind == InputKind::choice || input->kind == InputKind::yes_no;
    return (chosen ? "Choose " : "Enter ") + lower_first(input->label);
  }
  if (input->kind == InputKind::date && at_input) {
    return input->label + " " + error.problem + ": write it as 2026-03-04 or 4/3/2026";
  }
  if (input->kind == InputKind::choice && at_input) return "Choose " + lower_first(input->label);
  return input->label + " " + error.problem +
         (error.expected.empty() ? "" : ": expected " + error.expected);
}

}  // namespace panelpack::office
