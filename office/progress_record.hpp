#pragma once
// A ProgressSink that keeps what it was told, for a caller on another thread to read while the
// work runs: the console's pack build reports into one and its progress page reads it.

#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>

#include "office/progress.hpp"

namespace panelpack::office {

// The progress as it stands at one moment.
struct ProgressSnapshot {
  std::string stage;  // the current (or last) stage: "converting to PDF"; empty: none began
  std::size_t done = 0;
  std::size_t total = 0;
  std::size_t stages_finished = 0;
  bool in_stage = false;  // a stage has begun and not finished
};

class RecordedProgress final : public ProgressSink {
 public:
  void begin(std::string_view stage, std::size_t total) override;
  void advance() override;  // never past the stage's total
  void finish() override;

  // Safe to call from any thread while the work reports.
  ProgressSnapshot snapshot() const;

 private:
  mutable std::mutex mutex_;
  ProgressSnapshot now_;
};

}  // namespace panelpack::office
