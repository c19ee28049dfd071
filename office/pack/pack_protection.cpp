#include "office/pack/pack_protection.hpp"

#include <algorithm>
#include <system_error>

#include "pdf/pdf_error.hpp"
#include "pdf/pdf_merge.hpp"
#include "templating/atomic_file.hpp"
#include "templating/zip_archive.hpp"

namespace panelpack::office {

namespace fs = std::filesystem;

namespace {

// The pack's own zip: its limits are those of a pack, not of a template from outside.
templating::ZipLimits pack_limits() {
  templating::ZipLimits limits;
  limits.max_total_uncompressed = 16ULL << 30;
  limits.max_entry_uncompressed = 8ULL << 30;
  limits.max_compression_ratio = 1e9;
  return limits;
}

bool is_file(const fs::path& path) {
  std::error_code error;
  return fs::is_regular_file(path, error);
}

}  // namespace

panel::PackFound inspect_pack(const fs::path& folder, const PackManifest& manifest, bool current) {
  panel::PackFound found;
  found.from_office = manifest.options.from_office;
  found.current = current;
  const fs::path zip = folder / manifest.zip_file;
  if (is_file(zip)) {
    try {
      const templating::ZipReader reader(templating::read_file(zip), pack_limits());
      const auto& entries = reader.entries();
      found.zip = !entries.empty();
      found.zip_encrypted = found.zip && std::all_of(entries.begin(), entries.end(),
                                                     [](const templating::ZipEntry& entry) {
                                                       return entry.encrypted;
                                                     });
    } catch (const std::exception&) {
      found.zip = false;  // unreadable: as if it were not there
    }
  }
  if (manifest.pdf_file && is_file(folder / *manifest.pdf_file)) {
    try {
      found.pdf_encrypted = pdf::is_encrypted(folder / *manifest.pdf_file);
      found.pdf = true;
    } catch (const pdf::PdfError&) {
      found.pdf = false;
    }
  }
  return found;
}

}  // namespace panelpack::office
