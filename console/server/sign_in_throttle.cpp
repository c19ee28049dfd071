#include "console/server/sign_in_throttle.hpp"

#include <utility>

namespace panelpack::console {

SignInThrottle::SignInThrottle(office::console::Clock clock, int limit, std::chrono::seconds window)
    : clock_(std::move(clock)), limit_(limit), window_(window) {}

bool SignInThrottle::allow(const std::string& client) {
  const panel::UtcInstant now = clock_();
  const std::lock_guard lock(mutex_);
  // Forget what has left the window, everywhere, so the map does not grow without end.
  for (auto entry = attempts_.begin(); entry != attempts_.end();) {
    auto& times = entry->second;
    while (!times.empty() && now - times.front() >= window_) times.pop_front();
    entry = times.empty() ? attempts_.erase(entry) : std::next(entry);
  }
  auto& times = attempts_[client];
  if (static_cast<int>(times.size()) >= limit_) return false;
  times.push_back(now);
  return true;
}

}  // namespace panelpack::console
