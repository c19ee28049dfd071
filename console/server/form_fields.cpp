#include "console/server/form_fields.hpp"

#include <sstream>

#include <Poco/Exception.h>
#include <Poco/Net/HTMLForm.h>

namespace panelpack::console {

FormFields parse_form(std::string_view body) {
  if (body.size() > kMaximumFormBytes) {
    throw FormTooLarge("the form is longer than " + std::to_string(kMaximumFormBytes) + " bytes");
  }
  Poco::Net::HTMLForm form;
  form.setFieldLimit(kMaximumFormFields);
  form.setValueLengthLimit(kMaximumValueBytes);
  std::istringstream in{std::string(body)};
  try {
    form.read(in);
  } catch (const Poco::Exception& error) {
    // Poco says "Too many form fields" or "Field value too long".
    throw FormTooLarge("the form is refused: " + error.message());
  }
  FormFields fields;
  for (const auto& [name, value] : form) fields.emplace(name, value);
  return fields;
}

std::string field(const FormFields& form, std::string_view name) {
  const auto found = form.find(name);
  return found == form.end() ? std::string() : found->second;
}

}  // namespace panelpack::console
