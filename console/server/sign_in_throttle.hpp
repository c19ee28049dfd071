#pragma once
// Throttling sign-ins by where they come from: at most `limit` attempts from one address in
// any `window` (10 a minute by default), on top of the store's lock-out of one account after
// five wrong passwords, so that one machine trying many user names is slowed too. Kept in
// memory: a restart forgets it, which the per-account lock-out does not.

#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <string>

#include "office/console/console_store.hpp"

namespace panelpack::console {

class SignInThrottle {
 public:
  explicit SignInThrottle(office::console::Clock clock = office::console::system_now,
                          int limit = 10, std::chrono::seconds window = std::chrono::minutes(1));

  // Counts an attempt from `client`; false when it is one too many (then it is not counted).
  bool allow(const std::string& client);

 private:
  office::console::Clock clock_;
  int limit_;
  std::chrono::seconds window_;
  std::mutex mutex_;
  std::map<std::string, std::deque<panel::UtcInstant>> attempts_;  // per address, oldest first
};

}  // namespace panelpack::console
