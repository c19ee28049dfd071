#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "pdf/libreoffice_converter.hpp"
#include "pdf/pdf_error.hpp"
#include "pdf_test_support.hpp"

namespace fs = std::filesystem;
using panelpack::pdf::ConversionFailure;
using panelpack::pdf::ConversionJob;
using panelpack::pdf::ConversionResult;
using panelpack::pdf::convert_to_pdf;
using panelpack::pdf::ConverterOptions;
using panelpack::pdf::find_soffice;
using panelpack::pdf::PdfError;
using panelpack::pdf::testing::pdftotext_page;
using panelpack::pdf::testing::TemporaryFolder;
using panelpack::pdf::testing::write_bytes;
using panelpack::pdf::testing::write_docx;
using panelpack::pdf::testing::write_odt;
using panelpack::pdf::testing::write_text_pdf;

namespace {

// The whole file, or what could be read of it ("" for a process that has just gone).
std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string text;
  char buffer[4096];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
  }
  return text;
}

std::vector<std::string> read_lines(const fs::path& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

bool starts_like_pdf(const fs::path& path) {
  return read_text(path).rfind("%PDF-", 0) == 0;
}

// The code and where() of the PdfError `action` throws, or "no error".
template <typename Action>
std::pair<std::string, std::string> pdf_error_of(Action action) {
  try {
    action();
  } catch (const PdfError& error) {
    return {error.code(), error.where()};
  }
  return {"no error", ""};
}

// True when no process, zombie or alive, is left in process group `group`.
bool group_is_gone(pid_t group) {
  return ::kill(-group, 0) == -1 && errno == ESRCH;
}

// True when this process has no child left at all, not even an unreaped zombie.
bool no_children_left() {
  return ::waitpid(-1, nullptr, WNOHANG) == -1 && errno == ECHILD;
}

// Sets an environment variable for one test and puts the old value back.
class ScopedEnvironment {
 public:
  ScopedEnvironment(std::string name, const std::string& value) : name_(std::move(name)) {
    if (const char* old = std::getenv(name_.c_str())) old_ = old;
    ::setenv(name_.c_str(), value.c_str(), 1);
  }
  ~ScopedEnvironment() {
    if (old_) {
      ::setenv(name_.c_str(), old_->c_str(), 1);
    } else {
      ::unsetenv(name_.c_str());
    }
  }
  ScopedEnvironment(const ScopedEnvironment&) = delete;
  ScopedEnvironment& operator=(const ScopedEnvironment&) = delete;

 private:
  std::string name_;
  std::optional<std::string> old_;
};

// Stand-ins for soffice written as shell scripts: they record what they were given and behave
// as told, so the process handling is tested without LibreOffice.
class FakeSoffice : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(log_);
    fs::create_directories(inputs_);
    fs::create_directories(outputs_);
    write_text_pdf(sample_pdf_, {"Converted"});
  }

  // A script at bin/<name>: records its arguments, stdin and process group in log/, runs
  // `behaviour` (with $input and $outdir set), and exits with $status (0 unless set).
  fs::path script(const std::string& name, const std::string& behaviour) {
    const fs::path path = folder_.path() / "bin" / name;
    fs::create_directories(path.parent_path());
    const std::string log = log_.string();
    write_bytes(path,
                "#!/bin/sh\n"
                "printf '%s\\n' \"$@\" > '" +
                    log + "/args-'$$\n" + "readlink /proc/$$/fd/0 > '" + log + "/stdin-'$$\n" +
                    "cut -d' ' -f5 /proc/$$/stat > '" + log + "/pgid-'$$\n" +
                    "outdir=''; input=''; status=0\n"
                    "while [ $# -gt 0 ]; do\n"
                    "  case \"$1\" in\n"
                    "    --outdir) outdir=\"$2\"; shift ;;\n"
                    "    -*) ;;\n"
                    "    *) input=\"$1\" ;;\n"
                    "  esac\n"
                    "  shift\n"
                    "done\n"
                    "stem=$(basename \"${input%.*}\")\n" +
                    behaviour + "\nexit $status\n");
    fs::permissions(path, fs::perms::owner_all);
    return path;
  }

  // The behaviour of a soffice that converts: copies a real PDF to <outdir>/<stem>.pdf.
  std::string writes_pdf() const {
    return "cp '" + sample_pdf_.string() + "' \"$outdir/$stem.pdf\"";
  }

  fs::path input(const std::string& name) const {
    const fs::path path = inputs_ / name;
    write_bytes(path, "a document");
    return path;
  }

  // Every recorded file of one kind ("args", "stdin", "pgid"), one per soffice run.
  std::vector<fs::path> recorded(const std::string& kind) const {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(log_)) {
      if (entry.path().filename().string().rfind(kind + "-", 0) == 0) files.push_back(entry);
    }
    return files;
  }

  TemporaryFolder folder_;
  fs::path log_ = folder_.path() / "log";
  fs::path inputs_ = folder_.path() / "inputs";
  fs::path outputs_ = folder_.path() / "outputs";
  fs::path sample_pdf_ = folder_.path() / "sample.pdf";
};

