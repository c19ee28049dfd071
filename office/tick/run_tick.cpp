#include "office/tick/run_tick.hpp"

#include <chrono>
#include <set>
#include <string>
#include <system_error>

#include "mailer/mail_error.hpp"
#include "mailer/outbox.hpp"
#include "mailer/transport.hpp"
#include "office/file_lock.hpp"
#include "office/intake/intake_status.hpp"
#include "office/intake/office_mailbox.hpp"
#include "office/mail/mail_settings.hpp"
#include "office/tick/action_reminders.hpp"
#include "office/tick/sitting_notices_file.hpp"
#include "office/tick/tick_log.hpp"
#include "office/tick/tick_queue.hpp"

namespace panelpack::office {

namespace {

namespace fs = std::filesystem;
using Kind = OfficeEvent::Kind;

std::set<std::string> keys_in(const mailer::Outbox& outbox) {
  std::set<std::string> keys;
  for (const mailer::OutboxRow& row : outbox.list()) keys.insert(row.idempotency_key);
  return keys;
}

// The dry run's folder emptied of the last dry run's messages, packs and scratch outbox.
void clear_dry_run_folder(const fs::path& folder) {
  std::error_code error;
  if (!fs::is_directory(folder, error)) return;
  for (const auto& entry : fs::directory_iterator(folder)) {
    const std::string name = entry.path().filename().string();
    const bool unfinished_eml =
        name.starts_with('.') && name.find(".eml.tmp-") != std::string::npos;
    if (entry.path().extension() == ".eml" || unfinished_eml || name == "packs" ||
        name.starts_with(".dry-run.db")) {
      fs::remove_all(entry.path());
    }
  }
}

void report_gap(std::optional<panel::UtcInstant> last_tick, panel::UtcInstant now, TickLog& log) {
  if (!last_tick || now - *last_tick <= kTickLateAfter) return;
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(now - *last_tick).count();
  const std::string gap = minutes >= 48 * 60 ? std::to_string(minutes / (24 * 60)) + " days"
                          : minutes >= 120   ? std::to_string(minutes / 60) + " hours"
                                             : std::to_string(minutes) + " minutes";
  log.event(Kind::note, "",
            "the last tick ran at " + log_time(*last_tick) + ", " + gap +
                " ago: catching up what was due since");
}

// Reads the submission mailbox first, so its replies go in this tick's drain and papers filed
// now are not chased. A mailbox down for now is a warning (the next tick tries again); one that
// refuses TLS or the login is a problem a person must fix.
void take_in_papers(const Workspace& workspace, panel::UtcInstant now, TickLog& log) {
  const std::string subject = "intake";
  // Said when it starts and when it ends, not every five minutes while the mailbox is down.
  std::optional<IntakeStatus> before;
  try {
    before = read_intake_status(workspace);
  } catch (const OfficeError&) {
    before.reset();  // a damaged status file: this run writes it anew
  }
  const bool was_failing = before && !before->ok;
  try {
    const IntakeResult result = run_office_intake_or_mail_error(workspace, {now});
    if (was_failing) log.event(Kind::note, subject, "intake: the mailbox can be read again");
    for (const std::string& line : result.lines) log.event(Kind::note, subject, "intake: " + line);
    if (result.filed + result.refused + result.unmatched > 0) {
      log.event(Kind::note, subject,
                "intake: " + std::to_string(result.messages) + " messages, " +
                    std::to_string(result.filed) + " papers filed, " +
                    std::to_string(result.refused) + " refused, " +
                    std::to_string(result.unmatched) + " left unmatched");
    }
  } catch (const mailer::MailError& failure) {
    if (failure.temporary() || failure.code() == "mailbox_unreachable") {
      if (!was_failing || before->error_code != failure.code()) {
        log.event(Kind::note, subject,
                  std::string("warning: intake: ") + failure.what() +
                      "; nothing was lost, each tick reads the mailbox again (said once: "
                      "OFFICE/intake/status.json keeps it)");
      }
    } else {
      log.problem(OfficeError::Code::bad_input, "office.json /mail/intake",
                  std::string("intake: ") + failure.what() +
                      "; fix office.json /mail/intake or the mailbox's password");
    }
  } catch (const OfficeError& failure) {
    if (failure.code() == OfficeError::Code::busy) {
      log.event(Kind::note, subject, std::string("intake: ") + failure.what());
    } else {
      log.problem(failure.code(), failure.where().file, std::string("intake: ") + failure.what());
    }
  }
}

// Writes what a tick would send now as .eml files; the office's outbox is only read.
void dry_run(const TickQueueInputs& inputs, mailer::Outbox* office_outbox, TickLog& log,
             TickResult& result) {
  const fs::path folder = dry_run_folder(inputs.workspace);
  clear_dry_run_folder(folder);
  fs::create_directories(folder);
  // Each .eml holds the whole pack: the folder is the owner's only, even one made before.
  fs::permissions(folder, fs::perms::owner_all, fs::perm_options::replace);
  {
    // What is due goes into a scratch outbox of the dry run's own, deleted afterwards.
    mailer::Outbox scratch(folder / ".dry-run.db");
    result.queued = queue_due_mail(inputs, scratch, log);
    result.queued += queue_action_reminders(inputs, scratch, log);
    mailer::EmlFolderTransport transport(folder);
    result.drained.written = drain_outbox(scratch, transport, inputs.now, log).written;
    if (office_outbox != nullptr) {
      result.drained.written += drain_outbox(*office_outbox, transport, inputs.now, log).written;
    }
  }
  std::error_code ignored;
  for (const char* suffix : {"", "-wal", "-shm", ".spool"}) {
    fs::remove_all(folder / (std::string(".dry-run.db") + suffix), ignored);
  }
  if (result.queued > 0 || result.drained.written > 0) {
    log.event(Kind::note, "",
              "dry run: wrote " + std::to_string(result.drained.written) + " emails to " +
                  folder.string() + "/; nothing was sent and the outbox is unchanged");
  }
}

// Queues what is due, sends what the outbox holds, and records when this tick ran.
void send(const TickQueueInputs& inputs, mailer::Outbox& outbox, TickLog& log, TickResult& result) {
  result.queued = queue_due_mail(inputs, outbox, log);
  result.queued += queue_action_reminders(inputs, outbox, log);
  // What people have now been told, for the next change to the sitting to be measured against.
  for (const OfficeError& problem :
       record_notices(inputs.workspace, inputs.plan, keys_in(outbox))) {
    log.problem(problem.code(), problem.where().file, problem.what());
  }
  try {
    mailer::SmtpTransport transport(smtp_settings(inputs.workspace, inputs.mail));
    result.drained = drain_outbox(outbox, transport, inputs.now, log,
                                  std::chrono::seconds{inputs.mail.smtp.drain_timeout_seconds});
  } catch (const mailer::MailError& failure) {
    log.problem(OfficeError::Code::bad_input, "office.json /mail/smtp",
                std::string("office.json /mail/smtp: ") + failure.what() +
                    "; nothing was sent, the messages wait in the outbox");
  } catch (const OfficeError& failure) {
    log.problem(
        failure.code(), failure.where().file,
        std::string(failure.what()) + "; nothing was sent, the messages wait in the outbox");
  }
  // Sent packs need not wait in the spool: it holds OFFICIAL-SENSITIVE copies.
  outbox.prune_spool();
  write_last_tick(tick_state_path(inputs.workspace), inputs.now);
  if (log.said_anything()) {
    const DrainCounts& counts = result.drained;
    log.event(Kind::note, "",
              "tick at " + log_time(inputs.now) + ": queued " + std::to_string(result.queued) +
                  ", sent " + std::to_string(counts.sent) + ", deferred " +
                  std::to_string(counts.deferred) + ", failed " + std::to_string(counts.failed));
  }
}

TickResult tick(const Workspace& workspace, const TickOptions& options, EventSink& events) {
  const panel::MailConfig& mail = mail_config(workspace);
  TickResult result;
  // One tick at a time: a second one ends at once (busy) rather than wait behind a slow relay.
  const auto lock = FileLock::try_take(tick_lock_path(workspace));
  if (!lock) {
    result.busy = true;
    result.lock = tick_lock_path(workspace);
    return result;
  }
  TickLog log(events);
  const bool dry = options.dry_run;
  const auto last_tick = read_last_tick(tick_state_path(workspace));
  if (!dry) report_gap(last_tick, options.now, log);
  if (!dry && mail.intake) take_in_papers(workspace, options.now, log);
  const panel::MailPlan plan = plan_tick(workspace, options.now, log);

  // A dry run does not create the outbox; it reads the one there is.
  const fs::path database = outbox_path(workspace);
  std::error_code error;
  std::optional<mailer::Outbox> outbox;
  if (!dry || fs::exists(database, error)) outbox.emplace(database);
  const std::set<std::string> done = outbox ? keys_in(*outbox) : std::set<std::string>{};
  const TickQueueInputs inputs{workspace, mail, plan, done, last_tick, options.now, dry};
  if (dry) {
    dry_run(inputs, outbox ? &*outbox : nullptr, log, result);
  } else {
    send(inputs, *outbox, log, result);
  }
  result.worst_problem = log.worst_problem();
  return result;
}

}  // namespace

TickResult run_tick(const Workspace& workspace, const TickOptions& options, EventSink& events) {
  try {
    return tick(workspace, options, events);
  } catch (const mailer::MailError& failure) {
    // The outbox database itself (opening, reading): the machine, not the office's files.
    throw OfficeError(OfficeError::Code::machine_failure, failure.what());
  }
}

}  // namespace panelpack::office
