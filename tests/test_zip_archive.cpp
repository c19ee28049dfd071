#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "templating/atomic_file.hpp"
#include "templating/diagnostics.hpp"
#include "templating/zip_archive.hpp"

namespace fs = std::filesystem;
using panelpack::templating::PackageError;
using panelpack::templating::read_file;
using panelpack::templating::write_file_atomically;
using panelpack::templating::ZipLimits;
using panelpack::templating::ZipReader;
using panelpack::templating::ZipWriter;

namespace {

// One entry as the central directory records it, parsed without libzip to serve as an oracle.
struct RawEntry {
  std::string name;
  std::uint16_t method = 0;
  std::uint16_t dos_time = 0;
  std::uint16_t dos_date = 0;
  std::uint32_t crc = 0;
  std::uint32_t compressed_size = 0;
  std::uint32_t size = 0;
  std::string compressed_data;
};

std::uint32_t le(const std::string& bytes, std::size_t at, int width) {
  std::uint32_t value = 0;
  for (int i = width - 1; i >= 0; --i) {
    value = (value << 8) | static_cast<unsigned char>(bytes.at(at + static_cast<std::size_t>(i)));
  }
  return value;
}

std::vector<RawEntry> central_directory(const std::string& zip) {
  const std::size_t eocd = zip.rfind(std::string("PK\x05\x06", 4));
  if (eocd == std::string::npos) throw std::runtime_error("no end of central directory");
  const std::uint32_t count = le(zip, eocd + 10, 2);
  std::size_t at = le(zip, eocd + 16, 4);
  std::vector<RawEntry> entries;
  for (std::uint32_t i = 0; i < count; ++i) {
    if (le(zip, at, 4) != 0x02014b50) throw std::runtime_error("bad central header");
    RawEntry entry;
    entry.method = static_cast<std::uint16_t>(le(zip, at + 10, 2));
    entry.dos_time = static_cast<std::uint16_t>(le(zip, at + 12, 2));
    entry.dos_date = static_cast<std::uint16_t>(le(zip, at + 14, 2));
    entry.crc = le(zip, at + 16, 4);
    entry.compressed_size = le(zip, at + 20, 4);
    entry.size = le(zip, at + 24, 4);
    const std::uint32_t name_length = le(zip, at + 28, 2);
    const std::uint32_t extra_length = le(zip, at + 30, 2);
    const std::uint32_t comment_length = le(zip, at + 32, 2);
    const std::uint32_t local = le(zip, at + 42, 4);
    entry.name = zip.substr(at + 46, name_length);
    const std::size_t data = local + 30 + le(zip, local + 26, 2) + le(zip, local + 28, 2);
    entry.compressed_data = zip.substr(data, entry.compressed_size);
    entries.push_back(std::move(entry));
    at += 46 + name_length + extra_length + comment_length;
  }
  return entries;
}

std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

// Text that compresses like document XML (about 5-10x), deterministic.
std::string document_like_text(std::size_t size) {
  std::string text;
  text.reserve(size + 128);
  std::uint32_t state = 12345;
  int paragraph = 0;
  while (text.size() < size) {
    state = state * 1103515245u + 12345u;
    text += "<w:p><w:r><w:t xml:space=\"preserve\">Paragraph " + std::to_string(paragraph++) +
            " value " + std::to_string(state % 100000) + "</w:t></w:r></w:p>\n";
  }
  text.resize(size);
  return text;
}

class TempDir : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "zip_archive_test-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  // Runs a shell command in the temporary directory; returns its exit status.
  int run(const std::string& command) const {
    return std::system(("cd " + shell_quote(dir_.string()) + " && " + command).c_str());
  }
  std::vector<std::string> listing() const {
    std::vector<std::string> names;
    for (const auto& item : fs::directory_iterator(dir_)) names.push_back(item.path().filename());
    std::sort(names.begin(), names.end());
    return names;
  }
  fs::path dir_;
};

std::string expect_package_error(const std::string& bytes, const ZipLimits& limits = {},
                                 std::string* where = nullptr) {
  try {
    ZipReader reader(bytes, limits);
  } catch (const PackageError& error) {
    if (where != nullptr) *where = error.where();
    return error.code();
  }
  return "no error";
}