TEST_F(FakeSoffice, ConvertsAndMovesThePdfToItsOutput) {
  const fs::path soffice = script("soffice", writes_pdf());
  const fs::path odd_name = input("Zoë's \"case\" file.docx");
  const std::vector<ConversionJob> jobs = {{odd_name, outputs_ / "referral.pdf"}};
  ConverterOptions options;
  options.soffice = soffice;
  options.scratch = folder_.path() / "scratch";

  const std::vector<ConversionResult> results = convert_to_pdf(jobs, options);

  ASSERT_EQ(results.size(), 1U);
  EXPECT_TRUE(results[0].ok) << results[0].error;
  EXPECT_EQ(results[0].failure, ConversionFailure::none);
  EXPECT_EQ(results[0].input, odd_name);
  EXPECT_TRUE(starts_like_pdf(outputs_ / "referral.pdf"));
  EXPECT_TRUE(fs::is_empty(folder_.path() / "scratch" / "worker-1" / "out"));
}

// No shell in between: a name with spaces and quotes arrives as one argument, after the
// options LibreOffice needs, with stdin from /dev/null and the process leading its own group.
TEST_F(FakeSoffice, ArgumentsAreExactAndProcessLeadsItsOwnGroup) {
  const fs::path soffice = script("soffice", writes_pdf());
  const fs::path odd_name = input("Zoë's \"case\" file.docx");
  const std::vector<ConversionJob> jobs = {{odd_name, outputs_ / "referral.pdf"}};
  ConverterOptions options;
  options.soffice = soffice;
  options.scratch = folder_.path() / "scratch dir";

  ASSERT_TRUE(convert_to_pdf(jobs, options).at(0).ok);

  const std::vector<fs::path> args = recorded("args");
  ASSERT_EQ(args.size(), 1U);
  const fs::path worker = fs::absolute(options.scratch) / "worker-1";
  std::string profile_url = "file://" + (worker / "profile").string();
  profile_url.replace(profile_url.find(' '), 1, "%20");  // "scratch dir"
  const std::vector<std::string> expected = {"-env:UserInstallation=" + profile_url,
                                             "--headless",
                                             "--norestore",
                                             "--nologo",
                                             "--convert-to",
                                             "pdf",
                                             "--outdir",
                                             (worker / "out").string(),
                                             fs::absolute(odd_name).string()};
  EXPECT_EQ(read_lines(args[0]), expected);
  EXPECT_EQ(read_lines(recorded("stdin").at(0)), std::vector<std::string>{"/dev/null"});
  const std::string pid = args[0].filename().string().substr(5);
  EXPECT_EQ(read_lines(recorded("pgid").at(0)), std::vector<std::string>{pid});
}

// A descriptor the host program left inheritable (no O_CLOEXEC) does not reach soffice.
TEST_F(FakeSoffice, SofficeInheritsNoOtherDescriptors) {
  constexpr int kLeaky = 57;
  const int opened = ::open("/dev/null", O_RDONLY);
  ASSERT_GE(opened, 0);
  ASSERT_EQ(::dup2(opened, kLeaky), kLeaky);
  ::close(opened);
  const fs::path soffice =
      script("soffice", "ls /proc/$$/fd > '" + log_.string() + "/fds'\n" + writes_pdf());
  const std::vector<ConversionJob> jobs = {{input("referral.docx"), outputs_ / "referral.pdf"}};
  ConverterOptions options;
  options.soffice = soffice;

  const bool ok = convert_to_pdf(jobs, options).at(0).ok;
  ::close(kLeaky);

  EXPECT_TRUE(ok);
  const std::vector<std::string> fds = read_lines(log_ / "fds");
  EXPECT_NE(std::find(fds.begin(), fds.end(), "2"), fds.end());
  EXPECT_EQ(std::find(fds.begin(), fds.end(), std::to_string(kLeaky)), fds.end());
}

