#pragma once
// A one-line progress counter on stderr, shown only when stderr is a terminal (not under cron).

#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "office/progress.hpp"

namespace panelpack::cli {

bool stderr_is_terminal();

class Progress {
 public:
  // `enabled` false makes every call a no-op.
  Progress(std::string label, std::size_t total, bool enabled);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // One more item done; thread-safe; redraws at most ten times a second.
  void advance();
  // Clears the line so that the summary starts on a clean one.
  void finish();

 private:
  void draw();

  std::mutex mutex_;
  std::string label_;
  std::size_t total_;
  std::size_t done_ = 0;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_draw_{};
};

// The office's progress drawn as that bar, one stage after another.
class TerminalProgress final : public office::ProgressSink {
 public:
  explicit TerminalProgress(bool enabled) : enabled_(enabled) {}
  void begin(std::string_view stage, std::size_t total) override {
    bar_.emplace(std::string(stage), total, enabled_);
  }
  void advance() override {
    if (bar_) bar_->advance();
  }
  void finish() override { bar_.reset(); }

 private:
  bool enabled_;
  std::optional<Progress> bar_;
};

}  // namespace panelpack::cli
