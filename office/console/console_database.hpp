#pragma once
// The console's SQLite file (OFFICE/console/console.sqlite), opened through the shared wrapper
// (engine/storage/) in a folder only its owner may enter (0700; the file is 0600), with the
// schema brought up to date by console_schema.cpp's migrations. Internal to office/console/:
// sqlite3.h stays out of the headers a front end includes. Errors are OfficeError
// (machine_failure) naming the file.

#include <filesystem>

#include "storage/sqlite_database.hpp"

namespace panelpack::office::console {

// Opens `file`, creating it and its private folder on first use.
storage::SqliteDatabase open_console_database(const std::filesystem::path& file);

}  // namespace panelpack::office::console
