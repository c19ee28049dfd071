#include "office/tick/tick_queue.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <memory>
#include <system_error>

#include "mailer/icalendar.hpp"
#include "mailer/mail_error.hpp"
#include "office/error.hpp"
#include "office/invitations/calendar_invitation.hpp"
#include "office/mail/email_templates.hpp"
#include "office/mail/mail_content.hpp"
#include "office/mail/mail_settings.hpp"
#include "office/pack/pack_manifest.hpp"
#include "office/pack/pack_protection.hpp"
#include "office/pack/sitting_pack.hpp"
#include "office/sitting/agenda_addendum.hpp"
#include "office/tick/sitting_notices_file.hpp"
#include "panel/pack_decision.hpp"
#include "text/sha256.hpp"

namespace panelpack::office {

namespace fs = std::filesystem;

namespace {

// The mail of one group: one kind, one sitting, one case (or none), every recipient.
bool same_group(const panel::DueMail& a, const panel::DueMail& b) {
  return a.kind == b.kind && a.sitting == b.sitting && a.about == b.about;
}

// "the chair, 4 members and the submission mailbox": who a group went to, by role.
std::string roles_text(const std::vector<std::string>& roles) {
  std::vector<std::pair<std::string, std::size_t>> counted;
  for (const std::string& role : roles) {
    const auto found = std::find_if(counted.begin(), counted.end(),
                                    [&](const auto& entry) { return entry.first == role; });
    if (found == counted.end()) {
      counted.emplace_back(role, 1);
    } else {
      ++found->second;
    }
  }
  std::string text;
  for (std::size_t i = 0; i < counted.size(); ++i) {
    const auto& [role, count] = counted[i];
    text += i == 0 ? "the " : i + 1 == counted.size() ? " and the " : ", the ";
    text += count == 1 ? role : std::to_string(count) + " " + role + "s";
  }
  return text;
}

using Kind = OfficeEvent::Kind;

// "permanence 2026-12-15": an event's name for a sitting.
std::string sitting_subject(const std::string& panel_id, panel::CalendarDate date) {
  return panel_id + " " + date.iso();
}

std::string sitting_subject(const panel::SittingMail& sitting) {
  return sitting_subject(sitting.sitting.panel_id, sitting.sitting.date);
}

std::string rows_text(const std::vector<std::int64_t>& ids) {
  std::string text;
  for (const std::int64_t id : ids) text += (text.empty() ? "" : ", ") + std::to_string(id);
  return text;
}

// Queues the due mail group by group, building each circulated pack once.
class Queuer {
 public:
  Queuer(const TickQueueInputs& inputs, mailer::Outbox& outbox, TickLog& log)
      : in_(inputs), outbox_(outbox), log_(log) {}

  std::size_t run() {
    const auto& due = in_.plan.due;
    for (std::size_t start = 0; start < due.size();) {
      std::size_t end = start + 1;
      while (end < due.size() && same_group(due[start], due[end])) ++end;
      queue_group(start, end);
      start = end;
    }
    log_skipped();
    return queued_;
  }

 private:
  bool done(const panel::DueMail& mail) const { return in_.done_keys.contains(mail.key); }

