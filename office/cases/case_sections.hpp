#pragma once
// The case file in sections, one page each, so that a long file is a row of short forms (the
// GOV.UK pattern for long forms): which subtrees of case.schema.json each section shows, and,
// worked out by walking the schema, the fields and lists each one holds. Every leaf field of
// the schema belongs to exactly one section, except the few unshown_fields() names with why.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "validation/schema_set.hpp"

namespace panelpack::office {

struct CaseSection {
  std::string slug;                // its page: /cases/REF/edit/the-child
  std::string title;               // "The child"
  std::vector<std::string> roots;  // the subtrees it shows: "/child"; a subtree another section
                                   // names ("/child/siblings") is left to that section
};

// The sections in the order the task list shows them.
const std::vector<CaseSection>& case_sections();

// The section with `slug`, or null.
const CaseSection* find_section(std::string_view slug);

// The subtrees no section shows, each with the reason.
const std::vector<std::pair<std::string, std::string>>& unshown_fields();

// The slug of the section showing `pointer` (a pointer into a case file), or "" for none.
std::string section_for_pointer(std::string_view pointer);

// One leaf field: a text, date, choice, yes/no or whole number.
struct FieldPlan {
  std::string pointer;    // from the root ("/child/name"), or from a list's item ("/name", "")
  std::string legend;     // the object it sits in, in words ("Social worker"); "" at the top
  bool required = false;  // its object requires it
  bool required_from_root = false;  // a case file cannot be without it (a new case asks it)
};

// One list: its items are edited one page each.
struct ListPlan {
  std::string pointer;  // "/child/siblings"
  std::string id;       // "child-siblings"
  std::string title;    // "Siblings"
  std::string hint;     // the schema's description
  std::vector<FieldPlan> item_fields;
};

struct SectionPlan {
  std::vector<FieldPlan> fields;
  std::vector<ListPlan> lists;
};

// Walks case.schema.json under the section's roots. Throws validation::SchemaError when the
// schema has no such subtree.
SectionPlan plan_section(const validation::SchemaSet& schemas, const CaseSection& section);

// A field's name in words: "dob" -> "Date of birth", "statusDate" -> "Status date".
std::string words_for_key(std::string_view key);

}  // namespace panelpack::office
