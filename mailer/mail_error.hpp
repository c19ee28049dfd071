#pragma once
// The one error the mailer throws: a stable code, what it is about, and whether trying again
// later may work.

#include <stdexcept>
#include <string>

namespace panelpack::mailer {

// `code` is stable ("invalid_address", "certificate_rejected", "timeout"...); `where` names the
// address, header, file or server ("smtp.example.org:587") it is about. temporary() is true when
// the same attempt may succeed later (a server down, slow or busy); false when a person must act.
class MailError : public std::runtime_error {
 public:
  MailError(std::string code, std::string where, const std::string& message,
            bool temporary = false);
  const std::string& code() const noexcept { return code_; }
  const std::string& where() const noexcept { return where_; }
  bool temporary() const noexcept { return temporary_; }
  // True for failures of the connection to the server (TLS, certificate, authentication,
  // policy), which no other message can get past either; false for a fault of one message.
  bool session_level() const noexcept;

 private:
  std::string code_;
  std::string where_;
  bool temporary_;
};

}  // namespace panelpack::mailer
