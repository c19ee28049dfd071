#include "office/mail/secrets.hpp"

#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "office/error.hpp"
#include "office/files.hpp"

namespace panelpack::office {

std::string secret_from_file(const std::string& file, const std::string& what) {
  std::error_code error;
  if (!std::filesystem::exists(file, error)) {
    throw OfficeError(OfficeError::Code::bad_input,
                      file + ": no such file; it should hold " + what +
                          " on its first line, readable only by the user panelpack runs "
                          "as. Make it with:  (umask 077; printf '%s\\n' 'THE-PASSWORD' > " +
                          file + ")");
  }
  const std::string text = read_input(file);
  return text.substr(0, text.find_first_of("\r\n"));
}

std::string secret_from_environment(const Machine& machine, const std::string& variable,
                                    const std::string& what) {
  const std::optional<std::string> value =
      machine.environment ? machine.environment(variable) : std::nullopt;
  if (!value) {
    throw OfficeError(OfficeError::Code::bad_input,
                      what + ": the environment variable " + variable + " is not set");
  }
  return *value;
}

void check_zip_password(const std::string& password, const std::string& source) {
  if (password.size() < kMinimumZipPasswordLength) {
    throw OfficeError(OfficeError::Code::bad_input,
                      source + ": the zip password must be at least " +
                          std::to_string(kMinimumZipPasswordLength) + " characters");
  }
}

}  // namespace panelpack::office
