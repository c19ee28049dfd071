#include "mailer/outbox.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <string_view>
#include <system_error>
#include <utility>

#include "mailer/mail_error.hpp"
#include "mailer/sqlite_database.hpp"
#include "text/sha256.hpp"

namespace panelpack::mailer {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// 2 added unknown_outcomes.
constexpr int kSchemaVersion = 2;
constexpr std::size_t kMaxKey = 1000;
constexpr std::size_t kMaxStoredReply = 1000;

constexpr std::string_view kSchema = R"sql(
CREATE TABLE IF NOT EXISTS outbox (
  id INTEGER PRIMARY KEY,
  idempotency_key TEXT NOT NULL UNIQUE,
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  message_id TEXT NOT NULL,
  message TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed_temporary',
                                       'failed_permanent', 'cancelled')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_smtp_code INTEGER NOT NULL DEFAULT 0,
  last_reply TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  give_up_from INTEGER NOT NULL,
  sent_at INTEGER,
  resent_after_crash INTEGER NOT NULL DEFAULT 0,
  unknown_outcomes INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS outbox_due ON outbox (state, next_attempt_at);
CREATE TABLE IF NOT EXISTS outbox_attempts (
  id INTEGER PRIMARY KEY,
  row_id INTEGER NOT NULL REFERENCES outbox (id),
  idempotency_key TEXT NOT NULL,
  at INTEGER NOT NULL,
  outcome TEXT NOT NULL,
  smtp_code INTEGER NOT NULL DEFAULT 0,
  reply TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS outbox_attempts_row ON outbox_attempts (row_id);
)sql";

constexpr std::array<OutboxState, 6> kAllStates = {
    OutboxState::queued,           OutboxState::sending,          OutboxState::sent,
    OutboxState::failed_temporary, OutboxState::failed_permanent, OutboxState::cancelled};

// Times are stored as Unix seconds (UTC).
std::int64_t to_seconds(TimePoint time) {
  return std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
}
TimePoint from_seconds(std::int64_t seconds) {
  return TimePoint(std::chrono::duration_cast<TimePoint::duration>(std::chrono::seconds(seconds)));
}

std::string bounded(std::string text) {
  if (text.size() > kMaxStoredReply) text.resize(kMaxStoredReply);
  return text;
}

// ---- the spool ----

struct SpooledFile {
  std::string sha256;
  std::uint64_t size = 0;
};

// SHA-256 of a file, read in chunks.
SpooledFile hash_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw MailError("attachment_unreadable", file.string(), "cannot read the file");
  text::Sha256 digest;
  SpooledFile result;
  std::string chunk(64 * 1024, '\0');
  while (in) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    const auto got = static_cast<std::size_t>(in.gcount());
    if (in.bad()) throw MailError("attachment_unreadable", file.string(), "reading failed");
    digest.update(std::string_view(chunk).substr(0, got));
    result.size += got;
  }
  result.sha256 = digest.finish_hex();
  return result;
}

// A file on its way into the spool, named before its hash is known.
constexpr std::string_view kIncomingPrefix = ".incoming-";

