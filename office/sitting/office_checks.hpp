#pragma once
// What `validate` checks in an office.json beyond its schema: everything a later command
// would refuse it for (a missing deadline rule, a pack due before its papers, a template that
// is not there), each named by its office.json key as a JSON pointer.

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace panelpack::office {

struct OfficeProblem {
  std::string pointer;  // "/panels/2/deadlines/pack", "/templates/agenda"
  std::string code;     // the panel domain's code, or missing_template
  std::string message;
};

// `office` has passed the office schema; `office_json` is the file it came from (templates
// resolve against its folder).
std::vector<OfficeProblem> office_problems(const nlohmann::json& office,
                                           const std::filesystem::path& office_json);

}  // namespace panelpack::office
