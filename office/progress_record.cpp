#include "office/progress_record.hpp"

namespace panelpack::office {

void RecordedProgress::begin(std::string_view stage, std::size_t total) {
  const std::scoped_lock lock(mutex_);
  now_.stage = std::string(stage);
  now_.done = 0;
  now_.total = total;
  now_.in_stage = true;
}

void RecordedProgress::advance() {
  const std::scoped_lock lock(mutex_);
  if (now_.done < now_.total) ++now_.done;
}

void RecordedProgress::finish() {
  const std::scoped_lock lock(mutex_);
  if (!now_.in_stage) return;
  now_.in_stage = false;
  ++now_.stages_finished;
}

ProgressSnapshot RecordedProgress::snapshot() const {
  const std::scoped_lock lock(mutex_);
  return now_;
}

}  // namespace panelpack::office
