// The console's audit and its file (office/console/audit.hpp, audit_csv.hpp,
// console_store.hpp): rows appended and listed newest first with filters and pages, UPDATE and
// DELETE refused by the database itself, the CSV export's quoting and its guard against
// formulas, and the file's place, permissions, WAL journal and schema version.

#include <sys/stat.h>

#include <algorithm>
#include <sstream>

#include "console_fixture.hpp"
#include "office/console/audit.hpp"
#include "office/console/audit_csv.hpp"

namespace panelpack::testing {
namespace {

using namespace office::console;
using std::chrono::hours;

class Audit : public ConsoleTest {
 protected:
  std::int64_t append(const std::string& actor, const std::string& action,
                      const std::string& object = "permanence/2026-12-15") {
    return append_audit(store(), {actor, "10.0.0.7"}, {action, "sitting", object, "ok"});
  }
};

mode_t mode_of(const std::filesystem::path& path) {
  struct stat status {};
  EXPECT_EQ(::stat(path.c_str(), &status), 0) << path;
  return status.st_mode & 0777;
}

TEST_F(Audit, TheFileIsPrivateInWalModeWithASchemaVersion) {
  EXPECT_EQ(store().file(), root() / "console" / "console.sqlite");
  EXPECT_EQ(mode_of(root() / "console"), 0700u);
  EXPECT_EQ(mode_of(store().file()), 0600u);
  EXPECT_EQ(query("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(query("SELECT MAX(version) FROM schema_version"), "2");
  // Opening it again migrates nothing twice.
  ConsoleStore again(root(), {"permanence"});
  EXPECT_EQ(query("SELECT COUNT(*) FROM schema_version"), "2");
}

TEST_F(Audit, AFileFromANewerPanelpackIsRefused) {
  ASSERT_EQ(execute("INSERT INTO schema_version (version) VALUES (99)"), "");
  try {
    ConsoleStore newer(root(), {"permanence"});
    ADD_FAILURE() << "opened";
  } catch (const office::OfficeError& error) {
    EXPECT_EQ(error.code(), office::OfficeError::Code::machine_failure);
    EXPECT_NE(std::string(error.what()).find("schema version 99"), std::string::npos);
  }
}

TEST_F(Audit, RowsAreListedNewestFirstWithFiltersAndPages) {
  append("amy@council.example", "pack_download");
  clock().advance(hours(1));
  append("ben@council.example", "case_view", "LCS900109");
  clock().advance(hours(1));
  append("amy@council.example", "case_view", "LCS900110");

  const AuditPage all = list_audit(store(), {});
  ASSERT_EQ(all.entries.size(), 3u);
  EXPECT_FALSE(all.more);
  EXPECT_EQ(all.entries[0].object_id, "LCS900110");
  EXPECT_EQ(all.entries[0].at, "2026-12-05T11:00:00Z");
  EXPECT_EQ(all.entries[2].at, "2026-12-05T09:00:00Z");
  EXPECT_EQ(all.entries[2].client, "10.0.0.7");

  AuditQuery amy;
  amy.actor = "amy@council.example";
  EXPECT_EQ(list_audit(store(), amy).entries.size(), 2u);
  AuditQuery views;
  views.action = "case_view";
  views.from = clock().now() - hours(1);
  EXPECT_EQ(list_audit(store(), views).entries.size(), 2u);
  views.to = clock().now();
  ASSERT_EQ(list_audit(store(), views).entries.size(), 1u);
  EXPECT_EQ(list_audit(store(), views).entries[0].object_id, "LCS900109");

  AuditQuery page;
  page.limit = 2;
  const AuditPage first = list_audit(store(), page);
  EXPECT_EQ(first.entries.size(), 2u);
  EXPECT_TRUE(first.more);
  page.offset = 2;
  const AuditPage second = list_audit(store(), page);
  ASSERT_EQ(second.entries.size(), 1u);
  EXPECT_FALSE(second.more);
  EXPECT_EQ(second.entries[0].action, "pack_download");
}

TEST_F(Audit, TheDatabaseRefusesToChangeOrDeleteARow) {
  append("amy@council.example", "case_view", "LCS900109");
  EXPECT_NE(execute("UPDATE audit SET actor = 'someone else'").find("append-only"),
            std::string::npos);
  EXPECT_NE(execute("DELETE FROM audit").find("append-only"), std::string::npos);
  EXPECT_EQ(query("SELECT COUNT(*) || ' ' || actor FROM audit"), "1 amy@council.example");
}

TEST_F(Audit, CsvCellsAreQuotedAndFormulasDisarmed) {
  EXPECT_EQ(csv_cell("plain"), "plain");
  EXPECT_EQ(csv_cell("-"), "-");
  EXPECT_EQ(csv_cell(""), "");
  EXPECT_EQ(csv_cell("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(csv_cell("+1"), "'+1");
  EXPECT_EQ(csv_cell("-2+3"), "'-2+3");
  EXPECT_EQ(csv_cell("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(csv_cell("\tx"), "'\tx");
  EXPECT_EQ(csv_cell("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_cell("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_cell("=1,2"), "\"'=1,2\"");
}

TEST_F(Audit, TheCsvExportHasAHeaderAndOneCrlfLinePerRowNewestFirst) {
  append("amy@council.example", "case_view", "LCS900109");
  append_audit(store(), {"-", "cli:root"}, {"account_add", "user", "=cmd|' /C calc'!A0", "ok"});
  std::ostringstream csv;
  export_audit_csv(store(), {}, csv);
  EXPECT_EQ(csv.str(),
            "id,time,actor,action,object_kind,object_id,outcome,client,detail\r\n"
            "2,2026-12-05T09:00:00Z,-,account_add,user,'=cmd|' /C calc'!A0,ok,cli:root,\r\n"
            "1,2026-12-05T09:00:00Z,amy@council.example,case_view,sitting,LCS900109,ok,"
            "10.0.0.7,\r\n");
}

TEST_F(Audit, TheExportReadsEveryRowPastOnePage) {
  for (int i = 0; i < 1005; ++i) append("amy@council.example", "case_view", std::to_string(i));
  AuditQuery query;
  query.limit = 3;  // ignored: the export has every row
  std::ostringstream csv;
  export_audit_csv(store(), query, csv);
  const std::string text = csv.str();
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 1006);
  EXPECT_NE(text.find("\r\n1,"), std::string::npos);
}

}  // namespace
}  // namespace panelpack::testing
