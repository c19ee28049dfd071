#pragma once
// A pack asked for by a person (`panelpack pack`): the options it is built with, chosen from the
// panel's in office.json and what the request adds, and what was built, as a summary.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "office/pack/pack_writer.hpp"
#include "office/progress.hpp"
#include "office/workspace.hpp"
#include "panel/calendar_date.hpp"
#include "panel/london_time.hpp"
#include "panel/pack_plan.hpp"

namespace panelpack::office {

// A password given for this pack instead of the panel's: the first line of `file`, or else the
// secret named `environment` (Machine::environment).
struct GivenPassword {
  std::string file;
  std::string environment;
};

struct PackRequest {
  std::string panel_id;
  panel::CalendarDate date;
  bool pdf = false;                       // a PDF even when the panel's options send none
  std::optional<GivenPassword> password;  // none: the panel's, if it has one
  std::optional<unsigned> pdf_workers;    // LibreOffice workers; 0: one per core. PDF only
  std::optional<std::chrono::seconds> pdf_timeout;  // per document; PDF only, at least 1 s
  std::optional<std::size_t> pdf_batch_size;        // documents per LibreOffice start
  ProgressSink* progress = nullptr;                 // null: none
  panel::UtcInstant now;
};

// The options the pack is built with: the panel's in office.json, with what the request adds
// (a PDF; a password given encrypts with it instead). Nothing asked can make the pack weaker
// than the panel's options; options that differ from them are marked so (from_office false).
// Throws OfficeError: bad_input for an unknown panel, a password that cannot be read or is too
// short (the panel's own may fail when one is given); bad_argument for PDF workers or a
// timeout asked without a PDF, or a timeout of 0 seconds.
PackOptions choose_pack_options(const Workspace& workspace, const PackRequest& request);

struct PackedDocument {
  std::string file;
  std::uintmax_t size = 0;
  std::string sha256;
};

// What was built, for whoever asked.
struct PackSummary {
  std::string panel_id;
  panel::CalendarDate date;
  std::filesystem::path folder;
  std::vector<PackedDocument> documents;  // the agenda first, then the papers in agenda order
  std::size_t cases = 0;
  std::string zip_name;
  bool encrypted = false;   // the zip, and the PDF when there is one (AES-256)
  bool from_office = true;  // built with exactly the panel's options in office.json
  std::optional<std::string> pdf_name;
  int pdf_pages = 0;
  std::vector<panel::MissingPaper> missing;         // papers not received
  std::vector<panel::MissingPaper> held_elsewhere;  // received, on file elsewhere, not in it
};

struct PackOutcome {
  std::optional<PackSummary> packed;  // none: busy
  std::filesystem::path busy_lock;    // the lock another run packing the sitting holds

  bool busy() const { return !packed.has_value(); }
};

// Builds the sitting's pack in packs/PANEL/DATE/ with choose_pack_options' options. Busy when
// another run is packing the same sitting. Throws OfficeError as choose_pack_options,
// load_sitting and write_pack do.
PackOutcome pack_sitting(const Workspace& workspace, const PackRequest& request);

}  // namespace panelpack::office
