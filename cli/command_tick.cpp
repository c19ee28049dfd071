// `panelpack tick`: what is due now (reminders, the pack and its circulation, escalations of
// missing papers, minutes reminders) queued in the outbox, then the outbox drained through
// the relay. cron or a systemd timer runs it every few minutes (docs/mail.md).

#include <array>
#include <filesystem>
#include <set>

#include "arguments.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"
#include "mailer/mail_error.hpp"
#include "mailer/outbox.hpp"
#include "mailer/transport.hpp"
#include "office/file_lock.hpp"
#include "office/mail/mail_settings.hpp"
#include "office/sitting_notices_file.hpp"
#include "office/tick/tick_drain.hpp"
#include "office/tick/tick_log.hpp"
#include "office/tick/tick_queue.hpp"
#include "office_arguments.hpp"

namespace panelpack::cli {
namespace {

namespace fs = std::filesystem;

const std::array<OptionSpec, 4> tick_options = {{
    {"office", '\0', true},
    {"now", '\0', true},
    {"dry-run", '\0', false},
    {"help", 'h', false},
}};

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
  log.event("the last tick ran at " + log_time(*last_tick) + ", " + gap +
            " ago: catching up what was due since");
}

// Writes what a tick would send now as .eml files; the office's outbox is only read.
void dry_run(const TickQueueInputs& inputs, mailer::Outbox* office_outbox, TickLog& log) {
  const fs::path folder = dry_run_folder(inputs.workspace);
  clear_dry_run_folder(folder);
  fs::create_directories(folder);
  // Each .eml holds the whole pack: the folder is the owner's only, even one made before.
  fs::permissions(folder, fs::perms::owner_all, fs::perm_options::replace);
  std::size_t queued = 0;
  std::size_t written = 0;
  {
    // What is due goes into a scratch outbox of the dry run's own, deleted afterwards.
    mailer::Outbox scratch(folder / ".dry-run.db");
    queued = queue_due_mail(inputs, scratch, log);
    mailer::EmlFolderTransport transport(folder);
    written = drain_outbox(scratch, transport, inputs.now, log).written;
    if (office_outbox != nullptr) {
      written += drain_outbox(*office_outbox, transport, inputs.now, log).written;
    }
  }
  std::error_code ignored;
  for (const char* suffix : {"", "-wal", "-shm", ".spool"}) {
    fs::remove_all(folder / (std::string(".dry-run.db") + suffix), ignored);
  }
  if (queued > 0 || written > 0) {
    log.event("dry run: wrote " + std::to_string(written) + " emails to " + folder.string() +
              "/; nothing was sent and the outbox is unchanged");
  }
}

// Queues what is due, sends what the outbox holds, and records when this tick ran.
void send(const TickQueueInputs& inputs, mailer::Outbox& outbox, TickLog& log) {
  const std::size_t queued = queue_due_mail(inputs, outbox, log);
  // What people have now been told, for the next change to the sitting to be measured against.
  for (const OfficeError& problem :
       record_notices(inputs.workspace, inputs.plan, keys_in(outbox))) {
    log.problem(problem.code(), problem.what());
  }
  DrainCounts counts;
  try {
    mailer::SmtpTransport transport(smtp_settings(inputs.workspace, inputs.mail));
    counts = drain_outbox(outbox, transport, inputs.now, log,
                          std::chrono::seconds{inputs.mail.smtp.drain_timeout_seconds});
  } catch (const mailer::MailError& failure) {
    log.problem(OfficeError::Code::bad_input,
                std::string("office.json /mail/smtp: ") + failure.what() +
                    "; nothing was sent, the messages wait in the outbox");
  } catch (const OfficeError& failure) {
    log.problem(failure.code(), std::string(failure.what()) +
                                    "; nothing was sent, the messages wait in the outbox");
  }
  // Sent packs need not wait in the spool: it holds OFFICIAL-SENSITIVE copies.
  outbox.prune_spool();
  write_last_tick(tick_state_path(inputs.workspace), inputs.now);
  if (log.said_anything()) {
    log.event("tick at " + log_time(inputs.now) + ": queued " + std::to_string(queued) + ", sent " +
              std::to_string(counts.sent) + ", deferred " + std::to_string(counts.deferred) +
              ", failed " + std::to_string(counts.failed));
  }
}

ExitCode tick(const Workspace& workspace, panel::UtcInstant now, bool dry) {
  const panel::MailConfig& mail = mail_config(workspace);
  // One tick at a time: a second one exits at once (busy) rather than wait behind a slow relay.
  const auto lock = FileLock::try_take(tick_lock_path(workspace));
  if (!lock) throw busy_failure(tick_lock_path(workspace));
  TickLog log;
  const auto last_tick = read_last_tick(tick_state_path(workspace));
  if (!dry) report_gap(last_tick, now, log);
  const panel::MailPlan plan = plan_tick(workspace, now, log);

  // A dry run does not create the outbox; it reads the one there is.
  const fs::path database = outbox_path(workspace);
  std::error_code error;
  std::optional<mailer::Outbox> outbox;
  if (!dry || fs::exists(database, error)) outbox.emplace(database);
  const std::set<std::string> done = outbox ? keys_in(*outbox) : std::set<std::string>{};
  const TickQueueInputs inputs{workspace, mail, plan, done, last_tick, now, dry};
  if (dry) {
    dry_run(inputs, outbox ? &*outbox : nullptr, log);
  } else {
    send(inputs, *outbox, log);
  }
  const auto worst = log.worst_problem();
  return worst ? exit_code_for(*worst) : ExitCode::success;
}

}  // namespace

ExitCode run_tick(std::span<const std::string> words) {
  const Arguments arguments = Arguments::parse(words, tick_options);
  if (!arguments.positionals().empty()) throw UsageError("tick takes no arguments, only options");
  const auto now = now_from(arguments.value("now"));
  const Workspace workspace = open_workspace(arguments.value("office"));
  try {
    return tick(workspace, now, arguments.has("dry-run"));
  } catch (const mailer::MailError& failure) {
    // The outbox database itself (opening, reading): the machine, not the office's files.
    throw CommandFailure(ExitCode::machine_failure, failure.what());
  }
}

}  // namespace panelpack::cli