// True for the name hash_file gives a spooled file: 64 lower-case hex digits.
bool is_sha256_name(std::string_view name) {
  return name.size() == 64 && std::all_of(name.begin(), name.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

// Removes a half-made spool file unless it was renamed into place.
class IncomingFile {
 public:
  explicit IncomingFile(fs::path path) : path_(std::move(path)) {}
  ~IncomingFile() {
    if (!path_.empty()) {
      std::error_code ignored;
      fs::remove(path_, ignored);
    }
  }
  IncomingFile(const IncomingFile&) = delete;
  IncomingFile& operator=(const IncomingFile&) = delete;
  const fs::path& path() const noexcept { return path_; }
  void keep() noexcept { path_.clear(); }

 private:
  fs::path path_;
};

void sync_file(const fs::path& file) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

void copy_streaming(const fs::path& from, const fs::path& to) {
  std::ifstream in(from, std::ios::binary);
  if (!in) {
    throw MailError("attachment_unreadable", from.string(),
                    "cannot read the attachment to queue it");
  }
  std::ofstream out(to, std::ios::binary | std::ios::trunc);
  std::string chunk(64 * 1024, '\0');
  while (in && out) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    out.write(chunk.data(), in.gcount());
  }
  out.close();
  if (in.bad() || !out) {
    throw MailError("spool_failed", to.string(), "cannot copy the attachment into the spool");
  }
  sync_file(to);
}

// Puts the file's current content into the spool as SPOOL/<sha256>: a hard link when the
// file system allows (atomic replacements and deletions of the original then do not touch it),
// a copy otherwise. The link is made before hashing, so the hash is of what was kept.
SpooledFile spool_attachment(const fs::path& source, const fs::path& spool) {
  std::error_code error;
  if (!fs::is_regular_file(source, error)) {
    throw MailError("attachment_unreadable", source.string(),
                    "the attachment is not a readable file");
  }
  // The spool holds what the messages carry: readable by the owner only.
  fs::create_directories(spool);  // even one made before, by an older panelpack:
  fs::permissions(spool, fs::perms::owner_all, fs::perm_options::replace);
  std::random_device random;
  IncomingFile incoming(spool / (std::string(kIncomingPrefix) + std::to_string(random()) + "-" +
                                 std::to_string(random())));
  if (::link(source.c_str(), incoming.path().c_str()) != 0) {
    copy_streaming(source, incoming.path());
  }
  SpooledFile spooled = hash_file(incoming.path());
  fs::rename(incoming.path(), spool / spooled.sha256, error);
  if (error) {
    throw MailError("spool_failed", (spool / spooled.sha256).string(),
                    "cannot put the attachment into the spool: " + error.message());
  }
  // When the same file was spooled before, both names are links to one inode and rename()
  // does nothing: the incoming name is left, and its destructor removes it.
  if (!fs::exists(incoming.path(), error)) incoming.keep();
  return spooled;
}

// ---- messages as stored ----

json address_json(const Address& address) {
  return json{{"name", address.name}, {"email", address.email}};
}

Address address_from(const json& value) {
  return Address{value.at("name").get<std::string>(), value.at("email").get<std::string>()};
}

json addresses_json(const std::vector<Address>& addresses) {
  json list = json::array();
  for (const Address& address : addresses) list.push_back(address_json(address));
  return list;
}

std::vector<Address> addresses_from(const json& list) {
  std::vector<Address> addresses;
  for (const json& value : list) addresses.push_back(address_from(value));
  return addresses;
}

// The message with its attachments as spool entries (sha256, name, type), as JSON text.
std::string message_json(const Message& message, const std::vector<SpooledFile>& spooled) {
  json stored{{"from", address_json(message.from)},
              {"to", addresses_json(message.to)},
              {"cc", addresses_json(message.cc)},
              {"subject", message.subject},
              {"text", message.text},
              {"html", message.html},
              {"message_id", message.message_id}};
  if (message.reply_to) stored["reply_to"] = address_json(*message.reply_to);
  json attachments = json::array();
  for (std::size_t i = 0; i < message.attachments.size(); ++i) {
    const Attachment& attachment = message.attachments[i];
    attachments.push_back(
        {{"sha256", spooled[i].sha256},
         {"size", spooled[i].size},
         {"filename",
          attachment.filename.empty() ? attachment.file.filename().string() : attachment.filename},
         {"content_type", attachment.content_type}});
  }
  stored["attachments"] = attachments;
  json headers = json::array();
  for (const auto& [name, value] : message.extra_headers) headers.push_back({name, value});
  stored["extra_headers"] = headers;
  // Invalid UTF-8 is replaced rather than refused; write_mime would replace it anyway.
  return stored.dump(-1, ' ', false, json::error_handler_t::replace);
}

struct StoredAttachment {
  std::string sha256;
};

Message message_from(const std::string& text, const fs::path& spool,
                     std::vector<StoredAttachment>& stored_attachments) {
  const json stored = json::parse(text);
  Message message;
  message.from = address_from(stored.at("from"));
  message.to = addresses_from(stored.at("to"));
  message.cc = addresses_from(stored.at("cc"));
  if (stored.contains("reply_to")) message.reply_to = address_from(stored.at("reply_to"));
  message.subject = stored.at("subject").get<std::string>();
  message.text = stored.at("text").get<std::string>();
  message.html = stored.at("html").get<std::string>();
  message.message_id = stored.at("message_id").get<std::string>();
  for (const json& attachment : stored.at("attachments")) {
    const std::string sha = attachment.at("sha256").get<std::string>();
    message.attachments.push_back(Attachment{spool / sha,
                                             attachment.at("filename").get<std::string>(),
                                             attachment.at("content_type").get<std::string>()});
    stored_attachments.push_back(StoredAttachment{sha});
  }
  for (const json& header : stored.at("extra_headers")) {
    message.extra_headers.emplace_back(header.at(0).get<std::string>(),
                                       header.at(1).get<std::string>());
  }
  return message;
}

// A row claimed for sending.
struct ClaimedRow {
  std::int64_t id = 0;
  std::string key;
  std::string recipient;
  std::string message;
  int attempts = 0;  // including this one
  std::int64_t give_up_from = 0;
  int unknown_outcomes = 0;  // before this attempt
};

}  // namespace

