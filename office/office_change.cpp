#include "office/office_change.hpp"

#include "office/file_lock.hpp"
#include "office/files.hpp"
#include "text/sha256.hpp"

namespace panelpack::office {

namespace fs = std::filesystem;

std::string office_version(const fs::path& office_root) {
  return text::sha256_hex(read_input((office_root / "office.json").string()));
}

std::string office_version(const Workspace& workspace) {
  return office_version(workspace.root());
}

OfficeChangeResult change_office(const fs::path& office_root, const std::string* expected_version,
                                 const std::function<bool(nlohmann::ordered_json&)>& change) {
  const fs::path config = office_root / "office.json";
  const FileLock lock(lock_path_beside(config));
  OfficeChangeResult result;
  const std::string before = read_input(config.string());
  // Compared under the lock: no change can slip in between the check and the write.
  if (expected_version != nullptr && text::sha256_hex(before) != *expected_version) {
    result.stale = true;
    return result;
  }
  nlohmann::ordered_json office = nlohmann::ordered_json::parse(before);
  if (!change(office)) return result;
  const std::string after = office.dump(2) + "\n";
  if (after == before) {
    result.done = true;
    return result;
  }
  FileValidation report = validate_office_text(after, config);
  if (!report.valid()) {
    result.problems = std::move(report.problems);
    return result;
  }
  write_output(config, after);
  result.done = true;
  return result;
}

std::string problem_words(const FileProblem& problem) {
  std::string text = problem.message;
  if (!problem.suggestion.empty()) text += "; did you mean \"" + problem.suggestion + "\"?";
  if (!problem.expected.empty()) {
    text += problem.code == "required" ? "; " + problem.expected : "; expected " + problem.expected;
  }
  return text;
}

std::vector<std::string> problem_lines(const std::vector<FileProblem>& problems) {
  std::vector<std::string> lines;
  for (const FileProblem& problem : problems) {
    lines.push_back((problem.pointer.empty() ? std::string("office.json") : problem.pointer) +
                    ": " + problem_words(problem));
  }
  return lines;
}

}  // namespace panelpack::office
