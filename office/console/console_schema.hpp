#pragma once
// The tables of the console's SQLite file and the migrations that make them: version 1 is
// accounts, their panels, sessions and the append-only audit (docs/console.md, "Accounts,
// sessions and audit"). A later issue adds version 2 as one more entry in the list.

#include "office/console/console_database.hpp"

namespace panelpack::office::console {

// The version this panelpack writes.
int console_schema_version();

// Applies every migration the file has not had yet, each in its own transaction, and records it
// in schema_version. Throws OfficeError (machine_failure) for a file a newer panelpack wrote.
void migrate(storage::SqliteDatabase& database);

}  // namespace panelpack::office::console
