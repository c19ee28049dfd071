#pragma once
// THE one way office.json is changed (the console's Calendar and Settings pages, `panelpack
// calendar`): under office.json's lock (.office.json.lock), against the version a form was
// opened on, checked exactly as `panelpack validate` checks it (its schema, then the rules every
// command applies, office/validation/file_validation.hpp), then written atomically. The file
// is rewritten as nlohmann's two-space layout, which is the layout `panelpack init` and the
// sample office use: keys keep their order, and a value not changed keeps its bytes.

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "office/validation/file_validation.hpp"
#include "office/workspace.hpp"

namespace panelpack::office {

struct OfficeChangeResult {
  bool done = false;   // office.json was written
  bool stale = false;  // office.json changed since the form was opened: nothing was changed
  // When the changed office.json would not pass `panelpack validate`: its problems, each with
  // the JSON pointer of the key (for the form field) and validate's message. Nothing written.
  std::vector<FileProblem> problems;
};

// The version of office.json a form carries: the SHA-256 (hex) of its bytes. Throws
// OfficeError as read_input does.
std::string office_version(const std::filesystem::path& office_root);
std::string office_version(const Workspace& workspace);

// Takes office.json's lock; with an expected version, refuses (stale) when the file is another
// version now; parses it (keys in order) and calls `change` on it. `change` returns false to
// leave the file as it is (it found a problem of its own: done stays false, no problem is
// added). The changed file is validated as `panelpack validate` does; when valid it is written
// atomically, else refused with the problems. A change that changes nothing writes nothing
// (done is true). Throws OfficeError (machine_failure) when office.json cannot be read or
// written, and what `change` throws.
OfficeChangeResult change_office(const std::filesystem::path& office_root,
                                 const std::string* expected_version,
                                 const std::function<bool(nlohmann::ordered_json&)>& change);

// A problem in the words `panelpack validate` prints it with (after its line and pointer):
// "-2 is too small; expected at least 0".
std::string problem_words(const FileProblem& problem);

// The problems as one line each, "POINTER: message" (for a message that names them all).
std::vector<std::string> problem_lines(const std::vector<FileProblem>& problems);

}  // namespace panelpack::office
