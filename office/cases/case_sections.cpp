#include "office/cases/case_sections.hpp"

#include <algorithm>
#include <cctype>
#include <map>

namespace panelpack::office {
namespace {

using validation::Schema;
using validation::SchemaNode;
using validation::SchemaSet;

constexpr std::string_view kDocument = "case.schema.json";

// Words a key's letters do not give ("dob", "iro"); every other key reads as its words.
const std::map<std::string, std::string, std::less<>>& key_words() {
  static const std::map<std::string, std::string, std::less<>> words = {
      {"_notice", "Note about the file"},
      {"caseRef", "Case reference"},
      {"createdAt", "Created (date and time)"},
      {"securityMarking", "Security marking"},
      {"childId", "Child's ID in the case record system"},
      {"dob", "Date of birth"},
      {"nhsNumber", "NHS number"},
      {"ethnicityCode", "Ethnicity code (DfE)"},
      {"ehcp", "Has an education, health and care plan (EHCP)"},
      {"interpreterRequired", "Needs an interpreter"},
      {"disability", "Disability"},
      {"s20", "Section 20 accommodation"},
      {"ploLetterDate", "Date of the letter before proceedings (PLO)"},
      {"week26Date", "26-week date"},
      {"irhDate", "Date of the issues resolution hearing"},
      {"childrensGuardian", "Children's guardian"},
      {"typeCode", "Placement type code (SSDA903)"},
      {"placementTypeCode", "Placement type code (SSDA903)"},
      {"iro", "Independent reviewing officer (IRO)"},
      {"fgcDate", "Date of the family group conference"},
      {"fgcOutcome", "Outcome of the family group conference"},
      {"email", "Email address"},
      {"phone", "Telephone number"},
      {"pence", "Amount in pence"},
      {"formFReference", "Form F reference"},
      {"carerId", "Carer ID"},
      {"tmEndorsedBy", "Endorsed by (team manager)"},
      {"tmEndorsedDate", "Date the team manager endorsed it"},
      {"requestId", "Request reference"},
      {"id", "Reference"},
      {"ifa", "Independent fostering agency"},
      {"withWhom", "With whom"},
      {"differencesOfOpinion", "Differences of opinion"},
      {"orders", "Court orders"},
      {"extensions", "Extensions of the 26 weeks"},
      {"parallel", "Parallel plans"},
      {"matchGrid", "Match grid"},
  };
  return words;
}

const std::vector<CaseSection>& sections() {
  static const std::vector<CaseSection> all = {
      {"about",
       "About the case file",
       {"/caseRef", "/localAuthority", "/version", "/createdAt", "/securityMarking", "/_notice"}},
      {"the-child", "The child", {"/child"}},
      {"siblings", "Siblings", {"/child/siblings"}},
      {"legal-status", "Legal status", {"/legal"}},
      {"proceedings", "Care proceedings", {"/legal/proceedings"}},
      {"placement", "Placement", {"/placement"}},
      {"social-worker",
       "Social worker",
       {"/professionals/socialWorker", "/professionals/teamManager"}},
      {"professionals", "Other professionals", {"/professionals"}},
      {"reviews", "Reviews", {"/reviews"}},
      {"needs", "Needs", {"/needs"}},
      {"analysis", "Analysis", {"/analysis"}},
      {"plans", "Plans", {"/plans"}},
      {"family", "Family time (contact)", {"/contact"}},
      {"views", "Views", {"/views", "/differencesOfOpinion"}},
      {"chronology", "Chronology", {"/chronology"}},
      {"assessments", "Assessments", {"/assessments"}},
      {"referral", "Referral", {"/referral"}},
      {"matching-carers",
       "Matching: the carers",
       {"/matching/carer", "/matching/supervisingSocialWorker"}},
      {"matching", "Matching: the match", {"/matching"}},
      {"finance", "Finance request", {"/finance"}},
      // The finance request's second half: the whole would pass the console's field cap.
      {"finance-case",
       "Finance request: the case for it",
       {"/finance/justification", "/finance/assessedNeed", "/finance/outcomesSought",
        "/finance/alternativesConsidered", "/finance/valueForMoney", "/finance/budgetCode",
        "/finance/tmEndorsedBy", "/finance/tmEndorsedDate", "/finance/reviewDate",
        "/finance/quotes", "/finance/approvals"}},
      {"actions", "Actions", {"/actions"}},
  };
  return all;
}

bool is_root_or_unshown(std::string_view pointer) {
  for (const CaseSection& section : sections()) {
    if (std::find(section.roots.begin(), section.roots.end(), pointer) != section.roots.end()) {
      return true;
    }
  }
  for (const auto& [unshown, why] : unshown_fields()) {
    if (unshown == pointer) return true;
  }
  return false;
}

SchemaNode followed(const SchemaSet& schemas, SchemaNode node) {
  for (int hops = 0; hops < 16 && node.schema->contains("$ref"); ++hops) {
    node = schemas.resolve((*node.schema)["$ref"].get<std::string>(), node.document);
  }
  return node;
}

bool object_requires(const Schema& object, const std::string& key) {
  if (!object.contains("required")) return false;
  const Schema& list = object["required"];
  return std::find(list.begin(), list.end(), key) != list.end();
}

std::string last_key(std::string_view pointer) {
  const std::size_t slash = pointer.rfind('/');
  return std::string(slash == std::string_view::npos ? pointer : pointer.substr(slash + 1));
}

bool is_type(const Schema& schema, std::string_view type) {
  if (!schema.contains("type")) return false;
  const Schema& types = schema["type"];
  if (types.is_string()) return types.get<std::string>() == type;
  return std::find(types.begin(), types.end(), type) != types.end();
}

class Walker {
 public:
  Walker(const SchemaSet& schemas, SectionPlan& plan) : schemas_(schemas), plan_(plan) {}