  void queue_group(std::size_t start, std::size_t end) {
    const auto& due = in_.plan.due;
    std::vector<const panel::DueMail*> pending;
    bool some_done = false;
    for (std::size_t i = start; i < end; ++i) {
      if (done(due[i])) {
        some_done = true;
      } else {
        pending.push_back(&due[i]);
      }
    }
    if (pending.empty()) return;
    const panel::DueMail& first = *pending.front();
    const std::string what = panel::describe(in_.plan, first);
    const std::string subject = describe_key(first.key);
    if (first.late)
      log_.event(Kind::note, subject,
                 "catching up: " + what + " was due " + log_time(first.due_at));
    const EmailTemplates* templates = templates_for(first);
    if (templates == nullptr) return;
    const PackForMail* pack = nullptr;
    if (first.kind == panel::MailKind::circulation) {
      pack = pack_for(first, some_done);
      if (pack == nullptr) return;
    }
    if (first.kind == panel::MailKind::addendum) {
      pack = addendum_for(first);
      if (pack == nullptr) return;
    }
    std::vector<std::int64_t> ids;
    std::vector<std::string> roles;
    for (const panel::DueMail* mail : pending) {
      try {
        const nlohmann::json data = email_data(in_.workspace, in_.plan, *mail, pack);
        mailer::Message message =
            email_message(in_.mail, *mail, templates->render(mail->kind, data), pack);
        // Confirmations, their changes and the members' invitation carry the meeting itself.
        if (const auto event =
                calendar_event(in_.mail, in_.workspace.office(), in_.plan, *mail, in_.now)) {
          message.calendar = mailer::calendar_part(*event);
        }
        const mailer::QueueResult result =
            outbox_.queue(mail->key, {mail->recipient.name, mail->recipient.email},
                          std::move(message), in_.workspace.office().allowed_domains, in_.now);
        if (result.already_queued) continue;
        ids.push_back(result.id);
        roles.push_back(mail->role);
      } catch (const mailer::MailError& error) {
        refused(*mail, error);
      } catch (const OfficeError& failure) {
        log_.problem(failure.code(), subject, what + ": " + failure.what());
        return;
      }
    }
    if (ids.empty()) return;
    queued_ += ids.size();
    const std::string emails = std::to_string(ids.size()) +
                               (ids.size() == 1 ? " email to " : " emails to ") + roles_text(roles);
    if (in_.dry_run) {
      log_.event(Kind::mail_queued, subject, "dry run, would queue " + what + ": " + emails);
    } else {
      log_.event(Kind::mail_queued, subject,
                 "queued " + what + ": " + emails + " (row" + (ids.size() == 1 ? " " : "s ") +
                     rows_text(ids) + ")");
    }
  }

  void refused(const panel::DueMail& mail, const mailer::MailError& error) {
    const std::string what = panel::describe(in_.plan, mail);
    const std::string subject = describe_key(mail.key);
    if (error.code() == "recipient_not_allowed") {
      log_.problem(OfficeError::Code::bad_input, subject,
                   what + ": refused " + mail.recipient.email + " (the " + mail.role +
                       "): it is outside allowedDomains in office.json, so nothing was queued "
                       "for them; correct the address, or add its domain if mail may go there");
    } else if (error.code() == "spool_failed" || error.code() == "outbox_database") {
      log_.problem(OfficeError::Code::machine_failure, subject, what + ": " + error.what());
    } else {
      log_.problem(OfficeError::Code::bad_input, subject,
                   what + ": cannot queue the email to the " + mail.role + ": " + error.what());
    }
  }

  const EmailTemplates* templates_for(const panel::DueMail& mail) {
    const panel::PanelConfig& panel = *in_.plan.sittings.at(mail.sitting).panel;
    try {
      const fs::path folder = email_templates_folder(in_.workspace, panel);
      auto found = templates_.find(folder);
      if (found == templates_.end()) {
        std::unique_ptr<EmailTemplates> loaded;
        try {
          loaded = std::make_unique<EmailTemplates>(EmailTemplates::load(folder));
        } catch (const OfficeError& failure) {
          log_.problem(failure.code(), panel.id, failure.what());
        }
        found = templates_.emplace(folder, std::move(loaded)).first;
      }
      return found->second.get();
    } catch (const OfficeError& failure) {
      if (!unconfigured_.insert(panel.id).second) return nullptr;
      log_.problem(failure.code(), panel.id, failure.what());
      return nullptr;
    }
  }

  // The pack the circulation carries, decided by panel::decide_pack: the one built already
  // when it meets the panel's options and is current (or was circulated to some already), else
  // one built now; a pack built by hand is never replaced. When there is none to send, the
  // panel's administrator is alerted by email.
  const PackForMail* pack_for(const panel::DueMail& mail, bool circulated_before) {
    const auto found = packs_.find(mail.sitting);
    if (found != packs_.end()) return found->second.get();
    return packs_.emplace(mail.sitting, circulated_pack(mail, circulated_before))
        .first->second.get();
  }

  // Where a pack is built: packs/PANEL/DATE/, or the dry run's own folder.
  fs::path build_folder(const panel::SittingMail& sitting) const {
    if (!in_.dry_run) return in_.workspace.pack_path(sitting.panel->id, sitting.sitting.date);
    return dry_run_folder(in_.workspace) / "packs" / sitting.panel->id / sitting.sitting.date.iso();
  }

