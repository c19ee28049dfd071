#pragma once
// The one error the panel domain throws: a stable code and the field or input it is about.

#include <stdexcept>
#include <string>

namespace panelpack::panel {

// `code` is stable ("invalid_date", "missing_field"...); `where` names the field or the text
// that was wrong ("count", "2026-02-30"), so a person can find it in their configuration.
class PanelError : public std::runtime_error {
 public:
  PanelError(std::string code, std::string where, const std::string& message);
  const std::string& code() const noexcept { return code_; }
  const std::string& where() const noexcept { return where_; }

 private:
  std::string code_;
  std::string where_;
};

}  // namespace panelpack::panel
