#pragma once
// A workspace template compiled once and filled many times (a pack's papers, one per case),
// with every error turned into a message for the administrator.

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "templating/template.hpp"

namespace panelpack::office {

class DocumentRenderer {
 public:
  // Compiles the template. Throws OfficeError (bad_input) listing every template error, or
  // naming the missing file. With `schema_kind` ("case": what the data is), also refuses a
  // template whose tags name fields that schema lacks (check --schema's errors), so no typo
  // renders blank.
  explicit DocumentRenderer(const std::filesystem::path& template_path,
                            const std::string& schema_kind = "");

  // The filled document. `what` names the data in messages ("LCS900102's referral"), never
  // its content. Thread-safe. Throws OfficeError (bad_input) for a render error.
  std::string render(const nlohmann::json& data, const std::string& what) const;

  const std::filesystem::path& template_path() const { return path_; }

 private:
  std::filesystem::path path_;
  templating::Template template_;
};

}  // namespace panelpack::office
