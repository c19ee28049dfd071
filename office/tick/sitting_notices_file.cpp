#include "office/tick/sitting_notices_file.hpp"

#include <system_error>

#include "office/error.hpp"
#include "office/files.hpp"
#include "panel/panel_error.hpp"

namespace panelpack::office {

namespace fs = std::filesystem;

namespace {

std::vector<panel::CaseSlot> slots_of(const panel::SittingMail& sitting) {
  std::vector<panel::CaseSlot> slots;
  for (const panel::MailCase& item : sitting.cases) {
    slots.push_back({item.case_ref, item.slot, item.end_time});
  }
  return slots;
}

// The members' invitation the sitting's record keeps: what they were sent and who has had it.
bool apply_invitation(panel::SittingNotices& told, const panel::SittingMail& sitting,
                      const panel::DueMail& mail) {
  panel::MembersNotice& sent = told.members ? *told.members : told.members.emplace();
  bool changed = false;
  const auto set = [&](auto& field, const auto& value) {
    if (field == value) return;
    field = value;
    changed = true;
  };
  if (mail.notice >= sent.notices) {
    set(sent.notices, mail.notice);
    set(sent.cancelled, sitting.sitting.cancelled);
    if (!sitting.sitting.cancelled) {
      set(sent.start, sitting.sitting.start_time.text());
      set(sent.end, sitting.end_time);
      set(sent.venue, sitting.panel->venue);
    }
  }
  if (!sent.has(mail.recipient.email)) {
    sent.people.push_back({mail.recipient.name, "", "", "", mail.recipient.email, ""});
    changed = true;
  }
  return changed;
}

// Applies one sent (or already queued) email to the sitting's record; true when it changed.
bool apply(panel::SittingNotices& told, const panel::SittingMail& sitting,
           const panel::DueMail& mail) {
  const std::string& email = mail.recipient.email;
  switch (mail.kind) {
    case panel::MailKind::invitation:
      return apply_invitation(told, sitting, mail);
    case panel::MailKind::confirmation:
    case panel::MailKind::reminder: {
      const panel::MailCase& item = sitting.cases.at(*mail.about);
      // Only the first time: the confirmation is the first notice, and a reminder after it (or
      // a later tick finding either key done while the slot moved) leaves it to the correction.
      if (told.find(item.case_ref, email) != nullptr) return false;
      told.presenters.push_back({item.case_ref, item.child_initials, mail.recipient.name, email,
                                 item.slot, item.end_time, 1, false});
      return true;
    }
    case panel::MailKind::correction: {
      const panel::MailCase& item = sitting.cases.at(*mail.about);
      panel::PresenterNotice* notice = told.find(item.case_ref, email);
      if (notice == nullptr) return false;
      notice->slot = item.slot;
      notice->end_time = item.end_time;
      notice->notices = mail.notice;
      notice->cancelled = false;
      return true;
    }
    case panel::MailKind::cancellation: {
      panel::PresenterNotice* notice = told.find(mail.previous.case_ref, email);
      if (notice == nullptr) return false;
      notice->notices = mail.notice;
      notice->cancelled = true;
      return true;
    }
    case panel::MailKind::circulation:
      if (told.agenda) return false;
      told.agenda = panel::schedule_text(slots_of(sitting));
      return true;
    case panel::MailKind::addendum: {
      const std::string schedule = panel::schedule_text(slots_of(sitting));
      if (told.agenda == schedule && told.addenda == mail.notice) return false;
      told.agenda = schedule;
      told.addenda = mail.notice;
      return true;
    }
    default:
      return false;
  }
}

}  // namespace

fs::path notices_path(const Workspace& workspace, const std::string& panel_id,
                      panel::CalendarDate date) {
  return workspace.root() / "notified" / panel_id / (date.iso() + ".json");
}

std::optional<panel::SittingNotices> read_sitting_notices(const Workspace& workspace,
                                                          const std::string& panel_id,
                                                          panel::CalendarDate date) {
  const fs::path path = notices_path(workspace, panel_id, date);
  std::error_code error;
  if (!fs::is_regular_file(path, error)) return std::nullopt;
  const auto json = nlohmann::json::parse(read_input(path.string()), nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    throw OfficeError(OfficeError::Code::bad_input,
                      path.string() +
                          ": not a JSON object; panelpack tick writes this file, "
                          "restore it from a backup or delete it");
  }
  try {
    return panel::parse_sitting_notices(json);
  } catch (const panel::PanelError& failure) {
    throw OfficeError(OfficeError::Code::bad_input, path.string() + ": " + failure.what());
  }
}

std::vector<OfficeError> record_notices(const Workspace& workspace, const panel::MailPlan& plan,
                                        const std::set<std::string>& done_keys) {
  std::vector<OfficeError> problems;
  for (std::size_t index = 0; index < plan.sittings.size(); ++index) {
    const panel::SittingMail& sitting = plan.sittings[index];
    const std::string& panel_id = sitting.sitting.panel_id;
    try {
      panel::SittingNotices told = read_sitting_notices(workspace, panel_id, sitting.sitting.date)
                                       .value_or(panel::SittingNotices{});
      bool changed = false;
      for (const panel::DueMail& mail : plan.due) {
        if (mail.sitting != index || !done_keys.contains(mail.key)) continue;
        changed = apply(told, sitting, mail) || changed;
      }
      if (!changed) continue;
      const fs::path path = notices_path(workspace, panel_id, sitting.sitting.date);
      write_output(path, told.to_json(panel_id, sitting.sitting.date).dump(2) + "\n");
      // It names presenters and cases: the owner's only, like the outbox.
      std::error_code ignored;
      fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write,
                      fs::perm_options::replace, ignored);
      for (const fs::path& folder : {path.parent_path(), path.parent_path().parent_path()}) {
        fs::permissions(folder, fs::perms::owner_all, fs::perm_options::replace, ignored);
      }
    } catch (const OfficeError& failure) {
      problems.emplace_back(failure.code(),
                            "the record of what " + panel_id + " " + sitting.sitting.date.iso() +
                                " was told: " + failure.what(),
                            failure.where());
    }
  }
  return problems;
}

}  // namespace panelpack::office
