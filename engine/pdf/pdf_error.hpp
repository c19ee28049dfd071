#pragma once
// The one error the PDF library throws: a stable code and the file it is about.

#include <stdexcept>
#include <string>

namespace panelpack::pdf {

// `code` is stable ("soffice_missing", "not_a_pdf", "merge_failed", "write_failed"); `where`
// names the file or program that was wrong, so a person can find it.
class PdfError : public std::runtime_error {
 public:
  PdfError(std::string code, std::string where, const std::string& message);
  const std::string& code() const noexcept { return code_; }
  const std::string& where() const noexcept { return where_; }

 private:
  std::string code_;
  std::string where_;
};

}  // namespace panelpack::pdf