const char* to_string(OutboxState state) {
  switch (state) {
    case OutboxState::queued:
      return "queued";
    case OutboxState::sending:
      return "sending";
    case OutboxState::sent:
      return "sent";
    case OutboxState::failed_temporary:
      return "failed_temporary";
    case OutboxState::failed_permanent:
      return "failed_permanent";
    case OutboxState::cancelled:
      return "cancelled";
  }
  return "unknown";
}

std::optional<OutboxState> parse_outbox_state(std::string_view text) {
  for (const OutboxState state : kAllStates) {
    if (text == to_string(state)) return state;
  }
  return std::nullopt;
}

struct Outbox::State {
  SqliteDatabase database;
  fs::path spool;
  OutboxPolicy policy;
  // How list() reads the count of unknown outcomes: a read-only outbox of schema 1 has none.
  std::string unknown_outcomes_column = "unknown_outcomes";

  State(const fs::path& file, OutboxPolicy chosen)
      : database(file), spool(fs::path(file).concat(".spool")), policy(chosen) {
    SqliteTransaction transaction(database);
    const std::int64_t found = schema_version();
    database.execute(kSchema);
    if (found == 1) {
      database.execute(
          "ALTER TABLE outbox ADD COLUMN unknown_outcomes INTEGER NOT NULL DEFAULT 0;"
          "UPDATE outbox SET unknown_outcomes = 1 WHERE resent_after_crash = 1");
    }
    database.execute("PRAGMA user_version = " + std::to_string(kSchemaVersion));
    transaction.commit();
  }

  State(const fs::path& file, ReadOnly)
      : database(SqliteDatabase::open_read_only(file)), spool(fs::path(file).concat(".spool")) {
    if (schema_version() < 2) unknown_outcomes_column = "resent_after_crash";
  }

  std::int64_t schema_version() {
    SqliteStatement version = database.prepare("PRAGMA user_version");
    version.step();
    const std::int64_t found = version.integer(0);
    if (found > kSchemaVersion) {
      throw MailError(
          "outbox_database", database.path(),
          "the outbox was written by a newer panelpack (schema " + std::to_string(found) + ")");
    }
    return found;
  }

