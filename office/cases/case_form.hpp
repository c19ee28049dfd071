#pragma once
// A case file as web forms, worked out from case.schema.json: a section's form (its fields,
// and its lists as rows to change or remove), one list item's form, and the short form that
// creates a case (the fields a case file cannot be without). Each input takes its kind from
// the schema (enum with its "x-labels", format date as three boxes, boolean as yes/no), its
// value from the case file; a submitted form writes only its own fields into the file, and a
// validation error's JSON pointer finds its input. No HTML: the console's templates draw them.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "office/cases/case_sections.hpp"
#include "office/cases/date_input.hpp"
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
  std::string id;       // the HTML id and name: "legal-orders-1-date" (a date adds -day ...)
  std::string label;    // "Date of birth"
  std::string legend;   // the object it sits in ("Social worker"), for the error words
  std::string hint;     // the schema's description
  InputKind kind = InputKind::text;
  bool required = false;             // its object requires it
  bool nullable = false;             // the schema allows null (an unborn baby's date of birth)
  std::vector<InputChoice> choices;  // a choice's allowed values, in schema order
  std::string value;                 // as the form shows it: a date "2026-03-04", yes/no "yes"
  DateParts date;                    // a date's three boxes
  DateReading reading;               // a submitted date's reading (its error, if any)
};

// The inputs of one object, under its legend ("" for the section's own fields).
struct FormGroup {
  std::string legend;
  std::vector<FormInput> inputs;
};

// A list in a section: its items, each in a few words, changed one page each.
struct FormList {
  std::string id;     // "child-siblings": /cases/REF/edit/siblings/child-siblings/2
  std::string title;  // "Siblings"
  std::string hint;
  std::vector<std::string> rows;  // each item in words: its first few values
};

struct CaseForm {
  std::vector<FormGroup> groups;
  std::vector<FormList> lists;
};

// A form's inputs and hidden fields stay under this so the console's cap of 32 fields a form
// (console/server/form_fields.hpp) never refuses one: two fields are csrf_token and version.
inline constexpr int kMostFormFields = 30;

// A submitted form's fields by name.
using SubmittedFields = std::map<std::string, std::string, std::less<>>;

// The form of `section` for `document`. The case reference is left out when `with_case_ref` is
// false (a case's reference names its file and does not change).
CaseForm section_form(const validation::SchemaSet& schemas, const CaseSection& section,
                      const nlohmann::ordered_json& document, bool with_case_ref);

// The form of item `index` of the section's list `list_id` (index = the list's size: a new
// item). Throws validation::SchemaError when the section has no such list.
CaseForm item_form(const validation::SchemaSet& schemas, const CaseSection& section,
                   std::string_view list_id, std::size_t index,
                   const nlohmann::ordered_json& document);

// The list's pointer ("/child/siblings") of the section's `list_id`, or "" when it has none.
std::string list_pointer(const validation::SchemaSet& schemas, const CaseSection& section,
                         std::string_view list_id);

// The form that creates a case: every field a case file cannot be without.
CaseForm new_case_form(const validation::SchemaSet& schemas);

// How many fields the form sends (a date sends three).
int field_count(const CaseForm& form);

// The form with the submitted values in place of the document's; a date's three boxes are read
// (its problem, if any, in `reading`).
void fill_from(CaseForm& form, const SubmittedFields& fields);

// Each input's own problem (a date that is not a date): its id and the words.
std::vector<std::pair<std::string, std::string>> input_problems(const CaseForm& form);

// The case file `document` with the form's values written in: an empty input removes its field
// (or keeps null where the schema allows it and the file had null); everything the form does
// not show is kept as it was, in its order. A date with a problem is left as the file had it.
nlohmann::ordered_json apply_form(const CaseForm& form, const nlohmann::ordered_json& document);

// The case file without item `index` of the list at `pointer` (unchanged when it has none).
nlohmann::ordered_json remove_item(const nlohmann::ordered_json& document,
                                   const std::string& pointer, std::size_t index);

// The id of the input a validation error at `pointer` belongs to: the input at that pointer,
// else the first input inside it, else the input of its nearest parent; empty when no input of
// the form is near it.
std::string input_for_pointer(const CaseForm& form, std::string_view pointer);

// The input with `id`, or null.
const FormInput* find_input(const CaseForm& form, std::string_view id);

// "/legal/orders/1/date" -> "legal-orders-1-date".
std::string id_for_pointer(std::string_view pointer);

// What the person reads beside the input for `error`: "Enter the child's full name", "Date of
// birth must be a real date". Never quotes the value.
std::string error_words(const validation::ValidationError& error, const FormInput* input);

}  // namespace panelpack::office
