#include "templating/zip_archive.hpp"

#include <zip.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <ctime>
#include <deque>
#include <limits>
#include <map>
#include <memory>
#include <stdexcept>
#include <utility>

#include "templating/diagnostics.hpp"

namespace panelpack::templating {
namespace {

// RAII for libzip's handles: unique_ptr with the call that frees each.
// A zip_t whose zip_close failed or never ran is freed with zip_discard.
struct DiscardArchive {
  void operator()(zip_t* archive) const noexcept { zip_discard(archive); }
};
// A zip_source_t reference; libzip sources are reference counted.
struct FreeSource {
  void operator()(zip_source_t* source) const noexcept { zip_source_free(source); }
};
// One open entry of an archive.
struct CloseEntry {
  void operator()(zip_file_t* file) const noexcept { zip_fclose(file); }
};
using ArchiveHandle = std::unique_ptr<zip_t, DiscardArchive>;
using SourceHandle = std::unique_ptr<zip_source_t, FreeSource>;
using EntryHandle = std::unique_ptr<zip_file_t, CloseEntry>;

// zip_error_t must be finalised even when we throw; this keeps its message as a string.
class ErrorHolder {
 public:
  ErrorHolder() noexcept { zip_error_init(&error_); }
  ~ErrorHolder() { zip_error_fini(&error_); }
  ErrorHolder(const ErrorHolder&) = delete;
  ErrorHolder& operator=(const ErrorHolder&) = delete;
  zip_error_t* get() noexcept { return &error_; }
  std::string message() { return zip_error_strerror(&error_); }