  static std::string pack_name(const panel::SittingMail& sitting) {
    return "the pack for " + sitting.sitting.panel_id + " " + sitting.sitting.date.iso();
  }

  std::unique_ptr<PackForMail> circulated_pack(const panel::DueMail& mail, bool circulated_before) {
    const panel::SittingMail& sitting = in_.plan.sittings.at(mail.sitting);
    const panel::PanelConfig& panel = *sitting.panel;
    const std::string what = pack_name(sitting);
    // The office's own pack, read only: a dry run circulates it too when it may.
    const fs::path folder = in_.workspace.pack_path(panel.id, sitting.sitting.date);
    const panel::PackWanted wanted = panel::pack_wanted(panel.circulation);
    std::optional<PackManifest> manifest;
    std::optional<panel::PackFound> found;
    std::string changed;
    try {
      manifest = read_pack_manifest(folder);
      if (manifest) {
        const PackInputs now =
            current_pack_inputs(in_.workspace, panel.id, sitting.sitting.date, in_.now);
        changed = changed_inputs(manifest->inputs, now);
        found = inspect_pack(folder, *manifest, changed.empty());
      }
    } catch (const OfficeError& failure) {
      return not_circulated(
          mail, failure.code(),
          what + " could not be checked, so it was not circulated: " + failure.what(),
          fix_and_wait(panel));
    }
    const panel::PackDecision decision = panel::decide_pack(found, wanted, circulated_before);
    switch (decision.action) {
      case panel::PackAction::circulate:
        log_.event(Kind::pack_reused, sitting_subject(sitting),
                   "circulating " + what + " built before (" + decision.reason + ")");
        return pack_to_mail(folder, *manifest, *found, wanted);
      case panel::PackAction::build:
        if (found)
          log_.event(Kind::note, sitting_subject(sitting),
                     "rebuilding " + what + ": " + decision.reason);
        return built_pack(mail);
      case panel::PackAction::refuse_weaker:
        return not_circulated(
            mail, OfficeError::Code::bad_input,
            what + " in " + folder.string() +
                " is weaker than the panel's options in office.json (" + decision.reason +
                "), so it was not circulated",
            "build it again with the panel's options: panelpack pack " + panel.id + " " +
                sitting.sitting.date.iso() +
                " (the next tick circulates it), or change the panel's circulation options in "
                "office.json if a weaker pack is meant");
      case panel::PackAction::refuse_out_of_date:
        return not_circulated(
            mail, OfficeError::Code::bad_input,
            what + " was built by hand with options other than the panel's, and " + changed +
                " changed since it was built; it was neither replaced nor circulated",
            "build it again: panelpack pack " + panel.id + " " + sitting.sitting.date.iso() +
                " for the panel's options, or with the same options as before (--pdf, "
                "--password-file); the next tick circulates it");
    }
    return nullptr;
  }

  static std::string fix_and_wait(const panel::PanelConfig& panel) {
    return "put right what the message names (office.json, the bookings or case files of " +
           panel.id +
           "), then run panelpack pack for the sitting or wait: the next tick tries "
           "again";
  }

  // The pack's files the panel's options attach, each saying whether it is encrypted.
  std::unique_ptr<PackForMail> pack_to_mail(const fs::path& folder, const PackManifest& manifest,
                                            const panel::PackFound& found,
                                            const panel::PackWanted& wanted) const {
    auto pack = std::make_unique<PackForMail>();
    if (wanted.zip) {
      pack->attachments.push_back(
          {folder / manifest.zip_file, manifest.zip_file, "application/zip"});
      pack->zip_encrypted = found.zip_encrypted;
    }
    if (wanted.pdf && manifest.pdf_file) {
      pack->attachments.push_back(
          {folder / *manifest.pdf_file, *manifest.pdf_file, "application/pdf"});
      pack->pdf_encrypted = found.pdf_encrypted;
    }
    pack->documents = manifest.documents;
    return pack;
  }

