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
using panelpack::pdf::testing::pdf_error_of;
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
  }

  // A script at bin/<name>: records its arguments, stdin and process group in log/, and for
  // each input in turn the document's stem (through a batch's link) in log/documents-PID, then
  // runs `behaviour` with $input, $stem, $outdir and $pdf (where soffice writes that input's
  // PDF) set; it exits with $status (0 unless set).
  fs::path script(const std::string& name, const std::string& behaviour) {
    const fs::path path = folder_.path() / "bin" / name;
    fs::create_directories(path.parent_path());
    const std::string log = log_.string();
    write_bytes(path,
                "#!/bin/sh\n"
                "printf '%s\\n' \"$@\" > '" +
                    log + "/args-'$$\n" + "readlink /proc/$$/fd/0 > '" + log + "/stdin-'$$\n" +
                    "cut -d' ' -f5 /proc/$$/stat > '" + log + "/pgid-'$$\n" +
                    "outdir=''; status=0\n"
                    "convert() {\n"
                    ":\n" +
                    behaviour +
                    "\n}\n"
                    "while [ $# -gt 0 ]; do\n"
                    "  case \"$1\" in\n"
                    "    --outdir) outdir=\"$2\"; shift ;;\n"
                    "    --convert-to) shift ;;\n"
                    "    -*) ;;\n"
                    "    *) input=\"$1\"\n"
                    "       pdf=\"$outdir/$(basename \"${input%.*}\").pdf\"\n"
                    "       stem=$(basename \"$(readlink -f \"$input\")\"); stem=\"${stem%.*}\"\n"
                    "       printf '%s\\n' \"$stem\" >> '" +
                    log +
                    "/documents-'$$\n"
                    "       convert ;;\n"
                    "  esac\n"
                    "  shift\n"
                    "done\n"
                    "exit $status\n");
    fs::permissions(path, fs::perms::owner_all);
    return path;
  }

  // The behaviour of a soffice that converts: the test's inputs are PDFs already, so the
  // "conversion" is a copy, and each output can be told from the others by its text.
  static std::string writes_pdf() { return "cp \"$input\" \"$pdf\""; }

  // The behaviour of a soffice that hangs on a document whose stem starts with "slow", with a
  // child of its own (as soffice starts soffice.bin): it appends its pid to log/<leaders> and
  // the child's to log/<children>, then waits; it converts any other document.
  std::string hangs_on_slow(const std::string& leaders, const std::string& children) const {
    return "case \"$stem\" in slow*)\n"
           "  echo $$ >> '" +
           (log_ / leaders).string() +
           "'\n"
           "  sleep 30 &\n"
           "  echo $! >> '" +
           (log_ / children).string() +
           "'\n"
           "  wait ;;\n"
           "esac\n" +
           writes_pdf();
  }

  // An input at inputs/<name> (folders made as needed): a one-page PDF reading `text`, or the
  // name's stem when no text is given.
  fs::path input(const std::string& name, const std::string& text = "") const {
    const fs::path path = inputs_ / name;
    fs::create_directories(path.parent_path());
    write_text_pdf(path, {text.empty() ? path.stem().string() : text});
    return path;
  }

  // inputs/referral.docx converted to outputs/referral.pdf by `soffice`, default options
  // otherwise: what most single-document tests run.
  ConversionResult convert_referral(const fs::path& soffice) const {
    const std::vector<ConversionJob> jobs = {{input("referral.docx"), outputs_ / "referral.pdf"}};
    ConverterOptions options;
    options.soffice = soffice;
    return convert_to_pdf(jobs, options).at(0);
  }

  // The stems of the documents each soffice run was given, one list per run, in no set order.
  std::vector<std::vector<std::string>> documents_per_run() const {
    std::vector<std::vector<std::string>> runs;
    for (const fs::path& file : recorded("documents")) runs.push_back(read_lines(file));
    std::sort(runs.begin(), runs.end());
    return runs;
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
  const bool ok = convert_referral(soffice).ok;
  ::close(kLeaky);

  EXPECT_TRUE(ok);
  const std::vector<std::string> fds = read_lines(log_ / "fds");
  EXPECT_NE(std::find(fds.begin(), fds.end(), "2"), fds.end());
  EXPECT_EQ(std::find(fds.begin(), fds.end(), std::to_string(kLeaky)), fds.end());
}