 private:
  zip_error_t error_{};
};

std::string archive_error(zip_t* archive) {
  return zip_error_strerror(zip_get_error(archive));
}

// Opens a read-only archive over bytes that outlive it; nullptr and `error` set on failure.
ArchiveHandle open_over(const std::string& bytes, int flags, ErrorHolder& error) {
  SourceHandle source{zip_source_buffer_create(bytes.data(), bytes.size(), 0, error.get())};
  if (source.get() == nullptr) return {};
  // The archive owns the source after a successful zip_open_from_source; on failure we free it.
  zip_t* archive = zip_open_from_source(source.get(), flags | ZIP_RDONLY, error.get());
  if (archive == nullptr) return {};
  source.release();
  return ArchiveHandle{archive};
}

bool is_drive_letter(std::string_view name) {
  return name.size() >= 2 && std::isalpha(static_cast<unsigned char>(name[0])) != 0 &&
         name[1] == ':';
}

bool has_parent_component(std::string_view name) {
  std::size_t start = 0;
  while (start <= name.size()) {
    std::size_t end = name.find('/', start);
    if (end == std::string_view::npos) end = name.size();
    if (name.substr(start, end - start) == "..") return true;
    start = end + 1;
  }
  return false;
}

void check_entry_name(const std::string& name) {
  const char* what = nullptr;
  if (name.empty()) {
    what = "an entry has an empty name";
  } else if (name.front() == '/') {
    what = "an entry has an absolute path";
  } else if (name.find('\\') != std::string::npos) {
    what = "an entry name contains a backslash";
  } else if (is_drive_letter(name)) {
    what = "an entry name starts with a drive letter";
  } else if (has_parent_component(name)) {
    what = "an entry name climbs out of the package with \"..\"";
  }
  if (what != nullptr) {
    throw PackageError("unsafe_entry_name", name,
                       std::string(what) + " (\"" + name +
                           "\"), which no word processor writes; the file may be crafted to "
                           "overwrite other files. Save the document again from Word or "
                           "LibreOffice and use that copy.");
  }
}

[[noreturn]] void throw_too_large(const std::string& where, const std::string& what) {
  throw PackageError("zip_too_large", where,
                     what +
                         ". This looks like a zip bomb rather than a document; save the document "
                         "again from Word or LibreOffice, or raise the limits if it is genuine.");
}

// Stable timestamp for entries built from bytes: the same input gives byte-identical output.
// 1980-01-01 00:00 local time, the earliest date a zip entry can hold. Computed while the
// program starts, before any render thread exists: mktime and libzip's localtime share state.
std::time_t dos_epoch_local() {
  std::tm dos_epoch{};
  dos_epoch.tm_year = 80;
  dos_epoch.tm_mon = 0;
  dos_epoch.tm_mday = 1;
  dos_epoch.tm_isdst = -1;
  return std::mktime(&dos_epoch);
}
const std::time_t kFixedEntryMtime = dos_epoch_local();

std::time_t fixed_entry_mtime() {
  return kFixedEntryMtime;
}

// A valid archive without entries: just the end-of-central-directory record.
constexpr char kEmptyArchive[22] = {'P', 'K', 5, 6};

}  // namespace

// ---- ZipReader ----

struct ZipReader::State {
  std::string bytes;  // immutable after construction; every zip_t we open reads it
  std::vector<ZipEntry> entries;
  std::map<std::string, std::size_t, std::less<>> index_by_name;
};

ZipReader::ZipReader(std::string bytes, const ZipLimits& limits)
    : state_(std::make_unique<State>()) {
  state_->bytes = std::move(bytes);
  const std::string& data = state_->bytes;
  // libzip opens an empty buffer as an empty archive; a document is never empty.
  if (data.empty()) {
    throw PackageError("not_a_zip", "",
                       "the file is empty, not a zip package; save the document again from Word "
                       "or LibreOffice as .docx or .odt");
  }
  ErrorHolder error;
  ArchiveHandle archive = open_over(data, ZIP_CHECKCONS, error);
  if (archive.get() == nullptr) {
    throw PackageError("not_a_zip", "",
                       "the file is not a readable zip package (" + error.message() +
                           "); save the document again from Word or LibreOffice as .docx or .odt");
  }

  const zip_int64_t count = zip_get_num_entries(archive.get(), 0);
  if (count < 0) {
    throw PackageError("not_a_zip", "",
                       "the zip package's directory cannot be read; save the "
                       "document again from Word or LibreOffice");
  }
  if (static_cast<std::uint64_t>(count) > limits.max_entries) {
    throw_too_large("", "the package holds " + std::to_string(count) + " entries, more than the " +
                            std::to_string(limits.max_entries) + " allowed");
  }

  std::uint64_t total = 0;
  state_->entries.reserve(static_cast<std::size_t>(count));
  for (zip_uint64_t i = 0; i < static_cast<zip_uint64_t>(count); ++i) {
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(archive.get(), i, 0, &stat) != 0 || (stat.valid & ZIP_STAT_NAME) == 0) {
      throw PackageError("not_a_zip", "",
                         "entry " + std::to_string(i) + " of the zip package cannot be read (" +
                             archive_error(archive.get()) +
                             "); save the document again from Word or LibreOffice");
    }
    ZipEntry entry;
    entry.name = stat.name;
    check_entry_name(entry.name);
    if ((stat.valid & ZIP_STAT_SIZE) == 0 || (stat.valid & ZIP_STAT_COMP_SIZE) == 0) {
      throw PackageError("not_a_zip", entry.name,
                         "the zip package does not declare the size of \"" + entry.name +
                             "\"; save the document again from Word or LibreOffice");
    }
    entry.size = stat.size;
    entry.compressed_size = stat.comp_size;
    entry.stored = (stat.valid & ZIP_STAT_COMP_METHOD) != 0 && stat.comp_method == ZIP_CM_STORE;
    entry.encrypted =
        (stat.valid & ZIP_STAT_ENCRYPTION_METHOD) != 0 && stat.encryption_method != ZIP_EM_NONE;

    if (entry.size > limits.max_entry_uncompressed) {
      throw_too_large(entry.name, "\"" + entry.name + "\" unpacks to " +
                                      std::to_string(entry.size) + " bytes, more than the " +
                                      std::to_string(limits.max_entry_uncompressed) +
                                      " allowed for one entry");
    }
    total += entry.size;  // cannot overflow: each term is below max_entry_uncompressed
    if (total > limits.max_total_uncompressed) {
      throw_too_large(entry.name, "the package unpacks to more than " +
                                      std::to_string(limits.max_total_uncompressed) +
                                      " bytes in total (reached at \"" + entry.name + "\")");
    }
    if (entry.size > limits.ratio_checked_above) {
      // A compressed size of 0 for a large entry is a crafted header: treat it as one byte
      // (an infinite ratio cannot be printed, and casting it is undefined behaviour).
      const double ratio = static_cast<double>(entry.size) /
                           static_cast<double>(std::max<std::uint64_t>(entry.compressed_size, 1));
      if (ratio > limits.max_compression_ratio) {
        throw_too_large(
            entry.name,
            "\"" + entry.name + "\" expands " + std::to_string(static_cast<long long>(ratio)) +
                " times, more than the ratio of " +
                std::to_string(static_cast<long long>(limits.max_compression_ratio)) + " allowed");
      }
    }
    // ZIP_CHECKCONS already refuses duplicate names; keep the first anyway.
    state_->index_by_name.emplace(entry.name, state_->entries.size());
    state_->entries.push_back(std::move(entry));
  }
}