  // A pack just built, checked as any pack is (its files, not its manifest's word), so it is
  // never mailed weaker than the panel's options and the mail's words say what it really is.
  // Throws OfficeError (machine_failure) when it came out weaker.
  std::unique_ptr<PackForMail> checked_built_pack(const fs::path& folder,
                                                  const panel::PanelConfig& panel) const {
    const auto manifest = read_pack_manifest(folder);
    const panel::PackWanted wanted = panel::pack_wanted(panel.circulation);
    const panel::PackFound found =
        manifest ? inspect_pack(folder, *manifest, true) : panel::PackFound{};
    const std::string shortfall = panel::pack_shortfall(found, wanted);
    if (!manifest || !shortfall.empty()) {
      throw OfficeError(OfficeError::Code::machine_failure,
                        "it was built weaker than the panel's options (" + shortfall +
                            "); tell whoever looks after panelpack on this machine");
    }
    return pack_to_mail(folder, *manifest, found, wanted);
  }

  std::unique_ptr<PackForMail> built_pack(const panel::DueMail& mail) {
    const panel::SittingMail& sitting = in_.plan.sittings.at(mail.sitting);
    const panel::PanelConfig& panel = *sitting.panel;
    const std::string what = pack_name(sitting);
    try {
      PackOptions options;
      options.password = pack_password(in_.workspace, panel.circulation);
      options.pdf = panel.circulation.needs_pdf();
      options.folder = build_folder(sitting);
      const PackAttempt attempt = build_sitting_pack(in_.workspace, sitting.sitting.panel_id,
                                                     sitting.sitting.date, options, in_.now);
      if (attempt.busy()) {
        log_.event(
            Kind::note, sitting_subject(sitting),
            "waiting: " + what + " is being built by another run; the next tick circulates it");
        return nullptr;
      }
      const SittingPack& built = *attempt.pack;
      auto pack = checked_built_pack(built.result.folder, panel);
      log_.event(Kind::pack_built, sitting_subject(sitting),
                 "built " + what + ": " + std::to_string(pack->documents) + " documents, " +
                     std::to_string(built.plan.missing.size()) +
                     (built.plan.missing.size() == 1 ? " paper missing" : " papers missing") +
                     (pack->zip_encrypted ? ", zip encrypted" : "") +
                     (pack->pdf_encrypted ? ", PDF encrypted" : ""));
      return pack;
    } catch (const OfficeError& failure) {
      return not_circulated(
          mail, failure.code(),
          what + " could not be built, so it was not circulated: " + failure.what(),
          fix_and_wait(panel));
    }
  }

  // Logs why the pack is not circulated and emails the panel's administrator at once: one
  // email per distinct failure (its key holds a digest of the words), so a tick every five
  // minutes does not repeat it, and a different failure later is told too.
  std::unique_ptr<PackForMail> not_circulated(const panel::DueMail& circulation,
                                              OfficeError::Code code, const std::string& failure,
                                              const std::string& todo) {
    const panel::SittingMail& sitting = in_.plan.sittings.at(circulation.sitting);
    log_.problem(code, sitting_subject(sitting), failure + "; " + todo);
    const panel::Person& administrator = sitting.panel->administrator;
    if (administrator.email.empty()) {
      log_.problem(OfficeError::Code::bad_input, sitting_subject(sitting),
                   pack_name(sitting) +
                       ": the panel's administrator has no email address, "
                       "so nobody was alerted by email");
      return nullptr;
    }
    panel::DueMail alert{panel::MailKind::pack_failed,
                         circulation.sitting,
                         std::nullopt,
                         administrator,
                         "administrator",
                         in_.now,
                         sitting.moments.starts_at,
                         false,
                         "",
                         {},
                         0};
    alert.key =
        panel::mail_key(alert.kind, sitting.panel->id, sitting.sitting.date,
                        "failure-" + text::sha256_hex(failure).substr(0, 12), administrator.email);
    const EmailTemplates* templates = templates_for(alert);
    if (templates == nullptr) return nullptr;
    try {
      nlohmann::json data = email_data(in_.workspace, in_.plan, alert, nullptr);
      data["failure"] = {{"what", failure}, {"todo", todo}};
      mailer::Message message =
          email_message(in_.mail, alert, templates->render(alert.kind, data), nullptr);
      const mailer::QueueResult result =
          outbox_.queue(alert.key, {administrator.name, administrator.email}, std::move(message),
                        in_.workspace.office().allowed_domains, in_.now);
      if (!result.already_queued) {
        ++queued_;
        log_.event(Kind::mail_queued, describe_key(alert.key),
                   "queued the alert to the administrator about " + pack_name(sitting) +
                       (in_.dry_run ? "" : " (row " + std::to_string(result.id) + ")"));
      }
    } catch (const mailer::MailError& error) {
      refused(alert, error);
    } catch (const OfficeError& failure_to_alert) {
      log_.problem(failure_to_alert.code(), sitting_subject(sitting),
                   "the alert about " + pack_name(sitting) +
                       " could not be queued: " + failure_to_alert.what());
    }
    return nullptr;
  }

