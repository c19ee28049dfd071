#include "office/progress.hpp"

namespace panelpack::office {

namespace {

class SilentProgress final : public ProgressSink {
 public:
  void begin(std::string_view, std::size_t) override {}
  void advance() override {}
  void finish() override {}
};

class SilentEvents final : public EventSink {
 public:
  void event(const OfficeEvent&) override {}
};

}  // namespace

ProgressSink& no_progress() {
  static SilentProgress silent;
  return silent;
}

EventSink& no_events() {
  static SilentEvents silent;
  return silent;
}

}  // namespace panelpack::office
