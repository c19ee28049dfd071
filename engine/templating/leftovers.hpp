#pragma once
// Temporary files and folders that say whose they are, so that the next run can remove what a
// killed run left (a kill -9 runs no destructor) without touching what a live run is writing.
// A name carries its writer's process id after its prefix ("PREFIX1234-XXXXXX") and the writer
// holds an flock on it while it exists; one is abandoned when that process is gone and nobody
// holds the lock.

#include <filesystem>
#include <string>
#include <string_view>

namespace panelpack::templating {

// "1234-": this process's id, to put after a temporary name's prefix, before mkstemp's XXXXXX.
std::string owner_tag();

// Takes the lock that says "in use" on an open file or folder; kept until its last descriptor
// closes (the process exiting, however it dies). Returns false when the lock cannot be taken.
bool mark_in_use(int fd) noexcept;

// Removes every entry of `folder` whose name starts with `prefix` that is abandoned: its
// process is gone (or, for a name without a process id, written by an older panelpack, it is
// over an hour old), nobody holds its lock, and it belongs to this user. Never throws.
void remove_abandoned(const std::filesystem::path& folder, std::string_view prefix) noexcept;

// The same for every temporary file of the atomic writer (".NAME.tmp-PID-XXXXXX", names with a
// process id only) in `folder`, once per folder per process: a render of 10,000 documents into
// one folder scans it once, not 10,000 times. Thread-safe; never throws.
void remove_abandoned_temporaries(const std::filesystem::path& folder) noexcept;

}  // namespace panelpack::templating
