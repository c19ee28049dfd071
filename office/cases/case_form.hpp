#pragma once
// A case file as a web form, worked out from case.schema.json: which fields the form shows (a
// short plan of JSON pointers with their words), what kind of input each needs (the schema's
// type, enum with its "x-labels", format date, boolean), the values a case file gives them,
// the case file a submitted form makes (every field the form does not show kept as it was),
// and which field a validation error's JSON pointer belongs to. No HTML: the console's
// templates draw the inputs.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "validation/schema_set.hpp"
#include "validation/schema_validator.hpp"

namespace panelpack::office {

enum class InputKind { text, date, choice, yes_no, whole_number };

struct InputChoice {
  std::string value;  // the code written to the file ("C2")
  std::string words;  // what the person reads ("Care order (s31)")
};

// One input of the form.
struct FormInput {
  std::string pointer;  // where its value goes in the case file: "/legal/orders/1/date"
  std::string id;       // the HTML id and name: "legal-orders-1-date"
  std::string label;    // "Date the order was made"
  std::string hint;     // the schema's description
  InputKind kind = InputKind::text;
  bool required = false;             // its object requires it
  bool nullable = false;             // the schema allows null (an unborn baby's date of birth)
  std::vector<InputChoice> choices;  // a choice's allowed values, in schema order
  std::string value;                 // as the form shows it: a date "2026-03-04", yes/no "yes"
};

// A group of inputs under one legend; for a list (court orders) one row of inputs per item.
struct FormGroup {
  std::string legend;             // "The child", "Court orders"
  std::string list_pointer;       // a list's pointer ("/legal/orders"); empty for a group
  std::string list_id;            // "legal-orders"
  std::string item_words;         // "order": "Add another order"
  std::vector<FormInput> inputs;  // a group's inputs
  std::vector<std::vector<FormInput>> rows;  // a list's rows
};

struct CaseForm {
  std::vector<FormGroup> groups;
};

// The most rows a list shows: the console's forms take at most 32 fields.
inline constexpr int kMaximumListRows = 4;

// A submitted form's fields by name.
using SubmittedFields = std::map<std::string, std::string, std::less<>>;

// The form for `document` (a case file; an empty object for a new case), from the schemas'
// "case.schema.json". A list shows its items and one empty row, or `rows` when more are asked
// for ("add another"), never more than kMaximumListRows. The case reference is left out when
// `with_case_ref` is false (a case's reference names its file and does not change).
CaseForm case_form(const validation::SchemaSet& schemas, const nlohmann::ordered_json& document,
                   bool with_case_ref, const std::map<std::string, int>& rows = {});

// The same form with the submitted values in place of the document's (to show them again).
void fill_from(CaseForm& form, const SubmittedFields& fields);

// The case file `document` with the form's values written in: an empty input removes its field
// (or writes null where the schema allows it and the file had null), a list's empty rows are
// left out, and everything the form does not show is kept as it was, in its order.
nlohmann::ordered_json apply_form(const CaseForm& form, const nlohmann::ordered_json& document);

// The id of the input a validation error at `pointer` belongs to: the input at that pointer,
// else the first input inside it ("/child" -> "child-name"), else the input of its nearest
// parent; empty when no input of the form is near it.
std::string input_for_pointer(const CaseForm& form, std::string_view pointer);

// The input with `id`, or null.
const FormInput* find_input(const CaseForm& form, std::string_view id);

// "/legal/orders/1/date" -> "legal-orders-1-date".
std::string id_for_pointer(std::string_view pointer);

// What the person reads beside the input for `error`: "Enter the child's full name", "Date of
// birth is not a real date: write it as 2026-03-04". Never quotes the value.
std::string error_words(const validation::ValidationError& error, const FormInput* input);

}  // namespace panelpack::office
