#pragma once
// What every request handler of the console shares: the templates and static files, the office
// heading, the store of accounts, sessions and audit, the sign-in throttle, the gate that
// limits Argon2id hashes at once, and whether the browser reaches the console over TLS.

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <semaphore>
#include <string>

#include <Poco/Net/IPAddress.h>

#include "console/server/pack_jobs.hpp"
#include "console/server/page_templates.hpp"
#include "console/server/sign_in_throttle.hpp"
#include "console/server/static_files.hpp"
#include "office/console/console_store.hpp"
#include "office/machine.hpp"
#include "office/workspace.hpp"

namespace panelpack::console {

// What every page shows of the office (never case data).
struct OfficeHeading {
  std::string service_name;  // "Permanence panel office"
  std::string authority;     // office.json's authority
};

// Each Argon2id hash takes 64 MiB: only a few run at once, the others wait their turn.
class HashGate {
 public:
  static constexpr std::ptrdiff_t kAtOnce = 2;

  template <typename Work>
  auto run(Work&& work) {
    slots_.acquire();
    struct Release {
      std::counting_semaphore<kAtOnce>& slots;
      ~Release() { slots.release(); }
    } release{slots_};
    return std::forward<Work>(work)();
  }

 private:
  std::counting_semaphore<kAtOnce> slots_{kAtOnce};
};

struct ConsoleSite {
  const PageTemplates& pages;
  const StaticFiles& files;
  OfficeHeading heading;
  // Behind a proxy, the one address connections may come from; others get 403.
  std::optional<Poco::Net::IPAddress> only_client;
  office::console::ConsoleStore& store;
  SignInThrottle& throttle;
  HashGate& hashes;
  // The browser reaches the console over TLS (its own, or the proxy's): cookies get Secure.
  bool secure_cookies = false;
  // The office folder and what the office needs of the machine (LibreOffice, secrets).
  std::filesystem::path office_root;
  office::Machine machine;
  // The pack builds running in the background (pack_pages.cpp); the server waits for them.
  PackJobs& pack_jobs;

  // The office as it is now: office.json is read again, so a change made by the CLI, or by
  // another page, is seen at once. Throws office::OfficeError (bad_input) when it is invalid.
  office::Workspace workspace() const { return office::Workspace::open(office_root, machine); }
};

}  // namespace panelpack::console
