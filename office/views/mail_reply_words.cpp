#include "office/views/mail_reply_words.hpp"

#include <cctype>

namespace panelpack::office {
namespace {

// The reply's three-digit SMTP code, or 0 when it starts with none (a connection error).
int code_of(const std::string& reply) {
  if (reply.size() < 3) return 0;
  for (std::size_t i = 0; i < 3; ++i) {
    if (std::isdigit(static_cast<unsigned char>(reply[i])) == 0) return 0;
  }
  if (reply.size() > 3 && std::isdigit(static_cast<unsigned char>(reply[3])) != 0) return 0;
  return std::stoi(reply.substr(0, 3));
}

}  // namespace

std::string smtp_reply_in_words(const std::string& reply) {
  if (reply.empty()) return {};
  const int code = code_of(reply);
  switch (code) {
    case 250:
      return "The mail server accepted it.";
    case 421:
      return "The mail server was busy or closing; it will be tried again.";
    case 450:
    case 451:
    case 452:
      return "The mail server could not take it for now; it will be tried again.";
    case 550:
    case 551:
    case 553:
      return "The recipient's mailbox does not exist or refuses mail: check the email address.";
    case 552:
      return "The message is too big for the recipient's mailbox.";
    case 554:
      return "The mail server refused the message.";
    case 535:
      return "The mail server refused panelpack's user name or password for sending.";
    default:
      break;
  }
  if (code >= 400 && code < 500)
    return "The mail server could not take it for now; it will be tried again.";
  if (code >= 500) return "The mail server refused it.";
  if (code >= 200 && code < 400) return "The mail server accepted it.";
  return "panelpack could not reach the mail server (it may be down, or its address wrong).";
}

}  // namespace panelpack::office
