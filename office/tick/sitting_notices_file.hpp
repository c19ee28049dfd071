#pragma once
// The one owner of OFFICE/notified/PANEL/DATE.json, the record of what each sitting's
// presenters and members were last told by mail (panel/sitting_notices.hpp, docs/mail.md).
// `tick` writes it after queueing, from the due mail the outbox now holds; `tick` and `book`
// read it to see what a change to the sitting means for them.

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "office/error.hpp"
#include "office/workspace.hpp"
#include "panel/mail_due.hpp"
#include "panel/sitting_notices.hpp"

namespace panelpack::office {

std::filesystem::path notices_path(const Workspace& workspace, const std::string& panel_id,
                                   panel::CalendarDate date);

// The sitting's record, or nothing when nobody has been told anything yet. Throws
// OfficeError (bad_input) naming the file and JSON pointer when it does not read.
std::optional<panel::SittingNotices> read_sitting_notices(const Workspace& workspace,
                                                          const std::string& panel_id,
                                                          panel::CalendarDate date);

// Brings the record of every sitting in `plan` up to date with the due mail whose key the
// outbox now holds (`done_keys`): a confirmation or reminder records the slot it gave (the
// first of them only), a correction the new slot, a cancellation the case taken off, the
// circulation the schedule the members got (once), an addendum the new one, the members'
// invitation (or its update or cancellation) the start, end and venue it gave and to whom. A record
// that cannot be read or written does not stop the others: it is returned, one OfficeError per
// sitting, for the caller to report.
std::vector<OfficeError> record_notices(const Workspace& workspace, const panel::MailPlan& plan,
                                        const std::set<std::string>& done_keys);

}  // namespace panelpack::office
