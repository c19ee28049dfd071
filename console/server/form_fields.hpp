#pragma once
// The fields of an HTML form as the console's POSTs send them
// (application/x-www-form-urlencoded), read with Poco's HTMLForm under caps: a body longer than
// kMaximumFormBytes, more than kMaximumFormFields fields or a value longer than a password may
// be is refused before anything reads it.

#include <cstddef>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>

namespace panelpack::console {

inline constexpr std::size_t kMaximumFormBytes = 16 * 1024;
// The longest form is a child's decision record (issue 14): its fields and five action rows.
inline constexpr int kMaximumFormFields = 64;
inline constexpr int kMaximumValueBytes = 4 * 1024;

// A form's fields by name; a field sent twice keeps its first value.
using FormFields = std::map<std::string, std::string, std::less<>>;

// A body the caps refuse; what() says which.
class FormTooLarge : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The fields of a urlencoded body. Throws FormTooLarge past a cap.
FormFields parse_form(std::string_view body);

// The field's value, or "" when the form has none.
std::string field(const FormFields& form, std::string_view name);

}  // namespace panelpack::console
