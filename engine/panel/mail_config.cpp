#include "panel/mail_config.hpp"

#include "panel/json_reading.hpp"
#include "panel/panel_error.hpp"

namespace panelpack::panel {

namespace {

using json_reading::child_pointer;
using json_reading::member;
using json_reading::optional_int;
using json_reading::optional_string;
using json_reading::required_string;
using nlohmann::json;

const json& required_object(const json& object, const std::string& key,
                            const std::string& pointer) {
  const json* value = member(object, key, pointer);
  if (value == nullptr) {
    throw PanelError("missing_field", child_pointer(pointer, key), "this field is required");
  }
  if (!value->is_object()) {
    throw PanelError("invalid_field", child_pointer(pointer, key), "expected an object");
  }
  return *value;
}

Person read_address(const json& object, const std::string& pointer, bool name_required) {
  Person person;
  person.name = name_required ? required_string(object, "name", pointer)
                              : optional_string(object, "name", pointer);
  person.email = required_string(object, "email", pointer);
  return person;
}

}  // namespace

std::string secret_in_configuration_message() {
  return "office.json must not hold a password: put it on the first line of a file only "
         "panelpack's user can read and name it with passwordFile, or give the name of an "
         "environment variable with passwordEnv";
}

namespace {

// passwordFile or passwordEnv, never both, never the password itself.
SecretSource read_secret(const json& object, const std::string& pointer) {
  if (member(object, "password", pointer) != nullptr) {
    throw PanelError("secret_in_configuration", child_pointer(pointer, "password"),
                     secret_in_configuration_message());
  }
  SecretSource source{optional_string(object, "passwordFile", pointer),
                      optional_string(object, "passwordEnv", pointer)};
  if (!source.file.empty() && !source.environment.empty()) {
    throw PanelError("ambiguous_secret", child_pointer(pointer, "passwordEnv"),
                     "give passwordFile or passwordEnv, not both");
  }
  return source;
}

int seconds_between(const json& object, const char* key, const std::string& pointer, int fallback,
                    int most) {
  const int value = optional_int(object, key, pointer).value_or(fallback);
  if (value < 1 || value > most) {
    throw PanelError("invalid_field", child_pointer(pointer, key),
                     "expected 1 to " + std::to_string(most) + " seconds");
  }
  return value;
}

SmtpConfig read_smtp(const json& object, const std::string& pointer) {
  SmtpConfig smtp;
  smtp.host = required_string(object, "host", pointer);
  smtp.port = optional_int(object, "port", pointer).value_or(587);
  if (smtp.port < 1 || smtp.port > 65535) {
    throw PanelError("invalid_field", child_pointer(pointer, "port"),
                     "expected a port, 1 to 65535");
  }
  const std::string security = optional_string(object, "security", pointer);
  if (security.empty() || security == "starttls") {
    smtp.security = SmtpConfig::Security::starttls;
  } else if (security == "plain") {
    smtp.security = SmtpConfig::Security::plain;
  } else {
    throw PanelError("invalid_field", child_pointer(pointer, "security"),
                     "expected starttls, or plain for a relay on this machine (127.0.0.1)");
  }
  smtp.username = optional_string(object, "username", pointer);
  smtp.password = read_secret(object, pointer);
  if (!smtp.username.empty() && smtp.password.empty()) {
    throw PanelError("missing_secret", child_pointer(pointer, "passwordFile"),
                     "a username needs its password: give passwordFile or passwordEnv");
  }
  smtp.ca_file = optional_string(object, "caFile", pointer);
  smtp.connect_timeout_seconds = seconds_between(object, "connectTimeoutSeconds", pointer, 15, 600);
  smtp.read_timeout_seconds = seconds_between(object, "readTimeoutSeconds", pointer, 60, 3600);
  smtp.drain_timeout_seconds = seconds_between(object, "drainTimeoutSeconds", pointer, 120, 3600);
  return smtp;
}

IntakeConfig read_intake(const json& object, const std::string& pointer) {
  IntakeConfig intake;
  intake.host = required_string(object, "host", pointer);
  const std::string security = optional_string(object, "security", pointer);
  if (security.empty() || security == "imaps") {
    intake.security = IntakeConfig::Security::imaps;
  } else if (security == "starttls") {
    intake.security = IntakeConfig::Security::starttls;
  } else if (security == "plain") {
    intake.security = IntakeConfig::Security::plain;
  } else {
    throw PanelError(
        "invalid_field", child_pointer(pointer, "security"),
        "expected imaps, starttls, or plain for a mailbox on this machine (127.0.0.1)");
  }
  const int default_port = intake.security == IntakeConfig::Security::imaps ? 993 : 143;
  intake.port = optional_int(object, "port", pointer).value_or(default_port);
  if (intake.port < 1 || intake.port > 65535) {
    throw PanelError("invalid_field", child_pointer(pointer, "port"),
                     "expected a port, 1 to 65535");
  }
  intake.username = required_string(object, "username", pointer);
  intake.password = read_secret(object, pointer);
  if (intake.password.empty()) {
    throw PanelError("missing_secret", child_pointer(pointer, "passwordFile"),
                     "the mailbox's login needs its password: give passwordFile or passwordEnv");
  }
  intake.ca_file = optional_string(object, "caFile", pointer);
  if (const std::string folder = optional_string(object, "folder", pointer); !folder.empty()) {
    intake.folder = folder;
  }
  const std::string processed = optional_string(object, "processed", pointer);
  if (processed.empty() || processed == "flag") {
    intake.processed = IntakeConfig::Processed::flag;
  } else if (processed == "move") {
    intake.processed = IntakeConfig::Processed::move;
  } else {
    throw PanelError("invalid_field", child_pointer(pointer, "processed"),
                     "expected flag (keep the message where it is, flagged) or move");
  }
  if (const std::string folder = optional_string(object, "processedFolder", pointer);
      !folder.empty()) {
    intake.processed_folder = folder;
  }
  const int megabytes = optional_int(object, "maxAttachmentMB", pointer).value_or(20);
  if (megabytes < 1 || megabytes > 200) {
    throw PanelError("invalid_field", child_pointer(pointer, "maxAttachmentMB"),
                     "expected 1 to 200 (megabytes)");
  }
  intake.max_attachment_bytes = static_cast<long long>(megabytes) * 1024 * 1024;
  intake.connect_timeout_seconds =
      seconds_between(object, "connectTimeoutSeconds", pointer, 15, 600);
  intake.read_timeout_seconds = seconds_between(object, "readTimeoutSeconds", pointer, 60, 3600);
  return intake;
}

}  // namespace

MailConfig parse_mail_config(const json& json, const std::string& pointer) {
  if (!json.is_object()) throw PanelError("invalid_field", pointer, "expected an object");
  MailConfig mail;
  mail.from =
      read_address(required_object(json, "from", pointer), child_pointer(pointer, "from"), true);
  if (const nlohmann::json* reply_to = member(json, "replyTo", pointer)) {
    mail.reply_to = read_address(*reply_to, child_pointer(pointer, "replyTo"), false);
  }
  mail.smtp = read_smtp(required_object(json, "smtp", pointer), child_pointer(pointer, "smtp"));
  mail.circulation = parse_circulation_config(member(json, "circulation", pointer),
                                              child_pointer(pointer, "circulation"));
  if (const nlohmann::json* intake = member(json, "intake", pointer)) {
    if (!intake->is_object()) {
      throw PanelError("invalid_field", child_pointer(pointer, "intake"), "expected an object");
    }
    mail.intake = read_intake(*intake, child_pointer(pointer, "intake"));
  }
  return mail;
}

std::string to_string(PackAttachment attach) {
  switch (attach) {
    case PackAttachment::zip:
      return "zip";
    case PackAttachment::pdf:
      return "pdf";
    case PackAttachment::both:
      return "both";
  }
  return "zip";
}

CirculationConfig parse_circulation_config(const json* object, const std::string& pointer,
                                           const CirculationConfig& fallback) {
  CirculationConfig circulation = fallback;
  if (object == nullptr) return circulation;
  if (!object->is_object()) throw PanelError("invalid_field", pointer, "expected an object");
  const std::string attach = optional_string(*object, "attach", pointer);
  if (attach == "zip") {
    circulation.attach = PackAttachment::zip;
  } else if (attach == "pdf") {
    circulation.attach = PackAttachment::pdf;
  } else if (attach == "both") {
    circulation.attach = PackAttachment::both;
  } else if (!attach.empty()) {
    throw PanelError("invalid_field", child_pointer(pointer, "attach"),
                     "expected zip, pdf or both");
  }
  // A panel's own password replaces the office's; a panel cannot drop the office's password.
  if (SecretSource source = read_secret(*object, pointer); !source.empty()) {
    circulation.zip_password = std::move(source);
    circulation.password_setting = pointer;
  }
  return circulation;
}

}  // namespace panelpack::panel