TEST_F(FakeSoffice, TimeoutKillsTheWholeGroupAndTheNextDocumentGoesOn) {
  // The slow document's soffice starts a child as soffice starts soffice.bin, and both hang.
  const fs::path soffice = script("soffice",
                                  "case \"$stem\" in slow*)\n"
                                  "  echo $$ > '" +
                                      log_.string() +
                                      "/leader'\n"
                                      "  sleep 30 &\n"
                                      "  echo $! > '" +
                                      log_.string() +
                                      "/child'\n"
                                      "  wait ;;\n"
                                      "esac\n" +
                                      writes_pdf());
  const std::vector<ConversionJob> jobs = {{input("slow.docx"), outputs_ / "slow.pdf"},
                                           {input("quick.docx"), outputs_ / "quick.pdf"}};
  ConverterOptions options;
  options.soffice = soffice;
  options.workers = 1;
  options.timeout_per_document = std::chrono::seconds(2);

  const auto start = std::chrono::steady_clock::now();
  const std::vector<ConversionResult> results = convert_to_pdf(jobs, options);
  const auto elapsed = std::chrono::steady_clock::now() - start;

  ASSERT_EQ(results.size(), 2U);
  EXPECT_FALSE(results[0].ok);
  EXPECT_EQ(results[0].failure, ConversionFailure::timed_out);
  EXPECT_NE(results[0].error.find("2 s"), std::string::npos) << results[0].error;
  EXPECT_FALSE(fs::exists(outputs_ / "slow.pdf"));
  EXPECT_TRUE(results[1].ok) << results[1].error;
  EXPECT_TRUE(starts_like_pdf(outputs_ / "quick.pdf"));
  EXPECT_GE(elapsed, std::chrono::seconds(2));
  EXPECT_LT(elapsed, std::chrono::seconds(10));

  const pid_t leader = std::stoi(read_text(log_ / "leader"));
  const pid_t child = std::stoi(read_text(log_ / "child"));
  EXPECT_TRUE(group_is_gone(leader));
  EXPECT_FALSE(fs::exists("/proc/" + std::to_string(child)));
  EXPECT_TRUE(no_children_left());
}

TEST_F(FakeSoffice, NonZeroExitReportsStatusAndLastStderrLine) {
  const fs::path soffice = script("soffice",
                                  "echo 'Warning: something harmless' >&2\n"
                                  "echo 'I/O error on the input' >&2\n"
                                  "status=3");
  const std::vector<ConversionJob> jobs = {{input("referral.docx"), outputs_ / "referral.pdf"}};
  ConverterOptions options;
  options.soffice = soffice;

  const ConversionResult result = convert_to_pdf(jobs, options).at(0);

  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.failure, ConversionFailure::exited_with_error);
  EXPECT_NE(result.error.find("status 3"), std::string::npos) << result.error;
  EXPECT_NE(result.error.find("I/O error on the input"), std::string::npos) << result.error;
}

// soffice exits 0 when it cannot load a file; only a PDF on disk counts.
TEST_F(FakeSoffice, ExitZeroWithoutPdfIsNoPdf) {
  const fs::path soffice = script("soffice",
                                  "echo 'Error: source file could not be loaded' >&2\n"
                                  "echo 'x' > \"$outdir/$stem.pdf.tmp\"\n"
                                  ": > \"$outdir/empty.pdf\"");
  const std::vector<ConversionJob> jobs = {{input("referral.docx"), outputs_ / "referral.pdf"}};
  ConverterOptions options;
  options.soffice = soffice;

  const ConversionResult result = convert_to_pdf(jobs, options).at(0);

  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.failure, ConversionFailure::no_pdf);
  EXPECT_NE(result.error.find("Error: source file could not be loaded"), std::string::npos)
      << result.error;
  EXPECT_FALSE(fs::exists(outputs_ / "referral.pdf"));
}

TEST_F(FakeSoffice, MissingInputIsReportedWithoutStartingSoffice) {
  const fs::path soffice = script("soffice", writes_pdf());
  const std::vector<ConversionJob> jobs = {{inputs_ / "missing.docx", outputs_ / "missing.pdf"},
                                           {input("present.docx"), outputs_ / "present.pdf"}};
  ConverterOptions options;
  options.soffice = soffice;

  const std::vector<ConversionResult> results = convert_to_pdf(jobs, options);

  EXPECT_EQ(results.at(0).failure, ConversionFailure::input_missing);
  EXPECT_FALSE(results.at(0).ok);
  EXPECT_TRUE(results.at(1).ok);
  EXPECT_EQ(recorded("args").size(), 1U);
}

