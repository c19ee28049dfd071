#pragma once
// Reading and writing zip packages through libzip, with limits for hostile input.
// libzip never appears outside zip_archive.cpp.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "templating/deflate_stream.hpp"

namespace panelpack::templating {

// Caps that keep a zip bomb or a path-traversal entry from doing harm.
struct ZipLimits {
  std::uint64_t max_entries = 10'000;
  std::uint64_t max_total_uncompressed = 512ULL << 20;  // sum of declared sizes
  std::uint64_t max_entry_uncompressed = 256ULL << 20;
  // uncompressed / compressed, checked for entries larger than ratio_checked_above
  double max_compression_ratio = 200.0;
  std::uint64_t ratio_checked_above = 1ULL << 20;
};

struct ZipEntry {
  std::string name;
  std::uint64_t size = 0;  // uncompressed
  std::uint64_t compressed_size = 0;
  bool stored = false;     // true when not compressed
  bool encrypted = false;  // true when the entry needs a password (any zip encryption)
};

// A zip archive held in memory, opened once. Validates every entry name (no absolute path,
// no "..", no backslash, no drive letter) and the declared sizes against the limits;
// throws PackageError (code "not_a_zip", "unsafe_entry_name", "zip_too_large") otherwise.
// All const members are safe to call from several threads at once.
class ZipReader {
 public:
  explicit ZipReader(std::string bytes, const ZipLimits& limits = {});
  ~ZipReader();
  ZipReader(const ZipReader&) = delete;
  ZipReader& operator=(const ZipReader&) = delete;
  ZipReader(ZipReader&&) noexcept;
  ZipReader& operator=(ZipReader&&) noexcept;

  const std::vector<ZipEntry>& entries() const noexcept;
  std::optional<std::size_t> find(std::string_view name) const;
  // Decompresses one entry, refusing more bytes than its declared size (PackageError).
  std::string read(std::size_t index) const;
  std::string read(std::string_view name) const;  // PackageError "missing_part" if absent
  const std::string& bytes() const noexcept;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Builds a new archive in memory. One writer per output; not shared between threads.
class ZipWriter {
 public:
  ZipWriter();
  ~ZipWriter();
  ZipWriter(const ZipWriter&) = delete;
  ZipWriter& operator=(const ZipWriter&) = delete;

  enum class Compression { deflate, store };
  // Every entry added with add() from now on is encrypted with AES-256 (WinZip AE-2), which
  // 7-Zip, WinZip and Windows 11 Explorer open; Info-ZIP's unzip does not. The password is
  // kept only until finish(). An empty password turns encryption off.
  void encrypt_entries(std::string password);
  // Adds an entry from bytes (deflated at a fast level unless `store`).
  void add(std::string_view name, std::string bytes,
           Compression compression = Compression::deflate);
  // Adds an entry whose data is already a raw deflate stream (a rendered part): libzip
  // writes it as it is, with the CRC and size given.
  void add_deflated(std::string_view name, DeflatedEntry entry);
  // Copies entry `index` of `from` with its compressed data as it is: no recompression.
  // `from` must outlive finish().
  void copy_raw(const ZipReader& from, std::size_t index);
  // Writes the central directory and returns the archive's bytes. Call once.
  std::string finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace panelpack::templating
