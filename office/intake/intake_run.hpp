#pragma once
// Internal to office/intake: run_intake with the mailer's MailError let through (the status
// file written on success only), for the callers that tell a mailbox down from one refusing.

#include "office/intake/intake.hpp"

namespace panelpack::office {

IntakeResult intake_messages(const Workspace& workspace, mailer::ImapMailbox& mailbox,
                             mailer::Outbox& outbox, const IntakeRequest& request);

}  // namespace panelpack::office