  // The new agenda an addendum carries, built once per sitting and tick, with the pack's
  // protection (agenda_addendum.hpp).
  const PackForMail* addendum_for(const panel::DueMail& mail) {
    const auto found = addenda_.find(mail.sitting);
    if (found != addenda_.end()) return found->second.get();
    const panel::SittingMail& sitting = in_.plan.sittings.at(mail.sitting);
    const std::string what =
        "the new agenda for " + sitting.sitting.panel_id + " " + sitting.sitting.date.iso();
    std::unique_ptr<PackForMail> pack;
    try {
      const panel::PanelConfig& panel = *sitting.panel;
      PackOptions options;
      options.password = pack_password(in_.workspace, panel.circulation);
      options.pdf = panel.circulation.needs_pdf();
      if (in_.dry_run) {
        // A dry run builds it in its own folder, leaving packs/ as it is.
        options.folder = dry_run_folder(in_.workspace) / "packs" / sitting.panel->id /
                         addendum_folder_name(sitting.sitting.date, mail.notice);
      }
      const PackAttempt attempt =
          build_agenda_addendum(in_.workspace, sitting.sitting.panel_id, sitting.sitting.date,
                                mail.notice, options, in_.now);
      if (attempt.busy()) {
        // Another run is building it: nothing is sent now, the next tick tries again.
        log_.problem(OfficeError::Code::busy, sitting_subject(sitting),
                     what + " could not be built, so the addendum was not sent: " +
                         busy_error(attempt.busy_lock.string()).what());
      } else {
        pack = checked_built_pack(attempt.pack->result.folder, panel);
        log_.event(Kind::pack_built, sitting_subject(sitting),
                   "built " + what + " (addendum " + std::to_string(mail.notice) + ")" +
                       (pack->zip_encrypted ? ", zip encrypted" : "") +
                       (pack->pdf_encrypted ? ", PDF encrypted" : ""));
      }
    } catch (const OfficeError& failure) {
      log_.problem(failure.code(), sitting_subject(sitting),
                   what + " could not be built, so the addendum was not sent: " + failure.what());
    }
    return addenda_.emplace(mail.sitting, std::move(pack)).first->second.get();
  }

  // Mail whose moment passed unsent; said once, by the first tick after it passed.
  void log_skipped() {
    const auto& passed = in_.plan.passed;
    for (std::size_t start = 0; start < passed.size();) {
      std::size_t end = start + 1;
      while (end < passed.size() && same_group(passed[start], passed[end])) ++end;
      bool unsent = false;
      for (std::size_t i = start; i < end; ++i) unsent = unsent || !done(passed[i]);
      const panel::DueMail& mail = passed[start];
      if (unsent && (!in_.last_tick || mail.expires_at > *in_.last_tick)) {
        const bool minutes = mail.kind == panel::MailKind::minutes_due;
        log_.event(Kind::mail_skipped, describe_key(mail.key),
                   "skipped: " + panel::describe(in_.plan, mail) + " was due " +
                       log_time(mail.due_at) + ", but " +
                       (minutes ? "the minutes were due at " : "the sitting started at ") +
                       log_time(mail.expires_at) + "; not sent");
      }
      start = end;
    }
  }

