#include "office/console/audit.hpp"

#include "office/console/audit_csv.hpp"
#include "office/console/console_database.hpp"

namespace panelpack::office::console {
namespace {

// The query's WHERE clause; its parameters are bound by bind_filters in the same order.
std::string where_clause(const AuditQuery& query) {
  std::string where = " WHERE 1";
  if (query.from) where += " AND at >= ?";
  if (query.to) where += " AND at < ?";
  if (query.actor) where += " AND actor = ?";
  if (query.action) where += " AND action = ?";
  if (query.before_id) where += " AND id < ?";
  return where;
}

int bind_filters(storage::SqliteStatement& statement, const AuditQuery& query) {
  int index = 0;
  // The times are one fixed-width UTC format, so text order is time order.
  if (query.from) statement.bind(++index, panel::format_utc(*query.from));
  if (query.to) statement.bind(++index, panel::format_utc(*query.to));
  if (query.actor) statement.bind(++index, *query.actor);
  if (query.action) statement.bind(++index, *query.action);
  if (query.before_id) statement.bind(++index, *query.before_id);
  return index;
}

std::vector<AuditEntry> read_entries(storage::SqliteDatabase& database, const AuditQuery& query,
                                     std::int64_t limit, std::int64_t offset) {
  storage::SqliteStatement select = database.prepare(
      "SELECT id, at, actor, action, object_kind, object_id, outcome, client, detail FROM audit" +
      where_clause(query) + " ORDER BY id DESC LIMIT ? OFFSET ?");
  const int bound = bind_filters(select, query);
  select.bind(bound + 1, limit).bind(bound + 2, offset);
  std::vector<AuditEntry> entries;
  while (select.step()) {
    entries.push_back({select.integer(0), select.text(1), select.text(2), select.text(3),
                       select.text(4), select.text(5), select.text(6), select.text(7),
                       select.text(8)});
  }
  return entries;
}

}  // namespace

std::int64_t append_audit(storage::SqliteDatabase& database, panel::UtcInstant at,
                          const Actor& actor, const AuditEvent& event) {
  database
      .prepare(
          "INSERT INTO audit (at, actor, action, object_kind, object_id, outcome, client, "
          "detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
      .bind(1, panel::format_utc(at))
      .bind(2, actor.user_name.empty() ? "-" : actor.user_name)
      .bind(3, event.action)
      .bind(4, event.object_kind)
      .bind(5, event.object_id)
      .bind(6, event.outcome)
      .bind(7, actor.client.empty() ? "-" : actor.client)
      .bind(8, event.detail)
      .run();
  return database.last_insert_id();
}

std::int64_t append_audit(ConsoleStore& store, const Actor& actor, const AuditEvent& event) {
  const panel::UtcInstant now = store.now();
  return store.locked(
      [&](storage::SqliteDatabase& database) { return append_audit(database, now, actor, event); });
}

AuditPage list_audit(ConsoleStore& store, const AuditQuery& query) {
  return store.locked([&](storage::SqliteDatabase& database) {
    AuditPage page;
    // One row more than asked says whether another page follows.
    page.entries = read_entries(database, query, static_cast<std::int64_t>(query.limit) + 1,
                                static_cast<std::int64_t>(query.offset));
    page.more = page.entries.size() > query.limit;
    if (page.more) page.entries.pop_back();
    return page;
  });
}

void export_audit_csv(ConsoleStore& store, const AuditQuery& query, std::ostream& out) {
  write_audit_csv_header(out);
  AuditQuery page_query = query;
  page_query.limit = 1000;
  page_query.offset = 0;
  // Paged by id, not offset: rows appended meanwhile neither repeat nor shift a row out.
  for (;;) {
    const AuditPage page = list_audit(store, page_query);
    write_audit_csv_rows(page.entries, out);
    if (!page.more) return;
    page_query.before_id = page.entries.back().id;
  }
}

}  // namespace panelpack::office::console