ZipReader::~ZipReader() = default;
ZipReader::ZipReader(ZipReader&&) noexcept = default;
ZipReader& ZipReader::operator=(ZipReader&&) noexcept = default;

const std::vector<ZipEntry>& ZipReader::entries() const noexcept {
  return state_->entries;
}

std::optional<std::size_t> ZipReader::find(std::string_view name) const {
  auto found = state_->index_by_name.find(name);
  if (found == state_->index_by_name.end()) return std::nullopt;
  return found->second;
}

const std::string& ZipReader::bytes() const noexcept {
  return state_->bytes;
}

std::string ZipReader::read(std::size_t index) const {
  if (index >= state_->entries.size()) {
    throw std::out_of_range("ZipReader::read: entry index " + std::to_string(index) +
                            " out of range");
  }
  const ZipEntry& entry = state_->entries[index];
  // zip_t is not thread-safe: each read opens its own over the shared immutable bytes, so
  // render threads never wait on each other (the cost is one central-directory parse).
  ErrorHolder error;
  ArchiveHandle archive = open_over(state_->bytes, 0, error);
  if (archive.get() == nullptr) {
    throw PackageError("not_a_zip", entry.name,
                       "the zip package cannot be reopened (" + error.message() +
                           "); save the document again from Word or LibreOffice");
  }
  EntryHandle file{zip_fopen_index(archive.get(), index, 0)};
  if (file.get() == nullptr) {
    throw PackageError("corrupt_entry", entry.name,
                       "\"" + entry.name + "\" cannot be opened (" + archive_error(archive.get()) +
                           "); save the document again from Word or LibreOffice");
  }

  std::string out;
  out.reserve(static_cast<std::size_t>(entry.size));
  constexpr std::size_t kChunk = std::size_t{64} * 1024;
  char buffer[kChunk];
  for (;;) {
    // Ask for one byte past the declared size so that a lying entry is caught, never produced.
    const std::uint64_t room = entry.size - out.size() + 1;
    const auto want = static_cast<zip_uint64_t>(std::min<std::uint64_t>(kChunk, room));
    const zip_int64_t got = zip_fread(file.get(), buffer, want);
    if (got < 0) {
      throw PackageError("corrupt_entry", entry.name,
                         "\"" + entry.name + "\" is damaged (" +
                             std::string(zip_error_strerror(zip_file_get_error(file.get()))) +
                             "); save the document again from Word or LibreOffice");
    }
    if (got == 0) break;
    out.append(buffer, static_cast<std::size_t>(got));
    if (out.size() > entry.size) {
      throw_too_large(entry.name, "\"" + entry.name + "\" unpacks to more than the " +
                                      std::to_string(entry.size) + " bytes it declares");
    }
  }
  if (out.size() != entry.size) {
    throw PackageError("corrupt_entry", entry.name,
                       "\"" + entry.name + "\" holds " + std::to_string(out.size()) +
                           " bytes but declares " + std::to_string(entry.size) +
                           "; save the document again from Word or LibreOffice");
  }
  return out;
}

std::string ZipReader::read(std::string_view name) const {
  const std::optional<std::size_t> index = find(name);
  if (!index) {
    throw PackageError("missing_part", std::string(name),
                       "the package has no \"" + std::string(name) +
                           "\"; check that the file is a .docx/.odt document and save it again "
                           "from Word or LibreOffice");
  }
  return read(*index);
}

// ---- ZipWriter ----

// Data libzip reads at zip_close for an entry that is already deflated.
struct PrecompressedSource {
  DeflatedEntry entry;
  zip_uint64_t read = 0;
};

struct ZipWriter::State {
  // Destroyed in reverse order: the output archive goes before the archives its copies read.
  std::map<const char*, ArchiveHandle> copy_sources;  // keyed by the reader's byte buffer
  std::deque<std::string> added_bytes;  // stable addresses: libzip reads them at zip_close
  std::deque<PrecompressedSource> precompressed;  // likewise
  SourceHandle output;                            // our reference to the in-memory output buffer
  ArchiveHandle archive;
  std::uint64_t entry_count = 0;
  bool finished = false;
  std::string password;  // empty: entries are not encrypted
};

namespace {

[[noreturn]] void throw_write_error(std::string_view name, const std::string& what) {
  throw PackageError("zip_write_failed", std::string(name),
                     what + "; this is a bug or the machine is out of memory: report it");
}

}  // namespace