  const TickQueueInputs& in_;
  mailer::Outbox& outbox_;
  TickLog& log_;
  std::size_t queued_ = 0;
  std::map<fs::path, std::unique_ptr<EmailTemplates>> templates_;
  std::set<std::string> unconfigured_;
  std::map<std::size_t, std::unique_ptr<PackForMail>> packs_;
  std::map<std::size_t, std::unique_ptr<PackForMail>> addenda_;
};

// Adds the sitting's record of what was told to `told`; false when there is none (or it does
// not read, which is logged: no change mail for that sitting until it is mended).
bool read_told(const Workspace& workspace, const panel::Sitting& sitting,
               std::map<std::string, panel::SittingNotices>& told, TickLog& log) {
  try {
    auto notices = read_sitting_notices(workspace, sitting.panel_id, sitting.date);
    if (!notices) return false;
    told.emplace(panel::sitting_key(sitting.panel_id, sitting.date), std::move(*notices));
    return true;
  } catch (const OfficeError& failure) {
    log.problem(failure.code(), sitting_subject(sitting.panel_id, sitting.date), failure.what());
    return false;
  }
}

// The sitting a plan is limited to, when it is (panel id and date).
struct OnlySitting {
  const std::string& panel_id;
  panel::CalendarDate date;
};

// The plan of every sitting, or of `only` one: the one way tick and an addendum sent by hand
// read the office.
panel::MailPlan plan_window(const Workspace& workspace, const panel::MailWindow& window,
                            TickLog& log, const std::optional<OnlySitting>& only) {
  const panel::UtcInstant now = window.now;
  std::vector<std::string> problems;
  const auto booked = workspace.load_all_bookings(problems);
  for (const std::string& problem : problems) {
    log.problem(OfficeError::Code::bad_input, "", "skipped a bookings file: " + problem);
  }
  std::map<std::string, panel::CaseSummary> cases;
  std::set<std::string> unreadable;
  std::vector<panel::BookedSitting> in_window;
  std::map<std::string, panel::SittingNotices> told;
  for (const panel::BookedSitting& sitting : booked) {
    if (only && (sitting.sitting.panel_id != only->panel_id || sitting.sitting.date != only->date))
      continue;
    // What its people were told matters until the sitting starts (a change is mailed).
    const bool told_before =
        now < panel::local_to_utc(sitting.sitting.date, sitting.sitting.start_time) &&
        read_told(workspace, sitting.sitting, told, log);
    // A cancelled sitting's mail is only the cancelling of what its people were told.
    if (sitting.sitting.cancelled) {
      if (told_before) in_window.push_back(sitting);
      continue;
    }
    if (sitting.bookings.items.empty() && !told_before) continue;
    const panel::PanelConfig& panel = workspace.office().panel(sitting.sitting.panel_id);
    if (!told_before &&
        !panel::has_mail_in_window(panel, sitting.sitting, workspace.calendar(), window) &&
        !panel::has_booking_mail_in_window(sitting, window)) {
      continue;
    }
    for (const panel::BookingItem& item : sitting.bookings.items) {
      if (cases.contains(item.case_ref) || unreadable.contains(item.case_ref)) continue;
      try {
        cases.emplace(item.case_ref, workspace.load_case(item.case_ref).summary);
      } catch (const OfficeError& failure) {
        if (failure.code() != OfficeError::Code::bad_input) throw;
        unreadable.insert(item.case_ref);
        log.problem(OfficeError::Code::bad_input, item.case_ref, failure.what());
      }
    }
    in_window.push_back(sitting);
  }
  panel::MailPlan plan = panel::plan_due_mail(
      {workspace.office(), in_window, cases, workspace.calendar(), window, &told});
  for (const std::string& problem : plan.problems)
    log.problem(OfficeError::Code::bad_input, "", problem);
  return plan;
}

}  // namespace

panel::MailPlan plan_tick(const Workspace& workspace, panel::UtcInstant now, TickLog& log) {
  return plan_tick_window(workspace, panel::MailWindow{now, kTickLookback, kTickLateAfter}, log);
}

panel::MailPlan plan_tick_window(const Workspace& workspace, const panel::MailWindow& window,
                                 TickLog& log) {
  return plan_window(workspace, window, log, std::nullopt);
}

panel::MailPlan plan_tick_sitting(const Workspace& workspace, const std::string& panel_id,
                                  panel::CalendarDate date, panel::UtcInstant now, TickLog& log) {
  return plan_window(workspace, panel::MailWindow{now, kTickLookback, kTickLateAfter}, log,
                     OnlySitting{panel_id, date});
}

std::size_t queue_due_mail(const TickQueueInputs& inputs, mailer::Outbox& outbox, TickLog& log) {
  return Queuer(inputs, outbox, log).run();
}

std::string describe_key(const std::string& key) {
  const auto parts = panel::parse_mail_key(key);
  if (!parts) return "row";
  return parts->kind + " for " + parts->panel_id + " " + parts->date +
         (parts->case_ref.empty() ? "" : " " + parts->case_ref);
}

}  // namespace panelpack::office
