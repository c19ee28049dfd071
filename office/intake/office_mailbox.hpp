#pragma once
// The office's submission mailbox as the IMAP client wants it: office.json's mail.intake with
// the login's password read now (from its file or the environment), and intake run against it
// with the mailer's own error kept, so tick can tell a mailbox that is down for now (a warning)
// from one that refuses TLS or the login (a problem a person must fix).

#include "mailer/imap_mailbox.hpp"
#include "office/intake/intake.hpp"
#include "office/workspace.hpp"
#include "panel/mail_config.hpp"

namespace panelpack::office {

// office.json's mail.intake. Throws OfficeError (bad_input) when there is none, saying how to
// add it.
const panel::IntakeConfig& intake_config(const Workspace& workspace);

// The client's settings, password included. Throws OfficeError (bad_input) when the password
// cannot be read.
mailer::ImapSettings imap_settings(const Workspace& workspace, const panel::IntakeConfig& config);

// What most a message may be and still be read: the attachment cap with room for the MIME
// encoding (base64 makes 4 bytes of 3) and the message's text.
std::size_t largest_message_read(const panel::IntakeConfig& config);

// run_office_intake, throwing the mailer's MailError (after writing it to the status file)
// when the mailbox cannot be opened or fails mid-way. Throws OfficeError as run_intake does,
// and busy when another intake is running.
IntakeResult run_office_intake_or_mail_error(const Workspace& workspace,
                                             const IntakeRequest& request);

}  // namespace panelpack::office
