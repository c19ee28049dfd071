#pragma once
// One run of soffice converting files to PDF: started without a shell in a process group of its
// own, watched until it exits or stalls, and ended with its whole group. Internal to engine/pdf.

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace panelpack::pdf::detail {

// While any conversion runs, this process adopts orphans (Linux's child subreaper), so the
// soffice.bin of a killed group is reaped here even where PID 1 reaps nothing (containers).
class SubreaperScope {
 public:
  SubreaperScope();
  ~SubreaperScope();
  SubreaperScope(const SubreaperScope&) = delete;
  SubreaperScope& operator=(const SubreaperScope&) = delete;
};

// What one soffice run is given: its profile, its output folder, its stderr log and the inputs
// (absolute paths, so none looks like an option or a URL).
struct SofficeCall {
  std::filesystem::path soffice;
  std::filesystem::path profile;
  std::filesystem::path output;
  std::filesystem::path stderr_log;
  std::vector<std::filesystem::path> inputs;
};

// How a run ended.
struct SofficeExit {
  bool started = false;
  std::string start_error;  // why it could not start, when !started
  bool timed_out = false;   // killed (with its group) after `timeout` without progress
  int status = 0;           // the leader's wait status, when it exited by itself
};

// Runs soffice and waits. `made_progress` is asked every so often while it runs; each true
// answer restarts the timeout, so a run converting several files gets `timeout` for each.
// Whatever is left of the group afterwards is killed and reaped.
SofficeExit run_soffice(const SofficeCall& call, std::chrono::seconds timeout,
                        const std::function<bool()>& made_progress);

// The last "Error…" line of a stderr log, else its last line ("" when it is empty).
std::string read_last_line(const std::filesystem::path& log);

}  // namespace panelpack::pdf::detail
