#pragma once
// Builds a sitting's pack folder (packs/PANEL/DATE/) from its plan: the documents, their
// manifest (pack_manifest.hpp), a zip of both (AES-256 when a password is given) and, on
// request, one PDF with a bookmark per case (AES-256 too with a password). Everything is built in a
// staging folder and put in place in one step.

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "office/progress.hpp"
#include "office/sitting/sitting_context.hpp"
#include "office/workspace.hpp"
#include "panel/agenda.hpp"
#include "panel/pack_plan.hpp"

namespace panelpack::office {

struct PackOptions {
  std::string password;  // empty: neither the zip nor the PDF is encrypted
  bool pdf = false;
  unsigned pdf_workers = 2;
  std::chrono::seconds pdf_timeout{180};
  // Documents per LibreOffice start; unset: the converter's default.
  std::optional<std::size_t> pdf_batch_size;
  ProgressSink* progress = nullptr;  // told of each document packed and converted; null: none
  std::filesystem::path folder;      // where to build it; empty: the sitting's packs/PANEL/DATE/
  // The password and pdf are the panel's office.json options; false: the command line's.
  bool from_office = true;
};

struct PackedFile {
  std::string file;
  std::uintmax_t size = 0;
  std::string sha256;
  const panel::PackEntry* entry = nullptr;
};

struct PackResult {
  std::filesystem::path folder;
  std::vector<PackedFile> documents;
  std::string zip_name;
  std::optional<std::string> pdf_name;
  int pdf_pages = 0;
};

// Throws OfficeError: bad_input for a template or case file that will not fill, a
// submitted file that is missing, LibreOffice missing or failing on a document; machine_failure
// when the disk refuses. The pack folder is then as it was before.
PackResult write_pack(const Workspace& workspace, const SittingContext& context,
                      const panel::PackPlan& plan, const panel::Agenda& agenda,
                      const PackOptions& options, panel::UtcInstant now);

}  // namespace panelpack::office