  void audit(std::int64_t row_id, const std::string& key, std::int64_t at, std::string_view outcome,
             int code, const std::string& reply) {
    database
        .prepare(
            "INSERT INTO outbox_attempts (row_id, idempotency_key, at, outcome, smtp_code, reply) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        .bind(1, row_id)
        .bind(2, key)
        .bind(3, at)
        .bind(4, outcome)
        .bind(5, std::int64_t{code})
        .bind(6, bounded(reply))
        .run();
  }

  // Rows a dead process left "sending" have an unknown outcome: they go back to the queue,
  // marked, and are sent again, unless this row's outcome was unknown too often already.
  std::size_t recover_interrupted(std::int64_t now) {
    SqliteTransaction transaction(database);
    SqliteStatement stale = database.prepare(
        "SELECT id, idempotency_key, unknown_outcomes FROM outbox WHERE state = 'sending'");
    struct Stale {
      std::int64_t id;
      std::string key;
      std::int64_t unknown_outcomes;
    };
    std::vector<Stale> rows;
    while (stale.step()) rows.push_back({stale.integer(0), stale.text(1), stale.integer(2) + 1});
    for (const Stale& row : rows) {
      const bool resend = row.unknown_outcomes < kMostUnknownOutcomes;
      const std::string note =
          resend ? "interrupted while sending (the process ended); sent again: the server may "
                   "have accepted the first attempt"
                 : not_resent_note(row.unknown_outcomes, "interrupted while sending");
      database
          .prepare(
              "UPDATE outbox SET state = ?4, resent_after_crash = 1, unknown_outcomes = ?5, "
              "next_attempt_at = ?2, last_smtp_code = 0, last_reply = ?3 WHERE id = ?1")
          .bind(1, row.id)
          .bind(2, now)
          .bind(3, note)
          .bind(4, std::string_view(resend ? "queued" : "failed_permanent"))
          .bind(5, row.unknown_outcomes)
          .run();
      audit(row.id, row.key, now, "interrupted", 0, note);
    }
    transaction.commit();
    return rows.size();
  }

  // Why a row whose outcome was unknown `times` times is not sent again by itself.
  static std::string not_resent_note(std::int64_t times, const std::string& what) {
    return what + "; the outcome of " + std::to_string(times) +
           " attempts is unknown, so it may have been delivered (perhaps more than once): not "
           "sent again; `panelpack outbox retry` sends it once more";
  }

  // Due rows (what a drain would still send now).
  std::size_t count_due(std::int64_t now) {
    SqliteStatement due = database.prepare(
        "SELECT COUNT(*) FROM outbox WHERE state IN ('queued', 'failed_temporary') "
        "AND next_attempt_at <= ?1");
    due.bind(1, now);
    due.step();
    return static_cast<std::size_t>(due.integer(0));
  }

  std::optional<ClaimedRow> claim_next(std::int64_t now) {
    SqliteTransaction transaction(database);
    SqliteStatement due = database.prepare(
        "SELECT id, idempotency_key, recipient, message, attempts, give_up_from, "
        "unknown_outcomes FROM outbox "
        "WHERE state IN ('queued', 'failed_temporary') AND next_attempt_at <= ?1 "
        "ORDER BY next_attempt_at, id LIMIT 1");
    due.bind(1, now);
    if (!due.step()) return std::nullopt;
    ClaimedRow row{due.integer(0),
                   due.text(1),
                   due.text(2),
                   due.text(3),
                   static_cast<int>(due.integer(4)) + 1,
                   due.integer(5),
                   static_cast<int>(due.integer(6))};
    database.prepare("UPDATE outbox SET state = 'sending', attempts = attempts + 1 WHERE id = ?1")
        .bind(1, row.id)
        .run();
    transaction.commit();
    return row;
  }

  std::chrono::minutes backoff(int attempts) const {
    std::chrono::minutes delay = policy.first_retry;
    for (int i = 1; i < attempts && delay < policy.longest_retry; ++i) delay *= 2;
    return std::min(delay, policy.longest_retry);
  }

  // Records what one attempt came to. Returns the state the row is now in.
  OutboxState record(const ClaimedRow& row, const SendResult& result, std::int64_t now) {
    OutboxState state = OutboxState::failed_permanent;
    std::string outcome = to_string(result.outcome);
    std::string reply = result.reply;
    std::int64_t next = now;
    int unknown_outcomes = row.unknown_outcomes;
    switch (result.outcome) {
      case SendResult::Outcome::delivered:
        state = OutboxState::sent;
        break;
      case SendResult::Outcome::permanent_failure:
        state = OutboxState::failed_permanent;
        break;
      case SendResult::Outcome::unknown:
        // Sent again (flagged as a possible duplicate) as a temporary failure would be: losing
        // a pack is worse than a visible second copy; but never more than a few times.
        ++unknown_outcomes;
        if (unknown_outcomes >= kMostUnknownOutcomes) {
          state = OutboxState::failed_permanent;
          reply = not_resent_note(unknown_outcomes, reply);
          break;
        }
        [[fallthrough]];
      case SendResult::Outcome::temporary_failure:
        if (now - row.give_up_from >=
            std::chrono::duration_cast<std::chrono::seconds>(policy.give_up_after).count()) {
          state = OutboxState::failed_permanent;
          if (result.outcome != SendResult::Outcome::unknown) outcome = "gave_up";
          reply = "gave up after " + std::to_string(row.attempts) + " attempts: " + reply;
        } else {
          state = OutboxState::failed_temporary;
          next =
              now + std::chrono::duration_cast<std::chrono::seconds>(backoff(row.attempts)).count();
        }
        break;
    }
    SqliteTransaction transaction(database);
    SqliteStatement update = database.prepare(
        "UPDATE outbox SET state = ?2, next_attempt_at = ?3, last_smtp_code = ?4, "
        "last_reply = ?5, sent_at = ?6, unknown_outcomes = ?7 WHERE id = ?1");
    update.bind(1, row.id)
        .bind(2, to_string(state))
        .bind(3, next)
        .bind(4, std::int64_t{result.smtp_code})
        .bind(5, bounded(reply))
        .bind(7, std::int64_t{unknown_outcomes});
    if (state == OutboxState::sent) {
      update.bind(6, now);
    } else {
      update.bind_null(6);
    }
    update.run();
    audit(row.id, row.key, now, outcome, result.smtp_code, reply);
    transaction.commit();
    return state;
  }

  // A session-level failure: the row goes back to the queue, due at once, with the attempt
  // recorded, so the next drain after the fix sends it.
  void record_session_error(const ClaimedRow& row, const std::string& message, std::int64_t now) {
    SqliteTransaction transaction(database);
    database
        .prepare(
            "UPDATE outbox SET state = 'queued', next_attempt_at = ?2, last_smtp_code = 0, "
            "last_reply = ?3 WHERE id = ?1")
        .bind(1, row.id)
        .bind(2, now)
        .bind(3, bounded(message))
        .run();
    audit(row.id, row.key, now, "session_error", 0, message);
    transaction.commit();
  }

  // Spool files must still hold what was queued (a hard-linked original edited in place
  // would not).
  std::string changed_attachment(const std::vector<StoredAttachment>& attachments) const {
    for (const StoredAttachment& attachment : attachments) {
      const fs::path file = spool / attachment.sha256;
      try {
        if (hash_file(file).sha256 != attachment.sha256) {
          return "the spooled attachment " + file.string() +
                 " changed after it was queued (its original was edited in place)";
        }
      } catch (const MailError&) {
        return "the spooled attachment " + file.string() + " is missing";
      }
    }
    return {};
  }

  DrainReport dry_run(Transport& transport, std::int64_t now, std::size_t limit) {
    DrainReport report;
    SqliteStatement due = database.prepare(
        "SELECT recipient, message FROM outbox WHERE state = 'sending' OR "
        "(state IN ('queued', 'failed_temporary') AND next_attempt_at <= ?1) "
        "ORDER BY next_attempt_at, id LIMIT ?2");
    due.bind(1, now).bind(2, static_cast<std::int64_t>(
                                 std::min<std::size_t>(limit, std::numeric_limits<int>::max())));
    std::vector<std::pair<std::string, std::string>> rows;
    while (due.step()) rows.emplace_back(due.text(0), due.text(1));
    for (const auto& [recipient, text] : rows) {
      std::vector<StoredAttachment> attachments;
      const Message message = message_from(text, spool, attachments);
      try {
        transport.send(message, message.from.email, recipient);
        ++report.written;
      } catch (const MailError& error) {
        report.stopped_code = error.code();
        report.stopped_message = error.what();
        break;
      }
    }
    return report;
  }
};

Outbox::Outbox(const fs::path& database, OutboxPolicy policy)
    : state_(std::make_unique<State>(database, policy)) {}

Outbox::Outbox(const fs::path& database, ReadOnly)
    : state_(std::make_unique<State>(database, ReadOnly{})) {}

Outbox Outbox::open_read_only(const fs::path& database) {
  return Outbox(database, ReadOnly{});
}

Outbox::~Outbox() = default;
Outbox::Outbox(Outbox&&) noexcept = default;
Outbox& Outbox::operator=(Outbox&&) noexcept = default;

const fs::path& Outbox::spool_folder() const noexcept {
  return state_->spool;
}

std::size_t Outbox::prune_spool() {
  std::set<std::string> still_needed;
  SqliteStatement rows = state_->database.prepare(
      "SELECT message FROM outbox "
      "WHERE state IN ('queued', 'sending', 'failed_temporary', 'failed_permanent')");
  try {
    while (rows.step()) {
      const json message = json::parse(rows.text(0));  // named: it must outlive the loop
      for (const json& attachment : message.at("attachments")) {
        still_needed.insert(attachment.at("sha256").get<std::string>());
      }
    }
  } catch (const json::exception&) {
    return 0;  // a row that cannot be read might need any file: keep them all
  }
  std::size_t removed = 0;
  std::error_code error;
  for (const fs::directory_entry& entry : fs::directory_iterator(state_->spool, error)) {
    const std::string name = entry.path().filename().string();
    // Spooled files (named by their SHA-256) no row needs, and what a queue() killed half-way
    // left; anything else there is not ours to remove.
    const bool unneeded = is_sha256_name(name) && !still_needed.contains(name);
    if (!unneeded && !name.starts_with(kIncomingPrefix)) continue;
    std::error_code not_removed;
    if (fs::remove(entry.path(), not_removed)) ++removed;
  }
  return removed;
}

QueueResult Outbox::queue(std::string_view idempotency_key, const Address& recipient,
                          Message message, std::span<const std::string> allowed_domains,
                          TimePoint now) {
  if (idempotency_key.empty() || idempotency_key.size() > kMaxKey) {
    throw MailError("invalid_key", std::string(idempotency_key.substr(0, 80)),
                    "an idempotency key must be 1 to 1000 characters");
  }
  validate_address(recipient.email);
  if (message.to.empty()) message.to.push_back(recipient);
  const auto check_allowed = [&](const Address& address) {
    validate_address(address.email);
    if (!domain_allowed(address.email, allowed_domains)) {
      std::string domains;
      for (const std::string& domain : allowed_domains) {
        domains += (domains.empty() ? "" : ", ") + domain;
      }
      throw MailError("recipient_not_allowed", address.email,
                      "mail may go only to addresses in " + domains +
                          " (and their subdomains); nothing was queued");
    }
  };
  check_allowed(recipient);
  for (const Address& address : message.to) check_allowed(address);
  for (const Address& address : message.cc) check_allowed(address);
  validate_message(message);

  SqliteDatabase& database = state_->database;
  const auto existing = [&]() -> std::optional<std::int64_t> {
    SqliteStatement find = database.prepare("SELECT id FROM outbox WHERE idempotency_key = ?1");
    find.bind(1, idempotency_key);
    if (find.step()) return find.integer(0);
    return std::nullopt;
  };
  if (const auto id = existing()) return QueueResult{*id, true};

  if (message.message_id.empty()) {
    message.message_id = make_message_id(email_domain(message.from.email));
  }
  std::vector<SpooledFile> spooled;
  for (const Attachment& attachment : message.attachments) {
    spooled.push_back(spool_attachment(attachment.file, state_->spool));
  }
  const std::string stored = message_json(message, spooled);
  const std::int64_t at = to_seconds(now);

  SqliteTransaction transaction(database);
  database
      .prepare(
          "INSERT INTO outbox (idempotency_key, recipient, subject, message_id, message, state, "
          "next_attempt_at, created_at, give_up_from) "
          "VALUES (?1, ?2, ?3, ?4, ?5, 'queued', ?6, ?6, ?6) "
          "ON CONFLICT (idempotency_key) DO NOTHING")
      .bind(1, idempotency_key)
      .bind(2, recipient.email)
      .bind(3, message.subject)
      .bind(4, message.message_id)
      .bind(5, stored)
      .bind(6, at)
      .run();
  // Another process may have queued the same key between the look-up and the insert.
  const bool inserted = database.changes() == 1;
  const std::int64_t id = inserted ? database.last_insert_id() : existing().value_or(0);
  transaction.commit();
  return QueueResult{id, !inserted};
}

DrainReport Outbox::drain(Transport& transport, TimePoint now, std::size_t limit,
                          std::chrono::steady_clock::duration time_budget) {
  const auto started = std::chrono::steady_clock::now();
  const std::int64_t at = to_seconds(now);
  if (transport.dry_run()) return state_->dry_run(transport, at, limit);

  DrainReport report;
  report.recovered_after_crash = state_->recover_interrupted(at);
  while (report.attempted < limit) {
    if (std::chrono::steady_clock::now() - started >= time_budget) {
      report.cut_short = "time_budget";
      break;
    }
    const std::optional<ClaimedRow> row = state_->claim_next(at);
    if (!row) break;
    ++report.attempted;

    // A fault found before sending (unreadable stored message, changed attachment) is
    // permanent for the row; the transport is not asked.
    std::optional<SendResult> result;
    std::vector<StoredAttachment> attachments;
    Message message;
    try {
      message = message_from(row->message, state_->spool, attachments);
      if (const std::string changed = state_->changed_attachment(attachments); !changed.empty()) {
        result = SendResult{SendResult::Outcome::permanent_failure, 0, changed};
      }
    } catch (const std::exception& error) {
      result = SendResult{SendResult::Outcome::permanent_failure, 0,
                          std::string("the stored message cannot be read: ") + error.what()};
    }
    if (!result) {
      try {
        result = transport.send(message, message.from.email, row->recipient);
      } catch (const MailError& error) {
        if (error.temporary()) {
          result = SendResult{SendResult::Outcome::temporary_failure, 0, error.what()};
        } else if (error.session_level()) {
          state_->record_session_error(*row, error.what(), at);
          report.stopped_code = error.code();
          report.stopped_message = error.what();
          break;
        } else {
          result = SendResult{SendResult::Outcome::permanent_failure, 0, error.what()};
        }
      } catch (const std::exception& error) {
        state_->record_session_error(*row, error.what(), at);
        report.stopped_code = "transport_error";
        report.stopped_message = error.what();
        break;
      }
    }
    switch (state_->record(*row, *result, at)) {
      case OutboxState::sent:
        ++report.delivered;
        break;
      case OutboxState::failed_temporary:
        ++report.deferred;
        break;
      default:
        ++report.failed_permanent;
        break;
    }
    if (result->outcome == SendResult::Outcome::unknown) ++report.unknown_outcomes;
    // A hung relay would make every further message wait the whole read timeout too.
    if (result->timed_out) {
      report.cut_short = "relay_timeout";
      break;
    }
  }
  if (report.stopped() || !report.cut_short.empty()) report.left_due = state_->count_due(at);
  return report;
}

std::vector<OutboxRow> Outbox::list(const OutboxFilter& filter) const {
  SqliteStatement select = state_->database.prepare(
      "SELECT id, idempotency_key, recipient, subject, message_id, state, attempts, created_at, "
      "next_attempt_at, sent_at, last_smtp_code, last_reply, resent_after_crash, " +
      state_->unknown_outcomes_column +
      " FROM outbox WHERE (?1 IS NULL OR state = ?1) "
      "AND substr(idempotency_key, 1, length(?2)) = ?2 ORDER BY id");
  if (filter.state) {
    select.bind(1, std::string_view(to_string(*filter.state)));
  } else {
    select.bind_null(1);
  }
  select.bind(2, filter.key_prefix);
  std::vector<OutboxRow> rows;
  while (select.step()) {
    OutboxRow row;
    row.id = select.integer(0);
    row.idempotency_key = select.text(1);
    row.recipient = select.text(2);
    row.subject = select.text(3);
    row.message_id = select.text(4);
    row.state = parse_outbox_state(select.text(5)).value_or(OutboxState::queued);
    row.attempts = static_cast<int>(select.integer(6));
    row.created_at = from_seconds(select.integer(7));
    row.next_attempt_at = from_seconds(select.integer(8));
    if (!select.is_null(9)) row.sent_at = from_seconds(select.integer(9));
    row.last_smtp_code = static_cast<int>(select.integer(10));
    row.last_reply = select.text(11);
    row.resent_after_crash = select.integer(12) != 0;
    row.unknown_outcomes = static_cast<int>(select.integer(13));
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<AttemptRecord> Outbox::attempts(std::int64_t row_id) const {
  SqliteStatement select = state_->database.prepare(
      "SELECT row_id, idempotency_key, at, outcome, smtp_code, reply FROM outbox_attempts "
      "WHERE row_id = ?1 ORDER BY id");
  select.bind(1, row_id);
  std::vector<AttemptRecord> records;
  while (select.step()) {
    records.push_back(AttemptRecord{select.integer(0), select.text(1),
                                    from_seconds(select.integer(2)), select.text(3),
                                    static_cast<int>(select.integer(4)), select.text(5)});
  }
  return records;
}

std::map<OutboxState, std::size_t> Outbox::counts() const {
  std::map<OutboxState, std::size_t> counts;
  for (const OutboxState state : kAllStates) counts[state] = 0;
  SqliteStatement select =
      state_->database.prepare("SELECT state, COUNT(*) FROM outbox GROUP BY state");
  while (select.step()) {
    if (const auto state = parse_outbox_state(select.text(0))) {
      counts[*state] = static_cast<std::size_t>(select.integer(1));
    }
  }
  return counts;
}

std::size_t Outbox::retry(std::int64_t id, TimePoint now) {
  SqliteTransaction transaction(state_->database);
  state_->database
      .prepare(
          "UPDATE outbox SET state = 'queued', next_attempt_at = ?2, give_up_from = ?2 "
          "WHERE id = ?1 AND state IN ('failed_temporary', 'failed_permanent')")
      .bind(1, id)
      .bind(2, to_seconds(now))
      .run();
  const auto changed = static_cast<std::size_t>(state_->database.changes());
  transaction.commit();
  return changed;
}

std::size_t Outbox::retry_failed(TimePoint now) {
  SqliteTransaction transaction(state_->database);
  state_->database
      .prepare(
          "UPDATE outbox SET state = 'queued', next_attempt_at = ?1, give_up_from = ?1 "
          "WHERE state IN ('failed_temporary', 'failed_permanent')")
      .bind(1, to_seconds(now))
      .run();
  const auto changed = static_cast<std::size_t>(state_->database.changes());
  transaction.commit();
  return changed;
}

std::size_t Outbox::cancel(std::int64_t id) {
  SqliteTransaction transaction(state_->database);
  state_->database
      .prepare(
          "UPDATE outbox SET state = 'cancelled' WHERE id = ?1 "
          "AND state IN ('queued', 'failed_temporary', 'failed_permanent')")
      .bind(1, id)
      .run();
  const auto changed = static_cast<std::size_t>(state_->database.changes());
  transaction.commit();
  return changed;
}

std::size_t Outbox::cancel_by_key_prefix(std::string_view key_prefix) {
  if (key_prefix.empty()) {
    throw MailError("invalid_key", "",
                    "cancelling by key needs a prefix (an empty one would "
                    "cancel everything)");
  }
  SqliteTransaction transaction(state_->database);
  state_->database
      .prepare(
          "UPDATE outbox SET state = 'cancelled' "
          "WHERE substr(idempotency_key, 1, length(?1)) = ?1 "
          "AND state IN ('queued', 'failed_temporary', 'failed_permanent')")
      .bind(1, key_prefix)
      .run();
  const auto changed = static_cast<std::size_t>(state_->database.changes());
  transaction.commit();
  return changed;
}

}  // namespace panelpack::mailer