ZipWriter::ZipWriter() : state_(std::make_unique<State>()) {
  ErrorHolder error;
  state_->output = SourceHandle{zip_source_buffer_create(nullptr, 0, 0, error.get())};
  if (state_->output.get() == nullptr) throw_write_error("", "cannot create a zip buffer");
  // A second reference for the archive, so the buffer survives zip_close and can be read back.
  zip_source_keep(state_->output.get());
  // The archive owns that reference after a successful zip_open_from_source; on failure we free it.
  zip_t* archive = zip_open_from_source(state_->output.get(), ZIP_TRUNCATE, error.get());
  if (archive == nullptr) {
    zip_source_free(state_->output.get());
    throw_write_error("", "cannot start a zip archive: " + error.message());
  }
  state_->archive = ArchiveHandle{archive};
}

ZipWriter::~ZipWriter() = default;

namespace {

// Adds `source` as entry `name` with the fixed date; the archive owns the source after a
// successful zip_file_add, and on failure the handle frees it.
zip_uint64_t add_entry(zip_t* archive, std::string_view name, SourceHandle source) {
  if (source.get() == nullptr) throw_write_error(name, "cannot wrap entry bytes");
  const std::string entry_name(name);
  const zip_int64_t index =
      zip_file_add(archive, entry_name.c_str(), source.get(), ZIP_FL_ENC_UTF_8);
  if (index < 0) {
    throw_write_error(name, "cannot add \"" + entry_name + "\": " + archive_error(archive));
  }
  source.release();
  const auto at = static_cast<zip_uint64_t>(index);
  if (zip_file_set_mtime(archive, at, fixed_entry_mtime(), 0) != 0) {
    throw_write_error(name,
                      "cannot set options of \"" + entry_name + "\": " + archive_error(archive));
  }
  return at;
}

}  // namespace

void ZipWriter::add(std::string_view name, std::string bytes, Compression compression) {
  if (state_->finished) throw std::logic_error("ZipWriter::add after finish");
  zip_t* archive = state_->archive.get();
  const std::string& kept = state_->added_bytes.emplace_back(std::move(bytes));
  ErrorHolder error;
  const zip_uint64_t at =
      add_entry(archive, name,
                SourceHandle{zip_source_buffer_create(kept.data(), kept.size(), 0, error.get())});
  ++state_->entry_count;
  // Level 6 on a 36 KB document.xml: 0.45 ms, 2.9 KB; level 1: 0.20 ms, 3.9 KB; libzip's
  // default (9): 1.2 ms, 2.7 KB. 6 is the balance.
  const int set = compression == Compression::store
                      ? zip_set_file_compression(archive, at, ZIP_CM_STORE, 0)
                      : zip_set_file_compression(archive, at, ZIP_CM_DEFLATE, 6);
  if (set != 0) {
    throw_write_error(name, "cannot set the compression of \"" + std::string(name) +
                                "\": " + archive_error(archive));
  }
  // libzip copies the password; it encrypts when zip_close writes the entry.
  if (!state_->password.empty() &&
      zip_file_set_encryption(archive, at, ZIP_EM_AES_256, state_->password.c_str()) != 0) {
    throw_write_error(name,
                      "cannot encrypt \"" + std::string(name) + "\": " + archive_error(archive));
  }
}

void ZipWriter::encrypt_entries(std::string password) {
  state_->password = std::move(password);
}

namespace {

// A libzip source over data already deflated: its stat says so (method, compressed size,
// CRC), so zip_close copies the bytes instead of compressing them again.
zip_int64_t precompressed_callback(void* user_data, void* out, zip_uint64_t length,
                                   zip_source_cmd_t command) {
  auto* source = static_cast<PrecompressedSource*>(user_data);
  const std::string& data = source->entry.deflated;
  switch (command) {
    case ZIP_SOURCE_OPEN:
      source->read = 0;
      return 0;
    case ZIP_SOURCE_READ: {
      const zip_uint64_t count = std::min<zip_uint64_t>(length, data.size() - source->read);
      std::memcpy(out, data.data() + source->read, count);
      source->read += count;
      return static_cast<zip_int64_t>(count);
    }
    case ZIP_SOURCE_STAT: {
      auto* stat = static_cast<zip_stat_t*>(out);
      zip_stat_init(stat);
      stat->size = source->entry.size;
      stat->comp_size = data.size();
      stat->comp_method = ZIP_CM_DEFLATE;
      stat->crc = source->entry.crc;
      stat->encryption_method = ZIP_EM_NONE;
      stat->valid = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD | ZIP_STAT_CRC |
                    ZIP_STAT_ENCRYPTION_METHOD;
      return sizeof(zip_stat_t);
    }
    case ZIP_SOURCE_ERROR: {
      auto* codes = static_cast<int*>(out);
      codes[0] = ZIP_ER_INTERNAL;
      codes[1] = 0;
      return 2 * sizeof(int);
    }
    case ZIP_SOURCE_CLOSE:
    case ZIP_SOURCE_FREE:
      return 0;  // the data belongs to the writer's state
    case ZIP_SOURCE_SUPPORTS:
      return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
                                            ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
    default:
      return -1;
  }
}

}  // namespace

