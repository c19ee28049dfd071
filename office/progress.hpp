#pragma once
// What a long operation tells its caller while it runs, through interfaces the caller supplies:
// the command line draws a bar on stderr, a server streams to a browser, a test records them.
// The office itself never writes to stdout or stderr.

#include <cstddef>
#include <string>
#include <string_view>

#include "office/error.hpp"

namespace panelpack::office {

// The steps of one stage of work ("converting to PDF", "packing"), as they are done.
class ProgressSink {
 public:
  virtual ~ProgressSink() = default;
  // A stage of `total` items starts.
  virtual void begin(std::string_view stage, std::size_t total) = 0;
  // One more item of the current stage is done. May be called from several threads at once.
  virtual void advance() = 0;
  // The current stage is over.
  virtual void finish() = 0;
};

// Something that happened to the office. It names sittings, cases and mails by id only: case
// content is OFFICIAL-SENSITIVE and never travels in an event.
struct OfficeEvent {
  enum class Kind {
    pack_built,     // a sitting's pack was built
    pack_reused,    // a sitting's pack was already up to date
    mail_queued,    // a mail was put in the outbox
    mail_sent,      // the relay accepted a mail
    problem,        // something went wrong and was dealt with; the run goes on
    mail_deferred,  // the relay put a mail off (or its outcome is unknown): it is tried again
    mail_skipped,   // a mail's moment passed before it could be queued: it is not sent
    note,           // anything else a run says: catching up, a pack rebuilt, a tick's summary
  };
  Kind kind;
  std::string subject;  // "ADOPTION 2026-12-15", a mail's key...
  std::string detail;   // a sentence for a person
  // A problem's kind: bad_input for what a person must fix in the office's files,
  // machine_failure for the disk, the database or the relay. Unused by other kinds.
  OfficeError::Code code = OfficeError::Code::bad_input;
};

class EventSink {
 public:
  virtual ~EventSink() = default;
  virtual void event(const OfficeEvent& happened) = 0;
};

// One stage on a sink, finished however the work ends (an exception included).
class ProgressStage {
 public:
  ProgressStage(ProgressSink& sink, std::string_view stage, std::size_t total) : sink_(sink) {
    sink_.begin(stage, total);
  }
  ~ProgressStage() { sink_.finish(); }
  ProgressStage(const ProgressStage&) = delete;
  ProgressStage& operator=(const ProgressStage&) = delete;
  void advance() { sink_.advance(); }

 private:
  ProgressSink& sink_;
};

// Sinks that do nothing, for callers that want no progress or events.
ProgressSink& no_progress();
EventSink& no_events();

}  // namespace panelpack::office