TEST_F(FakeSoffice, TimeoutKillsTheWholeGroupAndTheNextDocumentGoesOn) {
  // The slow document's soffice starts a child as soffice starts soffice.bin, and both hang.
  const fs::path soffice = script("soffice", hangs_on_slow("leader", "child"));
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
  const ConversionResult result = convert_referral(soffice);

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
  const ConversionResult result = convert_referral(soffice);

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
  EXPECT_TRUE(convert_referral(soffice).ok);
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

// ---- batches: several documents to one soffice run ----

// The arguments after --outdir DIR: the documents one run was given.
std::vector<std::string> documents_in_arguments(const fs::path& args_file) {
  const std::vector<std::string> args = read_lines(args_file);
  const auto outdir = std::find(args.begin(), args.end(), "--outdir");
  if (outdir == args.end() || outdir + 1 == args.end()) return {};
  return {outdir + 2, args.end()};
}

TEST_F(FakeSoffice, BatchConvertsSeveralDocumentsWithOneSofficeStart) {
  const fs::path soffice = script("soffice", writes_pdf());
  std::vector<ConversionJob> jobs;
  for (int i = 1; i <= 5; ++i) {
    const std::string name = "paper " + std::to_string(i);
    jobs.push_back({input(name + ".docx"), outputs_ / (name + ".pdf")});
  }
  ConverterOptions options;
  options.soffice = soffice;
  options.workers = 1;
  options.scratch = folder_.path() / "scratch";
  std::vector<std::pair<std::size_t, std::size_t>> progress;

  const std::vector<ConversionResult> results = convert_to_pdf(
      jobs, options,
      [&](std::size_t done, std::size_t total) { progress.emplace_back(done, total); });

  ASSERT_EQ(results.size(), 5U);
  for (std::size_t i = 0; i < results.size(); ++i) {
    EXPECT_TRUE(results[i].ok) << results[i].error;
    EXPECT_EQ(results[i].input, jobs[i].input);
    EXPECT_EQ(pdftotext_page(jobs[i].output_pdf, 1), "paper " + std::to_string(i + 1));
  }
  ASSERT_EQ(recorded("args").size(), 1U);
  EXPECT_EQ(documents_per_run(), (std::vector<std::vector<std::string>>{
                                     {"paper 1", "paper 2", "paper 3", "paper 4", "paper 5"}}));
  const std::vector<std::pair<std::size_t, std::size_t>> expected = {
      {1, 5}, {2, 5}, {3, 5}, {4, 5}, {5, 5}};
  EXPECT_EQ(progress, expected);
  // The staged links are gone, and so are the PDFs (moved to their outputs).
  EXPECT_FALSE(fs::exists(options.scratch / "worker-1" / "in"));
  EXPECT_TRUE(fs::is_empty(options.scratch / "worker-1" / "out"));
}

// Two workers share six documents evenly: two runs of three; batch_size 1 is one run each.
TEST_F(FakeSoffice, WorkersShareTheDocumentsInBatchesUpToBatchSize) {
  const fs::path soffice = script("soffice", writes_pdf());
  std::vector<ConversionJob> jobs;
  for (int i = 1; i <= 6; ++i) {
    const std::string name = "paper" + std::to_string(i);
    jobs.push_back({input(name + ".docx"), outputs_ / (name + ".pdf")});
  }
  ConverterOptions options;
  options.soffice = soffice;
  options.workers = 2;

  for (const ConversionResult& result : convert_to_pdf(jobs, options)) {
    EXPECT_TRUE(result.ok) << result.error;
  }
  EXPECT_EQ(documents_per_run(),
            (std::vector<std::vector<std::string>>{{"paper1", "paper2", "paper3"},
                                                   {"paper4", "paper5", "paper6"}}));

  fs::remove_all(log_);
  fs::create_directories(log_);
  options.batch_size = 1;
  for (const ConversionResult& result : convert_to_pdf(jobs, options)) {
    EXPECT_TRUE(result.ok) << result.error;
  }
  EXPECT_EQ(recorded("args").size(), 6U);
  EXPECT_EQ(documents_per_run().at(0), std::vector<std::string>{"paper1"});
}

// soffice skips a file it cannot load and exits 0: that document is converted again alone, so
// its error is its own, and the others keep the PDFs of the batch.
TEST_F(FakeSoffice, DocumentWithoutPdfInABatchIsRetriedAloneAndTheOthersKeepTheirPdfs) {
  const fs::path soffice =
      script("soffice",
             "case \"$stem\" in\n"
             "  broken*) echo 'Error: source file could not be loaded' >&2 ;;\n"
             "  *) " +
                 writes_pdf() +
                 " ;;\n"
                 "esac");
  const std::vector<ConversionJob> jobs = {{input("one.docx"), outputs_ / "one.pdf"},
                                           {input("broken.docx"), outputs_ / "broken.pdf"},
                                           {input("two.docx"), outputs_ / "two.pdf"},
                                           {input("three.odt"), outputs_ / "three.pdf"}};
  ConverterOptions options;
  options.soffice = soffice;
  options.workers = 1;
  std::vector<std::size_t> done_counts;

  const std::vector<ConversionResult> results = convert_to_pdf(
      jobs, options, [&](std::size_t done, std::size_t) { done_counts.push_back(done); });

  ASSERT_EQ(results.size(), 4U);
  EXPECT_FALSE(results[1].ok);
  EXPECT_EQ(results[1].failure, ConversionFailure::no_pdf);
  EXPECT_NE(results[1].error.find("Error: source file could not be loaded"), std::string::npos)
      << results[1].error;
  EXPECT_FALSE(fs::exists(outputs_ / "broken.pdf"));
  EXPECT_EQ(pdftotext_page(outputs_ / "one.pdf", 1), "one");
  EXPECT_EQ(pdftotext_page(outputs_ / "two.pdf", 1), "two");
  EXPECT_EQ(pdftotext_page(outputs_ / "three.pdf", 1), "three");
  for (const std::size_t i : {0U, 2U, 3U}) EXPECT_TRUE(results[i].ok) << results[i].error;
  // The batch, then the broken document alone, by its own absolute path.
  EXPECT_EQ(documents_per_run(),
            (std::vector<std::vector<std::string>>{{"broken"}, {"one", "broken", "two", "three"}}));
  std::vector<std::string> alone;
  for (const fs::path& args : recorded("args")) {
    const std::vector<std::string> documents = documents_in_arguments(args);
    if (documents.size() == 1) alone = documents;
  }
  EXPECT_EQ(alone, std::vector<std::string>{fs::absolute(jobs[1].input).string()});
  EXPECT_EQ(done_counts, (std::vector<std::size_t>{1, 2, 3, 4}));
}

// A batch that exits non-zero keeps the complete PDFs it wrote; the document without one is
// converted again alone and reports its own status and stderr line.
TEST_F(FakeSoffice, BatchExitingNonZeroRetriesOnlyTheDocumentsWithoutPdf) {
  const fs::path soffice = script("soffice",
                                  "case \"$stem\" in\n"
                                  "  broken*) echo 'I/O error on the input' >&2; status=3 ;;\n"
                                  "  *) " +
                                      writes_pdf() +
                                      " ;;\n"
                                      "esac");
  const std::vector<ConversionJob> jobs = {{input("broken.docx"), outputs_ / "broken.pdf"},
                                           {input("one.docx"), outputs_ / "one.pdf"},
                                           {input("two.docx"), outputs_ / "two.pdf"}};
  ConverterOptions options;
  options.soffice = soffice;
  options.workers = 1;

  const std::vector<ConversionResult> results = convert_to_pdf(jobs, options);

  EXPECT_EQ(results.at(0).failure, ConversionFailure::exited_with_error);
  EXPECT_NE(results[0].error.find("status 3"), std::string::npos) << results[0].error;
  EXPECT_NE(results[0].error.find("I/O error on the input"), std::string::npos) << results[0].error;
  EXPECT_TRUE(results.at(1).ok) << results[1].error;
  EXPECT_TRUE(results.at(2).ok) << results[2].error;
  EXPECT_EQ(pdftotext_page(outputs_ / "two.pdf", 1), "two");
  EXPECT_EQ(documents_per_run(),
            (std::vector<std::vector<std::string>>{{"broken"}, {"broken", "one", "two"}}));
}

// A batch that stalls on a document is killed with its whole group once no document has been
// finished for the timeout; the PDF finished before stays, the others are converted alone.
TEST_F(FakeSoffice, BatchTimeoutKillsTheGroupAndTheDocumentsAreRetriedAlone) {
  const fs::path soffice = script("soffice", hangs_on_slow("leaders", "children"));
  const std::vector<ConversionJob> jobs = {{input("first.docx"), outputs_ / "first.pdf"},
                                           {input("slow.docx"), outputs_ / "slow.pdf"},
                                           {input("last.docx"), outputs_ / "last.pdf"}};
  ConverterOptions options;
  options.soffice = soffice;
  options.workers = 1;
  options.timeout_per_document = std::chrono::seconds(2);

  const auto start = std::chrono::steady_clock::now();
  const std::vector<ConversionResult> results = convert_to_pdf(jobs, options);
  const auto elapsed = std::chrono::steady_clock::now() - start;

  ASSERT_EQ(results.size(), 3U);
  EXPECT_TRUE(results[0].ok) << results[0].error;
  EXPECT_EQ(results[1].failure, ConversionFailure::timed_out);
  EXPECT_NE(results[1].error.find("2 s"), std::string::npos) << results[1].error;
  EXPECT_FALSE(fs::exists(outputs_ / "slow.pdf"));
  EXPECT_TRUE(results[2].ok) << results[2].error;
  EXPECT_EQ(pdftotext_page(outputs_ / "last.pdf", 1), "last");
  // The batch stopped at the slow document; it and the last went alone afterwards.
  EXPECT_EQ(documents_per_run(),
            (std::vector<std::vector<std::string>>{{"first", "slow"}, {"last"}, {"slow"}}));
  EXPECT_GE(elapsed, std::chrono::seconds(4));  // the batch's timeout, then the lone one's
  EXPECT_LT(elapsed, std::chrono::seconds(20));

  const std::vector<std::string> leaders = read_lines(log_ / "leaders");
  const std::vector<std::string> children = read_lines(log_ / "children");
  ASSERT_EQ(leaders.size(), 2U);
  ASSERT_EQ(children.size(), 2U);
  for (const std::string& leader : leaders) EXPECT_TRUE(group_is_gone(std::stoi(leader)));
  for (const std::string& child : children) EXPECT_FALSE(fs::exists("/proc/" + child));
  EXPECT_TRUE(no_children_left());
}

// Two inputs called x.docx in different folders and an x.odt go in one batch under names of
// their own, so no PDF overwrites another.
TEST_F(FakeSoffice, SameStemInputsDoNotCollideInABatch) {
  const fs::path soffice = script("soffice", writes_pdf());
  const std::vector<ConversionJob> jobs = {{input("a/x.docx", "from a"), outputs_ / "a.pdf"},
                                           {input("b/x.docx", "from b"), outputs_ / "b.pdf"},
                                           {input("x.odt", "the odt"), outputs_ / "odt.pdf"}};
  ConverterOptions options;
  options.soffice = soffice;
  options.workers = 1;

  const std::vector<ConversionResult> results = convert_to_pdf(jobs, options);

  for (const ConversionResult& result : results) EXPECT_TRUE(result.ok) << result.error;
  EXPECT_EQ(pdftotext_page(outputs_ / "a.pdf", 1), "from a");
  EXPECT_EQ(pdftotext_page(outputs_ / "b.pdf", 1), "from b");
  EXPECT_EQ(pdftotext_page(outputs_ / "odt.pdf", 1), "the odt");
  ASSERT_EQ(recorded("args").size(), 1U);
  const std::vector<std::string> staged = documents_in_arguments(recorded("args")[0]);
  EXPECT_EQ(staged.size(), 3U);
  EXPECT_EQ(std::set<std::string>(staged.begin(), staged.end()).size(), 3U);
}

// Progress comes while a batch runs: the third document's soffice waits for the first
// document's progress call, which only a report made during the run can give in time.
TEST_F(FakeSoffice, ProgressIsReportedWhileABatchRuns) {
  const fs::path go = log_ / "go";
  const fs::path soffice = script("soffice",
                                  "case \"$stem\" in gate*)\n"
                                  "  i=0\n"
                                  "  while [ ! -e '" +
                                      go.string() +
                                      "' ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done\n"
                                      "  [ -e '" +
                                      go.string() + "' ] && echo opened > '" + log_.string() +
                                      "/gate' ;;\n"
                                      "esac\n" +
                                      writes_pdf());
  const std::vector<ConversionJob> jobs = {{input("one.docx"), outputs_ / "one.pdf"},
                                           {input("two.docx"), outputs_ / "two.pdf"},
                                           {input("gate.docx"), outputs_ / "gate.pdf"}};
  ConverterOptions options;
  options.soffice = soffice;
  options.workers = 1;
  std::vector<std::size_t> done_counts;

  const std::vector<ConversionResult> results =
      convert_to_pdf(jobs, options, [&](std::size_t done, std::size_t) {
        done_counts.push_back(done);
        if (done == 1) write_bytes(go, "");
      });

  for (const ConversionResult& result : results) EXPECT_TRUE(result.ok) << result.error;
  EXPECT_EQ(read_lines(log_ / "gate"), std::vector<std::string>{"opened"});
  EXPECT_EQ(done_counts, (std::vector<std::size_t>{1, 2, 3}));
  EXPECT_EQ(recorded("args").size(), 1U);
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

// One soffice run for a batch of three documents with the same stem (two DOCX in different
// folders and an ODT): each PDF holds its own document's text.
TEST(LibreOfficeConverter, ConvertsABatchOfSameStemDocxAndOdtInOneRun) {
  const std::optional<fs::path> soffice = installed_soffice();
  if (!soffice) GTEST_SKIP() << "LibreOffice (soffice) is not installed";
  TemporaryFolder folder;
  fs::create_directories(folder.path() / "a");
  fs::create_directories(folder.path() / "b");
  write_docx(folder.path() / "a" / "minutes.docx", {"Minutes from folder a"});
  write_docx(folder.path() / "b" / "minutes.docx", {"Minutes from folder b"});
  write_odt(folder.path() / "minutes.odt", {"Minutes as ODT"});
  const fs::path pdfs = folder.path() / "pdfs";
  fs::create_directories(pdfs);
  const std::vector<ConversionJob> jobs = {{folder.path() / "a" / "minutes.docx", pdfs / "a.pdf"},
                                           {folder.path() / "b" / "minutes.docx", pdfs / "b.pdf"},
                                           {folder.path() / "minutes.odt", pdfs / "odt.pdf"}};
  ConverterOptions options;
  options.workers = 1;
  options.timeout_per_document = std::chrono::seconds(120);
  options.scratch = folder.path() / "scratch";

  const std::vector<ConversionResult> results = convert_to_pdf(jobs, options);

  for (const ConversionResult& result : results) EXPECT_TRUE(result.ok) << result.error;
  EXPECT_EQ(pdftotext_page(pdfs / "a.pdf", 1), "Minutes from folder a");
  EXPECT_EQ(pdftotext_page(pdfs / "b.pdf", 1), "Minutes from folder b");
  EXPECT_EQ(pdftotext_page(pdfs / "odt.pdf", 1), "Minutes as ODT");
  EXPECT_TRUE(no_process_uses(fs::absolute(options.scratch)));
  EXPECT_TRUE(no_children_left());
}

}  // namespace
