#include "office/cases/case_saving.hpp"

#include <regex>
#include <system_error>

#include "office/bundled_schemas.hpp"
#include "office/error.hpp"
#include "office/file_lock.hpp"
#include "office/files.hpp"
#include "text/sha256.hpp"

namespace panelpack::office {

bool is_case_ref(const std::string& case_ref) {
  static const std::regex pattern("^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$");
  return std::regex_match(case_ref, pattern);
}

std::string case_version(const Workspace& workspace, const std::string& case_ref) {
  const std::filesystem::path path = workspace.case_path(case_ref);
  std::error_code error;
  if (!std::filesystem::exists(path, error)) return kNoCaseVersion;
  return text::sha256_hex(read_input(path.string()));
}

nlohmann::ordered_json read_case_document(const Workspace& workspace, const std::string& case_ref) {
  const std::filesystem::path path = workspace.case_path(case_ref);
  const std::string text = read_input(path.string());
  try {
    return nlohmann::ordered_json::parse(text);
  } catch (const nlohmann::json::parse_error&) {
    throw OfficeError(OfficeError::Code::bad_input,
                      path.string() + " is not JSON: run `panelpack validate` on it");
  }
}

std::vector<validation::ValidationError> case_problems(const nlohmann::ordered_json& document) {
  const nlohmann::json plain = document;
  return validation::Validator(bundled_schemas(), "case.schema.json").validate(plain);
}

CaseSaveResult save_case(const Workspace& workspace, const std::string& case_ref,
                         const nlohmann::ordered_json& document, const std::string& version) {
  if (!is_case_ref(case_ref)) {
    throw OfficeError(OfficeError::Code::bad_argument,
                      "a case reference is letters, digits, - and _ only");
  }
  const std::filesystem::path path = workspace.case_path(case_ref);
  const FileLock lock(lock_path_beside(path));
  const std::string now = case_version(workspace, case_ref);
  if (now != version) {
    const bool creating = version == kNoCaseVersion;
    return {creating ? CaseSaveOutcome::exists : CaseSaveOutcome::stale, {}};
  }
  CaseSaveResult result;
  result.errors = case_problems(document);
  if (document.value("caseRef", "") != case_ref && result.errors.empty()) {
    result.errors.push_back(
        {"/caseRef", 0, "const", "is not this case's reference", case_ref, "", ""});
  }
  if (!result.errors.empty()) {
    result.outcome = CaseSaveOutcome::invalid;
    return result;
  }
  write_output(path, document.dump(2) + "\n");
  return result;
}

}  // namespace panelpack::office
