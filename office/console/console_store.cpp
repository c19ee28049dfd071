#include "office/console/console_store.hpp"

#include "office/console/console_database.hpp"
#include "office/console/console_schema.hpp"
#include "office/workspace.hpp"

namespace panelpack::office::console {
namespace {

std::vector<std::string> panel_ids_of(const Workspace& workspace) {
  std::vector<std::string> ids;
  for (const auto& panel : workspace.office().panels) ids.push_back(panel.id);
  return ids;
}

}  // namespace

panel::UtcInstant system_now() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

std::filesystem::path console_file(const std::filesystem::path& office_root) {
  return office_root / "console" / "console.sqlite";
}

ConsoleStore::ConsoleStore(const Workspace& workspace, Clock clock, ConsolePolicy policy)
    : ConsoleStore(workspace.root(), panel_ids_of(workspace), std::move(clock), policy) {}

ConsoleStore::ConsoleStore(const std::filesystem::path& office_root,
                           std::vector<std::string> panel_ids, Clock clock, ConsolePolicy policy)
    : file_(console_file(office_root)),
      panel_ids_(std::move(panel_ids)),
      clock_(std::move(clock)),
      policy_(policy),
      database_(std::make_unique<storage::SqliteDatabase>(open_console_database(file_))) {
  migrate(*database_);
}

ConsoleStore::~ConsoleStore() = default;

}  // namespace panelpack::office::console
