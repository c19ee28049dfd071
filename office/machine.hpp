#pragma once
// What the office needs from the machine it runs on, handed in by the front end: the office
// never reads the environment itself, so a server and a test can give it what they choose.

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace panelpack::office {

struct Machine {
  // LibreOffice's soffice for PDFs; empty: the one found on PATH.
  std::filesystem::path soffice;
  // Looks up a named secret (office.json's passwordEnv, --password-env); nothing when it is
  // not set. Null: no secret can be named this way.
  std::function<std::optional<std::string>(const std::string& name)> environment;
};

}  // namespace panelpack::office