// ---- ZipWriter and ZipReader ----

TEST(ZipArchive, RoundTripKeepsEntriesContentAndOrder) {
  ZipWriter writer;
  const std::string xml = document_like_text(50'000);
  std::string binary;
  for (int i = 0; i < 1000; ++i) binary += static_cast<char>(i * 7);
  writer.add("word/document.xml", xml);
  writer.add("[Content_Types].xml", "<Types/>");
  writer.add("empty.txt", "");
  writer.add("media/image1.bin", binary);
  writer.add("docProps/app.xml", std::string(3, 'x'));
  ZipReader reader(writer.finish());

  const auto& entries = reader.entries();
  ASSERT_EQ(entries.size(), 5u);
  EXPECT_EQ(entries[0].name, "word/document.xml");
  EXPECT_EQ(entries[1].name, "[Content_Types].xml");
  EXPECT_EQ(entries[2].name, "empty.txt");
  EXPECT_EQ(entries[3].name, "media/image1.bin");
  EXPECT_EQ(entries[4].name, "docProps/app.xml");
  EXPECT_EQ(entries[0].size, xml.size());
  EXPECT_LT(entries[0].compressed_size, xml.size() / 3);
  EXPECT_FALSE(entries[0].stored);
  EXPECT_EQ(reader.read(0), xml);
  EXPECT_EQ(reader.read("[Content_Types].xml"), "<Types/>");
  EXPECT_EQ(reader.read("empty.txt"), "");
  EXPECT_EQ(reader.read(3), binary);
  EXPECT_EQ(reader.find("docProps/app.xml"), 4u);
  EXPECT_EQ(reader.find("nope.xml"), std::nullopt);
}

TEST(ZipArchive, StoredEntryIsWrittenUncompressedAndFirst) {
  ZipWriter writer;
  writer.add("mimetype", "application/vnd.oasis.opendocument.text", ZipWriter::Compression::store);
  writer.add("content.xml", document_like_text(10'000));
  const std::string zip = writer.finish();

  const auto raw = central_directory(zip);
  ASSERT_EQ(raw.size(), 2u);
  EXPECT_EQ(raw[0].name, "mimetype");
  EXPECT_EQ(raw[0].method, 0);  // stored
  EXPECT_EQ(raw[0].compressed_data, "application/vnd.oasis.opendocument.text");
  EXPECT_EQ(raw[1].method, 8);  // deflated
  // ODF readers look for the mimetype at offset 38 of the file.
  EXPECT_EQ(zip.substr(30, 8), "mimetype");
  EXPECT_EQ(zip.substr(38, 39), "application/vnd.oasis.opendocument.text");

  ZipReader reader(zip);
  EXPECT_TRUE(reader.entries()[0].stored);
  EXPECT_EQ(reader.entries()[0].compressed_size, reader.entries()[0].size);
  EXPECT_FALSE(reader.entries()[1].stored);
}

TEST(ZipArchive, SameInputGivesIdenticalBytes) {
  auto build = [] {
    ZipWriter writer;
    writer.add("a.xml", document_like_text(5000));
    writer.add("b.txt", "b", ZipWriter::Compression::store);
    return writer.finish();
  };
  const std::string first = build();
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));  // past one DOS time tick
  EXPECT_EQ(first, build());
}

TEST(ZipArchive, WriterWithoutEntriesGivesAnEmptyArchive) {
  ZipWriter writer;
  ZipReader reader(writer.finish());
  EXPECT_TRUE(reader.entries().empty());
}

TEST(ZipArchive, FinishTwiceIsALogicError) {
  ZipWriter writer;
  writer.add("a", "a");
  (void)writer.finish();
  EXPECT_THROW((void)writer.finish(), std::logic_error);
  EXPECT_THROW(writer.add("b", "b"), std::logic_error);
}

TEST(ZipArchive, DuplicateNameInWriterIsRefused) {
  ZipWriter writer;
  writer.add("a.xml", "1");
  try {
    writer.add("a.xml", "2");
    FAIL() << "expected PackageError";
  } catch (const PackageError& error) {
    EXPECT_EQ(error.code(), "zip_write_failed");
    EXPECT_EQ(error.where(), "a.xml");
  }
}

TEST(ZipArchive, MissingPartIsReportedWithItsName) {
  ZipWriter writer;
  writer.add("a.xml", "1");
  ZipReader reader(writer.finish());
  try {
    (void)reader.read("word/document.xml");
    FAIL() << "expected PackageError";
  } catch (const PackageError& error) {
    EXPECT_EQ(error.code(), "missing_part");
    EXPECT_EQ(error.where(), "word/document.xml");
  }
  EXPECT_THROW((void)reader.read(std::size_t{7}), std::out_of_range);
}

TEST(ZipArchive, MovedReaderStillReads) {
  ZipWriter writer;
  writer.add("s", "short");  // small enough for the string's inline buffer
  ZipReader first(writer.finish());
  ZipReader second(std::move(first));
  EXPECT_EQ(second.read("s"), "short");
  ZipWriter other;
  other.add("t", "tee");
  ZipReader third(other.finish());
  third = std::move(second);
  EXPECT_EQ(third.read(0), "short");
}

TEST(ZipArchive, ConcurrentReadsReturnTheSameBytes) {
  ZipWriter writer;
  std::vector<std::string> contents;
  for (int i = 0; i < 12; ++i) {
    contents.push_back(document_like_text(20'000 + static_cast<std::size_t>(i) * 997));
    writer.add("part" + std::to_string(i) + ".xml", contents.back());
  }
  const ZipReader reader(writer.finish());
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 20; ++round) {
        for (std::size_t i = 0; i < contents.size(); ++i) {
          const std::size_t index = (i + static_cast<std::size_t>(t)) % contents.size();
          if (reader.read(index) != contents[index]) ++mismatches;
          if (reader.find("part" + std::to_string(index) + ".xml") != index) ++mismatches;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(mismatches.load(), 0);
}

// ---- raw copies ----

class ZipFiles : public TempDir {};

TEST_F(ZipFiles, CopyRawKeepsCompressedBytesCrcAndTime) {
  // Level 1 deflate: recompressing at our level 6 would change the compressed bytes.
  const std::string script =
      "import zipfile\n"
      "z = zipfile.ZipFile('src.zip', 'w')\n"
      "i = zipfile.ZipInfo('mimetype', (2019, 6, 15, 10, 30, 20))\n"
      "z.writestr(i, 'application/vnd.oasis.opendocument.text', zipfile.ZIP_STORED)\n"
      "i = zipfile.ZipInfo('content.xml', (2021, 3, 4, 5, 6, 8))\n"
      "text = ''.join('<p n=\"%d\">value %d</p>' % (k, k * 7919 % 10007) for k in range(20000))\n"
      "z.writestr(i, text, zipfile.ZIP_DEFLATED, 1)\n"
      "z.close()\n";
  ASSERT_EQ(run("/usr/bin/python3 -c " + shell_quote(script)), 0);
  const ZipReader source(read_file(dir_ / "src.zip"));

  ZipWriter writer;
  writer.copy_raw(source, 0);
  writer.add("added.xml", "<added/>");
  writer.copy_raw(source, 1);
  const std::string copy = writer.finish();

  const auto original = central_directory(source.bytes());
  const auto copied = central_directory(copy);
  ASSERT_EQ(copied.size(), 3u);
  EXPECT_EQ(copied[0].name, "mimetype");
  EXPECT_EQ(copied[1].name, "added.xml");
  EXPECT_EQ(copied[2].name, "content.xml");
  for (auto [from, to] : {std::pair{0, 0}, std::pair{1, 2}}) {
    SCOPED_TRACE(original[from].name);
    EXPECT_EQ(copied[to].method, original[from].method);
    EXPECT_EQ(copied[to].crc, original[from].crc);
    EXPECT_EQ(copied[to].compressed_size, original[from].compressed_size);
    EXPECT_EQ(copied[to].size, original[from].size);
    EXPECT_EQ(copied[to].compressed_data, original[from].compressed_data);
    EXPECT_EQ(copied[to].dos_time, original[from].dos_time);
    EXPECT_EQ(copied[to].dos_date, original[from].dos_date);
  }

  ZipReader reader(copy);
  EXPECT_EQ(reader.entries()[2].compressed_size, source.entries()[1].compressed_size);
  EXPECT_TRUE(reader.entries()[0].stored);
  EXPECT_EQ(reader.read("content.xml"), source.read("content.xml"));
  EXPECT_EQ(reader.read("mimetype"), "application/vnd.oasis.opendocument.text");
}

TEST(ZipArchive, CopyRawFromSeveralReadersKeepsOrder) {
  ZipWriter first_writer;
  first_writer.add("a", "alpha");
  first_writer.add("b", "beta");
  const ZipReader first(first_writer.finish());
  ZipWriter second_writer;
  second_writer.add("c", "gamma", ZipWriter::Compression::store);
  const ZipReader second(second_writer.finish());

  ZipWriter writer;
  writer.copy_raw(second, 0);
  writer.copy_raw(first, 1);
  writer.add("d", "delta");
  writer.copy_raw(first, 0);
  ZipReader reader(writer.finish());
  std::vector<std::string> names;
  for (const auto& entry : reader.entries())
    names.push_back(entry.name + "=" + reader.read(entry.name));
  EXPECT_EQ(names, (std::vector<std::string>{"c=gamma", "b=beta", "d=delta", "a=alpha"}));
  EXPECT_TRUE(reader.entries()[0].stored);
}

TEST(ZipArchive, CopyRawIsMuchFasterThanRecompressing) {
  const std::string text = document_like_text(16u << 20);
  ZipWriter source_writer;
  source_writer.add("big.xml", text);
  const ZipReader source(source_writer.finish());

  using Clock = std::chrono::steady_clock;
  auto start = Clock::now();
  ZipWriter recompressing;
  recompressing.add("big.xml", source.read(0));
  const std::string recompressed = recompressing.finish();
  const auto recompress_time = Clock::now() - start;

  start = Clock::now();
  ZipWriter copying;
  copying.copy_raw(source, 0);
  const std::string copied = copying.finish();
  const auto copy_time = Clock::now() - start;

  EXPECT_EQ(copied, recompressed);  // same level, same mtime: the copy is byte-identical
  EXPECT_LT(copy_time * 5, recompress_time)
      << "copy " << std::chrono::duration<double, std::milli>(copy_time).count()
      << " ms, recompress " << std::chrono::duration<double, std::milli>(recompress_time).count()
      << " ms";
}

TEST(ZipArchive, EveryTemplateInTheSharedFolderReadsAndCopiesRaw) {
  int templates = 0;
  for (const auto& item : fs::recursive_directory_iterator(PANELPACK_SHARED_DIR)) {
    const auto extension = item.path().extension();
    if (extension != ".docx" && extension != ".odt") continue;
    SCOPED_TRACE(item.path().string());
    ++templates;
    const ZipReader source(read_file(item.path()));
    ZipWriter writer;
    for (std::size_t i = 0; i < source.entries().size(); ++i) {
      EXPECT_EQ(source.read(i).size(), source.entries()[i].size);
      writer.copy_raw(source, i);
    }
    const auto original = central_directory(source.bytes());
    const auto copied = central_directory(writer.finish());
    ASSERT_EQ(copied.size(), original.size());
    for (std::size_t i = 0; i < copied.size(); ++i) {
      EXPECT_EQ(copied[i].name, original[i].name);
      EXPECT_EQ(copied[i].crc, original[i].crc);
      EXPECT_EQ(copied[i].compressed_data, original[i].compressed_data);
    }
  }
  if (templates == 0) GTEST_SKIP() << "no templates under " << PANELPACK_SHARED_DIR;
}

// ---- hostile input ----

class UnsafeName : public ::testing::TestWithParam<const char*> {};

TEST_P(UnsafeName, IsRejected) {
  ZipWriter writer;
  writer.add("word/document.xml", "<ok/>");
  writer.add(GetParam(), "payload");
  std::string where;
  EXPECT_EQ(expect_package_error(writer.finish(), {}, &where), "unsafe_entry_name");
  EXPECT_EQ(where, GetParam());
}

INSTANTIATE_TEST_SUITE_P(ZipArchive, UnsafeName,
                         ::testing::Values("../evil", "/abs", "a\\b", "C:/windows/x", "c:x",
                                           "word/../../evil", "word/..", ".."));

TEST_F(ZipFiles, EmptyEntryNameIsRejected) {
  const std::string script =
      "import zipfile\n"
      "z = zipfile.ZipFile('empty.zip', 'w')\n"
      "z.writestr('ok.xml', 'ok')\n"
      "z.writestr(zipfile.ZipInfo(''), 'x')\n"
      "z.close()\n";
  ASSERT_EQ(run("/usr/bin/python3 -c " + shell_quote(script)), 0);
  std::string where = "unset";
  EXPECT_EQ(expect_package_error(read_file(dir_ / "empty.zip"), {}, &where), "unsafe_entry_name");
  EXPECT_EQ(where, "");
}

TEST(ZipArchive, NamesThatOnlyLookOddAreAccepted) {
  ZipWriter writer;
  for (const char* name : {"a..b/c.xml", "..hidden", "word/.../x", "dir/", "ab:c"}) {
    writer.add(name, "ok");
  }
  ZipReader reader(writer.finish());
  EXPECT_EQ(reader.entries().size(), 5u);
}

TEST(ZipArchive, NotAZipIsRejected) {
  EXPECT_EQ(expect_package_error("hello, this is plain text and not a zip at all"), "not_a_zip");
  EXPECT_EQ(expect_package_error(""), "not_a_zip");
  EXPECT_EQ(expect_package_error(std::string(4096, '\0')), "not_a_zip");
  ZipWriter writer;
  writer.add("word/document.xml", document_like_text(10'000));
  const std::string zip = writer.finish();
  EXPECT_EQ(expect_package_error(zip.substr(0, zip.size() / 2)), "not_a_zip");
  EXPECT_EQ(expect_package_error(zip.substr(0, zip.size() - 1)), "not_a_zip");
}

TEST(ZipArchive, HighlyCompressedEntryIsAZipBomb) {
  ZipWriter writer;
  writer.add("word/document.xml", std::string(4u << 20, '\0'));  // ~1000:1
  std::string where;
  EXPECT_EQ(expect_package_error(writer.finish(), {}, &where), "zip_too_large");
  EXPECT_EQ(where, "word/document.xml");
}

TEST(ZipArchive, RatioIsNotCheckedForSmallEntries) {
  ZipWriter writer;
  writer.add("zeros", std::string(512u << 10, '\0'));  // below ratio_checked_above
  ZipReader reader(writer.finish());
  EXPECT_EQ(reader.read(0).size(), 512u << 10);
}

TEST(ZipArchive, LimitsOnCountSizeAndTotalAreEnforced) {
  ZipWriter writer;
  for (int i = 0; i < 4; ++i) writer.add("e" + std::to_string(i), document_like_text(1000));
  const std::string zip = writer.finish();

  ZipLimits few_entries;
  few_entries.max_entries = 3;
  EXPECT_EQ(expect_package_error(zip, few_entries), "zip_too_large");

  ZipLimits small_entries;
  small_entries.max_entry_uncompressed = 999;
  std::string where;
  EXPECT_EQ(expect_package_error(zip, small_entries, &where), "zip_too_large");
  EXPECT_EQ(where, "e0");

  ZipLimits small_total;
  small_total.max_total_uncompressed = 3500;
  EXPECT_EQ(expect_package_error(zip, small_total, &where), "zip_too_large");
  EXPECT_EQ(where, "e3");

  ZipLimits exact;
  exact.max_entries = 4;
  exact.max_entry_uncompressed = 1000;
  exact.max_total_uncompressed = 4000;
  EXPECT_EQ(ZipReader(zip, exact).entries().size(), 4u);
}

TEST_F(ZipFiles, StreamedBombOverTheEntryLimitIsRejected) {
  // 300 MiB of zeros written in streaming mode (constant memory) through a pipe: data descriptors.
  const std::string script =
      "import sys, zipfile\n"
      "z = zipfile.ZipFile(sys.stdout.buffer, 'w', zipfile.ZIP_DEFLATED)\n"
      "with z.open('word/document.xml', 'w', force_zip64=True) as f:\n"
      "    block = bytes(1 << 20)\n"
      "    for _ in range(300): f.write(block)\n"
      "z.close()\n";
  ASSERT_EQ(run("/usr/bin/python3 -c " + shell_quote(script) + " | cat > bomb.zip"), 0);
  const std::string bomb = read_file(dir_ / "bomb.zip");
  EXPECT_LT(bomb.size(), 1u << 20);
  std::string where;
  EXPECT_EQ(expect_package_error(bomb, {}, &where), "zip_too_large");
  EXPECT_EQ(where, "word/document.xml");
}

TEST_F(ZipFiles, ReadsArchivesFromOtherTools) {
  // The zip command line tool, and Python streaming through a pipe (data descriptors).
  ASSERT_EQ(run("mkdir -p word && printf '<w:document/>' > word/document.xml && printf 'x' > "
                "mimetype && zip -q -X -0 cli.zip mimetype && zip -q -X -9 cli.zip "
                "word/document.xml"),
            0);
  ZipReader cli(read_file(dir_ / "cli.zip"));
  ASSERT_EQ(cli.entries().size(), 2u);
  EXPECT_TRUE(cli.entries()[0].stored);
  EXPECT_EQ(cli.read("word/document.xml"), "<w:document/>");

  const std::string script =
      "import sys, zipfile\n"
      "z = zipfile.ZipFile(sys.stdout.buffer, 'w', zipfile.ZIP_DEFLATED)\n"
      "with z.open('a.xml', 'w') as f: f.write(b'<a>' * 1000)\n"
      "z.writestr('b.txt', 'bee')\n"
      "z.close()\n";
  ASSERT_EQ(run("/usr/bin/python3 -c " + shell_quote(script) + " | cat > streamed.zip"), 0);
  ZipReader streamed(read_file(dir_ / "streamed.zip"));
  EXPECT_EQ(streamed.read("a.xml").size(), 3000u);
  EXPECT_EQ(streamed.read("b.txt"), "bee");
}

// Rewrites the declared uncompressed size of the only entry, in both headers.
std::string with_declared_size(std::string zip, std::uint32_t size) {
  auto put = [&](std::size_t at) {
    for (int i = 0; i < 4; ++i)
      zip[at + static_cast<std::size_t>(i)] = static_cast<char>(size >> (8 * i));
  };
  put(22);  // local header
  const std::size_t central = zip.find(std::string("PK\x01\x02", 4));
  put(central + 24);
  return zip;
}

TEST(ZipArchive, EntryLongerThanDeclaredIsNotProduced) {
  ZipWriter writer;
  writer.add("word/document.xml", document_like_text(200'000));
  const ZipReader lying(with_declared_size(writer.finish(), 1000));
  ASSERT_EQ(lying.entries()[0].size, 1000u);
  try {
    (void)lying.read(0);
    FAIL() << "expected PackageError";
  } catch (const PackageError& error) {
    EXPECT_EQ(error.code(), "zip_too_large");
    EXPECT_EQ(error.where(), "word/document.xml");
  }
}

TEST(ZipArchive, EntryShorterThanDeclaredIsCorrupt) {
  ZipWriter writer;
  writer.add("word/document.xml", document_like_text(2000));
  const ZipReader lying(with_declared_size(writer.finish(), 5000));
  try {
    (void)lying.read(0);
    FAIL() << "expected PackageError";
  } catch (const PackageError& error) {
    EXPECT_EQ(error.code(), "corrupt_entry");
  }
}

TEST(ZipArchive, DamagedCompressedDataIsCorrupt) {
  ZipWriter writer;
  writer.add("word/document.xml", document_like_text(20'000));
  std::string zip = writer.finish();
  const auto raw = central_directory(zip);
  const std::size_t data = zip.find(raw[0].compressed_data);
  for (std::size_t i = data + 100; i < data + 140; ++i) zip[i] = static_cast<char>(zip[i] ^ 0x5a);
  const ZipReader damaged(zip);
  try {
    (void)damaged.read(0);
    FAIL() << "expected PackageError";
  } catch (const PackageError& error) {
    EXPECT_EQ(error.code(), "corrupt_entry");
  }
}

// ---- atomic files ----

class AtomicFile : public TempDir {};

TEST_F(AtomicFile, WritesThenReplacesAndLeavesNoTemporaryFile) {
  const fs::path target = dir_ / "out.docx";
  write_file_atomically(target, "first");
  EXPECT_EQ(read_file(target), "first");
  const std::string big = document_like_text(3u << 20);
  write_file_atomically(target, big);
  EXPECT_EQ(read_file(target), big);
  write_file_atomically(target, "");
  EXPECT_EQ(read_file(target), "");
  EXPECT_EQ(listing(), std::vector<std::string>{"out.docx"});
}

TEST_F(AtomicFile, KeepsTheModeOfTheFileItReplaces) {
  const fs::path target = dir_ / "out.docx";
  write_file_atomically(target, "first");
  struct stat info {};
  ASSERT_EQ(::stat(target.c_str(), &info), 0);
  EXPECT_NE(info.st_mode & 0044, 0u) << "a new file is readable like any other, not 0600";
  ASSERT_EQ(::chmod(target.c_str(), 0640), 0);
  write_file_atomically(target, "second");
  ASSERT_EQ(::stat(target.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 07777, 0640u);
}

TEST_F(AtomicFile, MissingFolderThrowsAndCreatesNothing) {
  const fs::path target = dir_ / "no-such-folder" / "out.docx";
  try {
    write_file_atomically(target, "x");
    FAIL() << "expected std::system_error";
  } catch (const std::system_error& error) {
    EXPECT_EQ(error.code(), std::errc::no_such_file_or_directory);
    EXPECT_NE(std::string(error.what()).find(target.string()), std::string::npos);
  }
  EXPECT_TRUE(listing().empty());
}

TEST_F(AtomicFile, FailedRenameRemovesTheTemporaryFile) {
  const fs::path target = dir_ / "occupied";
  fs::create_directories(target / "inside");  // rename cannot replace a non-empty folder
  try {
    write_file_atomically(target, "x");
    FAIL() << "expected std::system_error";
  } catch (const std::system_error& error) {
    EXPECT_NE(std::string(error.what()).find(target.string()), std::string::npos);
  }
  EXPECT_EQ(listing(), std::vector<std::string>{"occupied"});
}

TEST_F(AtomicFile, StreamedContentIsWrittenWhole) {
  const fs::path target = dir_ / "merged.pdf";
  const std::string big = document_like_text(3u << 20);
  write_file_atomically(target, [&](std::FILE* stream) {
    // In pieces, as a library writing as it goes would.
    for (std::size_t at = 0; at < big.size(); at += 4096) {
      const std::size_t length = std::min<std::size_t>(4096, big.size() - at);
      ASSERT_EQ(std::fwrite(big.data() + at, 1, length, stream), length);
    }
  });
  EXPECT_EQ(read_file(target), big);
  EXPECT_EQ(listing(), std::vector<std::string>{"merged.pdf"});
}

TEST_F(AtomicFile, AStreamWriterThatThrowsLeavesTheOldFileAndNoTemporary) {
  const fs::path target = dir_ / "merged.pdf";
  write_file_atomically(target, "old pack");
  EXPECT_THROW(write_file_atomically(target,
                                     [](std::FILE* stream) {
                                       std::fputs("half a new pack", stream);
                                       throw std::runtime_error("the writer gave up");
                                     }),
               std::runtime_error);
  EXPECT_EQ(read_file(target), "old pack");
  EXPECT_EQ(listing(), std::vector<std::string>{"merged.pdf"});
}

TEST_F(AtomicFile, ReadingAMissingFileNamesIt) {
  const fs::path missing = dir_ / "missing.docx";
  try {
    (void)read_file(missing);
    FAIL() << "expected std::system_error";
  } catch (const std::system_error& error) {
    EXPECT_EQ(error.code(), std::errc::no_such_file_or_directory);
    EXPECT_NE(std::string(error.what()).find(missing.string()), std::string::npos);
  }
}

}  // namespace