  // The fields under `node` at `pointer` (from the root; `relative` from a list's item when
  // inside one) into `fields`, its lists into the plan. A leaf takes `parent_legend`, the words
  // of the object it sits in; an object gives its own fields `own_legend`.
  void walk(SchemaNode node, const std::string& pointer, const std::string& relative,
            const std::string& parent_legend, const std::string& own_legend, bool required,
            bool from_root, std::vector<FieldPlan>& fields, bool in_item) {
    node = followed(schemas_, node);
    const Schema& schema = *node.schema;
    if (is_type(schema, "object") && schema.contains("properties")) {
      for (const auto& [key, property] : schema["properties"].items()) {
        const std::string child = pointer + "/" + key;
        if (!in_item && is_root_or_unshown(child)) continue;
        const bool child_required = object_requires(schema, key);
        walk({&property, node.document}, child, relative + "/" + key, own_legend,
             words_for_key(key), child_required, from_root && child_required, fields, in_item);
      }
      return;
    }
    if (is_type(schema, "array") && schema.contains("items") && !in_item) {
      ListPlan list;
      list.pointer = pointer;
      for (const char c : pointer.substr(1)) list.id += c == '/' ? '-' : c;
      list.title = words_for_key(last_key(pointer));
      list.hint = schema.value("description", "");
      walk({&schema["items"], node.document}, pointer + "/-", "", "", "", false, false,
           list.item_fields, true);
      plan_.lists.push_back(std::move(list));
      return;
    }
    fields.push_back({in_item ? relative : pointer, parent_legend, required, from_root});
  }

 private:
  const SchemaSet& schemas_;
  SectionPlan& plan_;
};

}  // namespace

const std::vector<CaseSection>& case_sections() {
  return sections();
}

const CaseSection* find_section(std::string_view slug) {
  for (const CaseSection& section : sections()) {
    if (section.slug == slug) return &section;
  }
  return nullptr;
}

const std::vector<std::pair<std::string, std::string>>& unshown_fields() {
  static const std::vector<std::pair<std::string, std::string>> unshown = {
      {"/sitting",
       "panelpack adds the sitting when it fills a sitting's papers; a case file leaves it out"},
  };
  return unshown;
}

std::string section_for_pointer(std::string_view pointer) {
  std::string best;
  std::size_t longest = 0;
  for (const CaseSection& section : sections()) {
    for (const std::string& root : section.roots) {
      const bool under =
          pointer == root || (pointer.starts_with(root) && pointer.size() > root.size() &&
                              pointer[root.size()] == '/');
      if (under && root.size() > longest) {
        longest = root.size();
        best = section.slug;
      }
    }
  }
  return best;
}

SectionPlan plan_section(const SchemaSet& schemas, const CaseSection& section) {
  SectionPlan plan;
  Walker walker(schemas, plan);
  for (const std::string& root : section.roots) {
    // Down to the root, noting whether every object on the way requires the next.
    SchemaNode node = followed(schemas, schemas.root(kDocument));
    bool required = true;
    bool last_required = false;
    std::size_t start = 1;
    while (start <= root.size()) {
      std::size_t slash = root.find('/', start);
      if (slash == std::string::npos) slash = root.size();
      const std::string key = root.substr(start, slash - start);
      const Schema& here = *node.schema;
      if (!here.contains("properties") || !here["properties"].contains(key)) {
        throw validation::SchemaError("case.schema.json has no field " + root);
      }
      last_required = object_requires(here, key);
      required = required && last_required;
      node = followed(schemas, {&here["properties"][key], node.document});
      start = slash + 1;
    }
    // A section of several objects names each; a section of one object needs no legend.
    const bool many_objects = section.roots.size() > 1 && is_type(*node.schema, "object");
    const std::string legend = many_objects ? words_for_key(last_key(root)) : "";
    walker.walk(node, root, "", "", legend, last_required, required, plan.fields, false);
  }
  return plan;
}

std::string words_for_key(std::string_view key) {
  const auto known = key_words().find(key);
  if (known != key_words().end()) return known->second;
  std::string words;
  for (std::size_t i = 0; i < key.size(); ++i) {
    const char c = key[i];
    const bool upper = std::isupper(static_cast<unsigned char>(c)) != 0;
    const bool digit = std::isdigit(static_cast<unsigned char>(c)) != 0;
    const bool after_letter = i > 0 && std::isalpha(static_cast<unsigned char>(key[i - 1]));
    if (i > 0 && (upper || (digit && after_letter))) words += ' ';
    words += static_cast<char>(i == 0 ? std::toupper(static_cast<unsigned char>(c))
                                      : std::tolower(static_cast<unsigned char>(c)));
  }
  return words;
}

}  // namespace panelpack::office