void ZipWriter::add_deflated(std::string_view name, DeflatedEntry entry) {
  if (state_->finished) throw std::logic_error("ZipWriter::add_deflated after finish");
  zip_t* archive = state_->archive.get();
  PrecompressedSource& kept = state_->precompressed.emplace_back();
  kept.entry = std::move(entry);
  add_entry(archive, name,
            SourceHandle{zip_source_function(archive, precompressed_callback, &kept)});
  ++state_->entry_count;
}

void ZipWriter::copy_raw(const ZipReader& from, std::size_t index) {
  if (state_->finished) throw std::logic_error("ZipWriter::copy_raw after finish");
  if (index >= from.entries().size()) {
    throw std::out_of_range("ZipWriter::copy_raw: entry index " + std::to_string(index) +
                            " out of range");
  }
  const ZipEntry& entry = from.entries()[index];
  zip_t* archive = state_->archive.get();

  // One read-only archive per source reader, alive until after our zip_close.
  ArchiveHandle& source_archive = state_->copy_sources[from.bytes().data()];
  if (source_archive.get() == nullptr) {
    ErrorHolder error;
    source_archive = open_over(from.bytes(), 0, error);
    if (source_archive.get() == nullptr) {
      state_->copy_sources.erase(from.bytes().data());
      throw_write_error(entry.name, "cannot reopen the template: " + error.message());
    }
  }

  // start 0, len -1: the whole entry, so libzip copies the compressed data as it is; the source
  // carries the original CRC, sizes and mtime.
  SourceHandle source{zip_source_zip(archive, source_archive.get(), index, 0, 0, -1)};
  if (source.get() == nullptr) {
    throw_write_error(entry.name, "cannot copy \"" + entry.name + "\": " + archive_error(archive));
  }
  // The archive owns the source after a successful zip_file_add; on failure we free it.
  const zip_int64_t added =
      zip_file_add(archive, entry.name.c_str(), source.get(), ZIP_FL_ENC_UTF_8);
  if (added < 0) {
    throw_write_error(entry.name, "cannot add \"" + entry.name + "\": " + archive_error(archive));
  }
  source.release();
  ++state_->entry_count;
  // The default method means deflate, which would recompress a stored entry: keep it stored.
  if (entry.stored &&
      zip_set_file_compression(archive, static_cast<zip_uint64_t>(added), ZIP_CM_STORE, 0) != 0) {
    throw_write_error(entry.name,
                      "cannot keep \"" + entry.name + "\" stored: " + archive_error(archive));
  }
}

std::string ZipWriter::finish() {
  if (state_->finished) throw std::logic_error("ZipWriter::finish called twice");
  state_->finished = true;
  // libzip holds its own copies until zip_close; ours is no longer needed.
  const auto forget_password = [this] {
    std::fill(state_->password.begin(), state_->password.end(), '\0');
    state_->password.clear();
  };
  if (state_->entry_count == 0) {
    // libzip removes an archive left without entries instead of writing an empty one.
    state_->archive = ArchiveHandle{};
    return std::string(kEmptyArchive, sizeof kEmptyArchive);
  }

  zip_t* archive = state_->archive.get();
  const int closed = zip_close(archive);
  forget_password();
  if (closed != 0) {
    const std::string why = archive_error(archive);
    state_->archive = ArchiveHandle{};  // a failed zip_close leaves the archive to zip_discard
    throw_write_error("", "cannot write the zip archive: " + why);
  }
  state_->archive.release();  // zip_close freed it
  state_->copy_sources.clear();

  zip_source_t* output = state_->output.get();
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_source_stat(output, &stat) != 0 || (stat.valid & ZIP_STAT_SIZE) == 0) {
    throw_write_error("", "cannot measure the written archive");
  }
  if (zip_source_open(output) != 0) throw_write_error("", "cannot read the written archive");
  std::string bytes(static_cast<std::size_t>(stat.size), '\0');
  const zip_int64_t got = zip_source_read(output, bytes.data(), stat.size);
  zip_source_close(output);
  if (got < 0 || static_cast<zip_uint64_t>(got) != stat.size) {
    throw_write_error("", "cannot read the written archive back");
  }
  state_->output = SourceHandle{};
  state_->added_bytes.clear();
  return bytes;
}

}  // namespace panelpack::templating