TEST_F(FakeSoffice, UnmovablePdfIsCouldNotMove) {
  const fs::path soffice = script("soffice", writes_pdf());
  const std::vector<ConversionJob> jobs = {
      {input("referral.docx"), outputs_ / "no such folder" / "referral.pdf"}};
  ConverterOptions options;
  options.soffice = soffice;

  const ConversionResult result = convert_to_pdf(jobs, options).at(0);

  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.failure, ConversionFailure::could_not_move);
}

// min(workers, jobs) workers, each with a profile of its own; progress is reported once per
// document, in order, never from two threads at once.
TEST_F(FakeSoffice, WorkersHaveTheirOwnProfilesAndProgressIsSerialised) {
  const fs::path soffice = script("soffice", "sleep 1\n" + writes_pdf());
  std::vector<ConversionJob> jobs;
  for (int i = 1; i <= 3; ++i) {
    const std::string name = "paper " + std::to_string(i);
    jobs.push_back({input(name + ".docx"), outputs_ / (name + ".pdf")});
  }
  ConverterOptions options;
  options.soffice = soffice;
  options.workers = 5;
  options.scratch = folder_.path() / "scratch";
  std::vector<std::pair<std::size_t, std::size_t>> progress;
  std::atomic<int> inside{0};
  bool overlapped = false;

  const std::vector<ConversionResult> results =
      convert_to_pdf(jobs, options, [&](std::size_t done, std::size_t total) {
        if (inside.fetch_add(1) != 0) overlapped = true;
        progress.emplace_back(done, total);
        inside.fetch_sub(1);
      });

  for (const ConversionResult& result : results) EXPECT_TRUE(result.ok) << result.error;
  const std::vector<std::pair<std::size_t, std::size_t>> expected = {{1, 3}, {2, 3}, {3, 3}};
  EXPECT_EQ(progress, expected);
  EXPECT_FALSE(overlapped);
  std::set<std::string> profiles;
  for (const fs::path& args : recorded("args")) profiles.insert(read_lines(args).at(0));
  EXPECT_EQ(profiles.size(), 3U);
  std::set<std::string> worker_folders;
  for (const auto& entry : fs::directory_iterator(options.scratch)) {
    worker_folders.insert(entry.path().filename());
  }
  EXPECT_EQ(worker_folders, (std::set<std::string>{"worker-1", "worker-2", "worker-3"}));
}

TEST_F(FakeSoffice, DefaultScratchFolderIsRemovedAfterwards) {
  const fs::path soffice = script("soffice", writes_pdf());
  const fs::path temp = folder_.path() / "temp";
  fs::create_directories(temp);
  const ScopedEnvironment tmpdir("TMPDIR", temp.string());
  const std::vector<ConversionJob> jobs = {{input("referral.docx"), outputs_ / "referral.pdf"}};
  ConverterOptions options;
  options.soffice = soffice;

  EXPECT_TRUE(convert_to_pdf(jobs, options).at(0).ok);
  EXPECT_EQ(read_lines(recorded("args").at(0))
                .at(0)
                .find("-env:UserInstallation=file://" + temp.string() + "/panelpack-pdf-"),
            0U);
  EXPECT_TRUE(fs::is_empty(temp));
}

TEST_F(FakeSoffice, ExceptionFromProgressStopsAndIsRethrown) {
  const fs::path soffice = script("soffice", writes_pdf());
  std::vector<ConversionJob> jobs;
  for (int i = 1; i <= 4; ++i) {
    const std::string name = "paper" + std::to_string(i);
    jobs.push_back({input(name + ".docx"), outputs_ / (name + ".pdf")});
  }
  ConverterOptions options;
  options.soffice = soffice;
  options.workers = 1;

  EXPECT_THROW(convert_to_pdf(jobs, options,
                              [](std::size_t, std::size_t) { throw std::length_error("stop"); }),
               std::length_error);
  EXPECT_EQ(recorded("args").size(), 1U);
}

TEST_F(FakeSoffice, FindSofficeTakesAConfiguredExecutable) {
  const fs::path soffice = script("my-soffice", writes_pdf());
  EXPECT_EQ(find_soffice(soffice), soffice);

  // A bare name, or nothing configured, is looked up on PATH.
  const fs::path on_path = script("soffice", writes_pdf());
  const ScopedEnvironment path("PATH", on_path.parent_path().string() + ":/usr/bin:/bin");
  EXPECT_EQ(find_soffice("my-soffice"), soffice);
  EXPECT_EQ(find_soffice({}), on_path);
}

