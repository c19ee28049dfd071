#pragma once
// The "mail" section of office.json as plain data: whom the office's mail comes from, the relay
// it goes through, and how the pack is attached when it is circulated. The panel domain knows
// nothing of the mailer; cli/ turns this into the mailer's settings (docs/mail.md).

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "panel/person.hpp"

namespace panelpack::panel {

// Where a secret is read when it is needed: the first line of a file (a path from the office
// folder) or an environment variable. office.json never holds the secret itself.
struct SecretSource {
  std::string file;
  std::string environment;

  bool empty() const noexcept { return file.empty() && environment.empty(); }
};

struct SmtpConfig {
  std::string host;
  int port = 587;
  // plain: no TLS, allowed by the mailer only for a relay on loopback (127.0.0.1, ::1,
  // ::ffff:127.0.0.1).
  enum class Security { starttls, plain } security = Security::starttls;
  std::string username;  // empty: no AUTH
  SecretSource password;
  std::string ca_file;  // PEM file of trusted CAs, from the office folder; empty: the system's
  int connect_timeout_seconds = 15;
  int read_timeout_seconds = 60;
  // The most one tick spends sending: no further message is started after it, the rest wait
  // for the next tick. A hung relay cannot stall a tick for minutes.
  int drain_timeout_seconds = 120;
};

// What the circulation email carries: the pack's zip, its merged PDF, or both.
enum class PackAttachment { zip, pdf, both };

// A sitting's pack options: what its circulation attaches and the password its zip and PDF
// are encrypted under. `panelpack pack` builds with them and `tick` circulates only a pack
// that meets them (docs/mail.md, One set of pack options).
struct CirculationConfig {
  PackAttachment attach = PackAttachment::zip;
  // Set: the pack's zip and PDF are encrypted with AES-256 under this password, which is never
  // mailed.
  SecretSource zip_password;
  // The office.json key the password source was read from ("/panels/0/circulation"), for
  // messages; empty when there is none.
  std::string password_setting;

  bool needs_pdf() const noexcept { return attach != PackAttachment::zip; }
  bool needs_zip() const noexcept { return attach != PackAttachment::pdf; }
};

// The submission mailbox `panelpack intake` reads papers from (issue 15, docs/mail.md): IMAP
// over TLS, the login's password from a file or the environment as the relay's.
struct IntakeConfig {
  std::string host;
  // imaps (993, TLS from the start, the default), starttls (143, TLS before the login), or
  // plain: no TLS, allowed only for a mailbox on loopback.
  enum class Security { imaps, starttls, plain } security = Security::imaps;
  int port = 993;
  std::string username;
  SecretSource password;
  std::string ca_file;           // PEM file of trusted CAs, from the office folder
  std::string folder = "INBOX";  // where new papers arrive
  // What happens to a message once read: flagged with the keyword (kept where it is), or moved
  // to `processed_folder`. Never deleted.
  enum class Processed { flag, move } processed = Processed::flag;
  std::string processed_folder = "Filed";
  long long max_attachment_bytes = 20LL * 1024 * 1024;  // larger attachments are refused
  int connect_timeout_seconds = 15;
  int read_timeout_seconds = 60;
};

struct MailConfig {
  Person from;  // name and email
  std::optional<Person> reply_to;
  SmtpConfig smtp;
  CirculationConfig circulation;
  std::optional<IntakeConfig> intake;  // absent: the office reads no mailbox
};

// What to do instead of typing a password into office.json (said wherever one is refused).
std::string secret_in_configuration_message();

// Reads office.json's "mail" object at `pointer`. Throws PanelError naming the value's JSON
// pointer: "missing_field", "invalid_field", "secret_in_configuration" (a "password" given
// instead of passwordFile or passwordEnv), "ambiguous_secret" (both given), "missing_secret"
// (a username without a password source).
MailConfig parse_mail_config(const nlohmann::json& json, const std::string& pointer);

std::string to_string(PackAttachment attach);

// Reads a "circulation" object (attach, passwordFile, passwordEnv) at `pointer`; what it leaves
// out is `fallback`'s (a panel's own over the office's mail.circulation). Throws PanelError
// as parse_mail_config does.
CirculationConfig parse_circulation_config(const nlohmann::json* object, const std::string& pointer,
                                           const CirculationConfig& fallback = {});

}  // namespace panelpack::panel
