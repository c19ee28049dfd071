#pragma once
// What one due email says: the data its templates are filled from (ids, initials, times and
// places; never a child's name, never case narrative), and the mailer's Message made of it.

#include <vector>

#include <nlohmann/json.hpp>

#include "mailer/message.hpp"
#include "office/mail/email_templates.hpp"
#include "office/workspace.hpp"
#include "panel/mail_config.hpp"
#include "panel/mail_due.hpp"

namespace panelpack::office {

// The circulated pack's files, for the circulation email.
struct PackForMail {
  std::vector<mailer::Attachment> attachments;
  bool zip_encrypted = false;  // a zip is attached and it is AES-256 encrypted
  bool pdf_encrypted = false;  // a PDF is attached and it is AES-256 encrypted
  std::size_t documents = 0;   // the agenda and papers in it
};

// The templates' data (docs/mail.md lists every field). `pack` is for circulation only.
nlohmann::json email_data(const Workspace& workspace, const panel::MailPlan& plan,
                          const panel::DueMail& mail, const PackForMail* pack);

// The message to the one recipient, from the office's sender, with the pack's files for a
// circulation.
mailer::Message email_message(const panel::MailConfig& config, const panel::DueMail& mail,
                              RenderedEmail rendered, const PackForMail* pack);

// "Tuesday 15 December 2026"
std::string long_date(panel::CalendarDate date);

}  // namespace panelpack::office