TEST_F(FakeSoffice, MissingSofficeThrowsBeforeConvertingAnything) {
  const fs::path missing = folder_.path() / "bin" / "no-soffice";
  EXPECT_EQ(pdf_error_of([&] { find_soffice(missing); }),
            std::make_pair(std::string("soffice_missing"), missing.string()));

  const fs::path not_executable = input("soffice");
  EXPECT_EQ(pdf_error_of([&] { find_soffice(not_executable); }).first, "soffice_missing");
  EXPECT_EQ(pdf_error_of([&] { find_soffice("no-such-soffice-program"); }).first,
            "soffice_missing");

  const std::vector<ConversionJob> jobs = {{input("referral.docx"), outputs_ / "referral.pdf"}};
  ConverterOptions options;
  options.soffice = missing;
  int calls = 0;
  EXPECT_EQ(pdf_error_of([&] {
              convert_to_pdf(jobs, options, [&](std::size_t, std::size_t) { ++calls; });
            }).first,
            "soffice_missing");
  EXPECT_EQ(calls, 0);
  EXPECT_FALSE(fs::exists(outputs_ / "referral.pdf"));
}

// ---- real LibreOffice ----

// Skips the test when LibreOffice is absent; otherwise the soffice it finds.
std::optional<fs::path> installed_soffice() {
  try {
    return find_soffice({});
  } catch (const PdfError&) {
    return std::nullopt;
  }
}

// No process anywhere still runs with a profile under `scratch`.
bool no_process_uses(const fs::path& scratch) {
  const std::string marker = "UserInstallation=file://" + scratch.string();
  for (const auto& entry : fs::directory_iterator("/proc")) {
    const std::string name = entry.path().filename();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    if (read_text(entry.path() / "cmdline").find(marker) != std::string::npos) return false;
  }
  return true;
}

TEST(LibreOfficeConverter, ConvertsDocxAndOdtInParallelAndReportsAnUnreadableFile) {
  const std::optional<fs::path> soffice = installed_soffice();
  if (!soffice) GTEST_SKIP() << "LibreOffice (soffice) is not installed";
  TemporaryFolder folder;
  const fs::path referral = folder.path() / "referral.docx";
  const fs::path report = folder.path() / "matching report 'draft'.docx";
  const fs::path minutes = folder.path() / "minutes.odt";
  const fs::path broken = folder.path() / "broken.docx";
  write_docx(referral, {"Referral for Zoë Ŵalker", "Second paragraph"});
  write_docx(report, {"Matching report"});
  write_odt(minutes, {"Minutes of the panel"});
  write_bytes(broken, std::string("PK\x03\x04", 4) + "this is no zip package");
  const fs::path pdfs = folder.path() / "pdfs";
  fs::create_directories(pdfs);
  const std::vector<ConversionJob> jobs = {{referral, pdfs / "referral.pdf"},
                                           {broken, pdfs / "broken.pdf"},
                                           {report, pdfs / "report.pdf"},
                                           {minutes, pdfs / "minutes.pdf"}};
  ConverterOptions options;
  options.workers = 2;
  options.timeout_per_document = std::chrono::seconds(120);
  options.scratch = folder.path() / "scratch";
  std::vector<std::size_t> done_counts;

  const std::vector<ConversionResult> results = convert_to_pdf(
      jobs, options, [&](std::size_t done, std::size_t) { done_counts.push_back(done); });

  ASSERT_EQ(results.size(), 4U);
  EXPECT_TRUE(results[0].ok) << results[0].error;
  EXPECT_FALSE(results[1].ok);
  EXPECT_EQ(results[1].failure, ConversionFailure::no_pdf) << results[1].error;
  EXPECT_FALSE(results[1].error.empty());
  EXPECT_FALSE(fs::exists(pdfs / "broken.pdf"));
  EXPECT_TRUE(results[2].ok) << results[2].error;
  EXPECT_TRUE(results[3].ok) << results[3].error;
  EXPECT_EQ(pdftotext_page(pdfs / "referral.pdf", 1), "Referral for Zoë Ŵalker\nSecond paragraph");
  EXPECT_EQ(pdftotext_page(pdfs / "report.pdf", 1), "Matching report");
  EXPECT_EQ(pdftotext_page(pdfs / "minutes.pdf", 1), "Minutes of the panel");
  EXPECT_EQ(done_counts, (std::vector<std::size_t>{1, 2, 3, 4}));
  EXPECT_TRUE(fs::exists(options.scratch / "worker-2" / "profile"));  // both workers ran
  EXPECT_TRUE(no_process_uses(fs::absolute(options.scratch)));
  EXPECT_TRUE(no_children_left());
}

}  // namespace
