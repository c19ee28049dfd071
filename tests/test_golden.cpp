// Golden tests: every folder under tests/golden is one case (template kept unzipped as XML,
// zipped here), rendered and compared with its expected text, diagnostics and XML snippets.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/docx_text.hpp"
#include "templating/diagnostics.hpp"
#include "templating/template.hpp"
#include "templating/zip_archive.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using panelpack::templating::CompileOptions;
using panelpack::templating::Diagnostic;
using panelpack::templating::RenderError;
using panelpack::templating::RenderOptions;
using panelpack::templating::RenderReport;
using panelpack::templating::Template;
using panelpack::templating::TemplateError;
using panelpack::templating::ZipReader;
using panelpack::templating::ZipWriter;
using panelpack::testing::docx_text;
using panelpack::testing::main_document_part;

namespace {

const fs::path kGoldenDir = fs::path(PANELPACK_SOURCE_DIR) / "tests" / "golden";
const fs::path kCompatDir = fs::path(PANELPACK_SHARED_DIR) / "compat" / "docxtemplater";
const fs::path kRenderedDir = PANELPACK_RENDERED_DIR;

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// Written under a temporary name and renamed, so the LibreOffice test never reads half a file.
void write_atomically(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  const fs::path partial = path.parent_path() / ("." + path.filename().string() + ".partial");
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    out << bytes;
    if (!out.flush()) throw std::runtime_error("cannot write " + partial.string());
  }
  fs::rename(partial, path);
}

std::vector<std::string> case_names() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(kGoldenDir)) {
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// The package from template/: [Content_Types].xml first, as Word writes it, then by name.
std::string zip_template(const fs::path& template_dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::recursive_directory_iterator(template_dir)) {
    if (entry.is_regular_file()) {
      names.push_back(fs::relative(entry.path(), template_dir).generic_string());
    }
  }
  std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
    const bool a_first = a == "[Content_Types].xml";
    const bool b_first = b == "[Content_Types].xml";
    return a_first != b_first ? a_first : a < b;
  });
  ZipWriter writer;
  for (const auto& name : names) writer.add(name, read_text(template_dir / name));
  return writer.finish();
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// A unified-style listing of the differences ("-" expected only, "+" actual only).
std::string line_diff(const std::string& expected, const std::string& actual) {
  const auto a = split_lines(expected);
  const auto b = split_lines(actual);
  std::vector<std::vector<int>> common(a.size() + 1, std::vector<int>(b.size() + 1, 0));
  for (std::size_t i = a.size(); i-- > 0;) {
    for (std::size_t j = b.size(); j-- > 0;) {
      common[i][j] =
          a[i] == b[j] ? common[i + 1][j + 1] + 1 : std::max(common[i + 1][j], common[i][j + 1]);
    }
  }
  std::string out;
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && j < b.size() && a[i] == b[j]) {
      out += "  " + a[i++] + "\n";
      ++j;
    } else if (j < b.size() && (i == a.size() || common[i][j + 1] >= common[i + 1][j])) {
      out += "+ " + b[j++] + "\n";
    } else {
      out += "- " + a[i++] + "\n";
    }
  }
  return out;
}

// What a case pins about one diagnostic: never the message wording.
std::string diagnostic_key(const std::string& code, const std::string& severity,
                           const std::string& part, int paragraph, const std::string& tag) {
  return code + " | " + severity + " | " + part + " | paragraph " + std::to_string(paragraph) +
         " | " + tag;
}

std::string diagnostic_key(const Diagnostic& diagnostic) {
  return diagnostic_key(diagnostic.code, panelpack::templating::to_string(diagnostic.severity),
                        diagnostic.part, diagnostic.paragraph, diagnostic.tag);
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) out += "    " + line + "\n";
  return out.empty() ? "    (none)\n" : out;
}

std::vector<std::string> expected_diagnostics(const fs::path& file) {
  std::vector<std::string> keys;
  for (const auto& item : json::parse(read_text(file))) {
    keys.push_back(diagnostic_key(
        item.at("code").get<std::string>(), item.value("severity", std::string("error")),
        item.at("part").get<std::string>(), item.at("paragraph").get<int>(),
        item.at("tag").get<std::string>()));
  }
  std::sort(keys.begin(), keys.end());
  return keys;
}

// The XML with the white space between elements removed (Word writes none; our templates are
// indented), keeping the text of leaf elements such as <w:t xml:space="preserve"> </w:t>.
std::string without_indentation(const std::string& xml) {
  std::string out;
  out.reserve(xml.size());
  std::size_t at = 0;
  while (at < xml.size()) {
    const std::size_t gap_end = xml.find('<', at);
    if (gap_end == std::string::npos) {
      out.append(xml, at);
      break;
    }
    const std::string_view gap(xml.data() + at, gap_end - at);
    const bool blank = gap.find_first_not_of(" \t\r\n") == std::string_view::npos;
    const std::size_t last_tag = out.rfind('<');
    const bool after_start_tag = last_tag != std::string::npos && out.back() == '>' &&
                                 out[last_tag + 1] != '/' && out[last_tag + 1] != '?' &&
                                 out[out.size() - 2] != '/';
    const bool before_end_tag = xml.compare(gap_end, 2, "</") == 0;
    if (!blank || (after_start_tag && before_end_tag)) out.append(gap);
    const std::size_t tag_end = xml.find('>', gap_end);
    if (tag_end == std::string::npos) {
      out.append(xml, gap_end);
      break;
    }
    out.append(xml, gap_end, tag_end + 1 - gap_end);
    at = tag_end + 1;
  }
  return out;
}

// Substring expectations, one a line: "TEXT" (in the main part) or "PART<TAB>TEXT".
void check_xml_snippets(const ZipReader& output, const std::string& main_part, const fs::path& file,
                        bool present, std::vector<std::string>& problems) {
  if (!fs::exists(file)) return;
  for (const auto& line : split_lines(read_text(file))) {
    if (line.empty()) continue;
    std::string part = main_part;
    std::string snippet = line;
    if (const auto tab = line.find('\t'); tab != std::string::npos) {
      part = line.substr(0, tab);
      snippet = line.substr(tab + 1);
    }
    if (!output.find(part)) {
      problems.push_back("no part " + part + " in the output");
      continue;
    }
    const std::string xml = without_indentation(output.read(part));
    if ((xml.find(snippet) != std::string::npos) != present) {
      problems.push_back(part + (present ? " lacks: " : " holds: ") + snippet + "\n--- " + part +
                         " ---\n" + xml);
    }
  }
}

struct GoldenCase {
  CompileOptions compile_options;
  RenderOptions render_options;
  json data;
};

GoldenCase load_case(const fs::path& dir) {
  GoldenCase golden{{}, {}, json::parse(read_text(dir / "data.json"))};
  if (fs::exists(dir / "options.json")) {
    const json options = json::parse(read_text(dir / "options.json"));
    if (options.contains("delimiters")) {
      golden.compile_options.delimiters = {options["delimiters"].at(0).get<std::string>(),
                                           options["delimiters"].at(1).get<std::string>()};
    }
    golden.render_options.strict = options.value("strict", false);
  }
  return golden;
}

std::vector<std::string> sorted_keys(const std::vector<Diagnostic>& diagnostics, bool errors_only) {
  std::vector<std::string> keys;
  for (const auto& diagnostic : diagnostics) {
    if (!errors_only || diagnostic.severity == panelpack::templating::Severity::error) {
      keys.push_back(diagnostic_key(diagnostic));
    }
  }
  std::sort(keys.begin(), keys.end());
  return keys;
}

// Runs one case and returns what differs from its expectations (empty when it passes).
std::vector<std::string> run_case(const std::string& name) {
  const fs::path dir = kGoldenDir / name;
  const bool expects_text = fs::exists(dir / "expected.txt");
  const bool expects_diagnostics = fs::exists(dir / "expected_errors.json");
  if (!expects_text && !expects_diagnostics) return {"needs expected.txt or expected_errors.json"};
  std::vector<std::string> problems;
  const std::string package = zip_template(dir / "template");
  const GoldenCase golden = load_case(dir);

  // Compile-time errors and warnings as `check` reports them, then what rendering adds.
  const auto report = panelpack::templating::check(package, golden.compile_options);
  std::vector<std::string> actual = sorted_keys(report.diagnostics, false);
  std::string output;
  if (report.has_errors()) {
    try {
      (void)Template::compile(package, golden.compile_options);
      problems.emplace_back("check reports errors but compile does not throw");
    } catch (const TemplateError& error) {
      if (sorted_keys(error.diagnostics(), false) != sorted_keys(report.diagnostics, true)) {
        problems.emplace_back("compile throws other errors than check reports:\n" +
                              joined(sorted_keys(error.diagnostics(), false)));
      }
    }
  } else {
    const Template compiled = Template::compile(package, golden.compile_options);
    RenderReport render_report;
    try {
      output = compiled.render(golden.data, golden.render_options, &render_report);
      for (const auto& key : sorted_keys(render_report.warnings, false)) actual.push_back(key);
    } catch (const RenderError& error) {
      for (const auto& key : sorted_keys(error.diagnostics(), false)) actual.push_back(key);
    }
  }
  std::sort(actual.begin(), actual.end());
  const std::vector<std::string> expected = expects_diagnostics
                                                ? expected_diagnostics(dir / "expected_errors.json")
                                                : std::vector<std::string>{};
  if (expected != actual) {
    problems.push_back(
        "diagnostics differ (code | severity | part | paragraph | tag)\n  expected:\n" +
        joined(expected) + "  actual:\n" + joined(actual));
  }

  if (!expects_text) {
    if (!output.empty())
      problems.emplace_back("an output was produced but there is no expected.txt");
    return problems;
  }
  if (output.empty()) {
    problems.emplace_back("no output was produced");
    return problems;
  }
  // An output pinned as an engine bug shows wrong text, so LibreOffice is not asked to check it.
  const fs::path kept = kRenderedDir / ("golden-" + name + ".docx");
  if (fs::exists(dir / "engine_bug.txt")) {
    fs::remove(kept);
  } else {
    write_atomically(kept, output);
  }
  const std::string expected_text = read_text(dir / "expected.txt");
  const std::string actual_text = docx_text(output);
  if (expected_text != actual_text) {
    problems.push_back("visible text differs (- expected, + actual):\n" +
                       line_diff(expected_text, actual_text));
  }
  const ZipReader rendered(output);
  const std::string main_part = main_document_part(output);
  check_xml_snippets(rendered, main_part, dir / "expected_xml_contains.txt", true, problems);
  check_xml_snippets(rendered, main_part, dir / "expected_xml_absent.txt", false, problems);
  return problems;
}

class GoldenTest : public ::testing::TestWithParam<std::string> {};

// A case with engine_bug.txt pins a known engine bug: skipped while it fails, and failing once
// it passes, so the file is removed with the fix.
TEST_P(GoldenTest, RendersAsExpected) {
  const std::vector<std::string> problems = run_case(GetParam());
  const fs::path bug_note = kGoldenDir / GetParam() / "engine_bug.txt";
  if (fs::exists(bug_note)) {
    if (problems.empty()) {
      ADD_FAILURE() << "the engine bug in " << bug_note << " is fixed: delete that file";
    } else {
      GTEST_SKIP() << "engine bug: " << read_text(bug_note) << joined(problems);
    }
    return;
  }
  for (const auto& problem : problems) ADD_FAILURE() << GetParam() << ": " << problem;
}

INSTANTIATE_TEST_SUITE_P(Cases, GoldenTest, ::testing::ValuesIn(case_names()),
                         [](const ::testing::TestParamInfo<std::string>& param_info) {
                           return param_info.param;
                         });

// extract_text.py run on FILE, with the lines of parts it does not read removed from `ours`.
std::string python_text(const fs::path& file) {
  const std::string command = "/usr/bin/python3 '" + (kCompatDir / "extract_text.py").string() +
                              "' '" + file.string() + "'";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  if (!pipe) throw std::runtime_error("cannot run " + command);
  std::string text;
  char buffer[4096];
  for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe.get())) > 0;)
    text.append(buffer, n);
  return text;
}

std::string without_notes(const std::string& text) {
  std::string out;
  for (const auto& line : split_lines(text)) {
    if (line.rfind("word/footnotes.xml\t", 0) == 0 || line.rfind("word/endnotes.xml\t", 0) == 0) {
      continue;
    }
    out += line + "\n";
  }
  return out;
}

void expect_same_as_python(const std::string& package, const std::string& label) {
  const fs::path file =
      fs::temp_directory_path() / ("panelpack-docx-text-" + std::to_string(getpid()) + ".docx");
  write_atomically(file, package);
  const std::string expected = python_text(file);
  fs::remove(file);
  const std::string actual = without_notes(docx_text(package));
  EXPECT_EQ(expected, actual) << label << " (- extract_text.py, + docx_text):\n"
                              << line_diff(expected, actual);
}

// The C++ extractor agrees with the corpus's extract_text.py on templates and rendered outputs.
TEST(DocxText, MatchesExtractTextPyOnCompatCorpus) {
  int compared = 0;
  for (const auto& entry : fs::directory_iterator(kCompatDir / "cases")) {
    const fs::path dir = entry.path();
    if (dir.filename() == "tag_spanning_paragraphs") continue;  // a compile error by our contract
    const std::string package = read_text(dir / "template.docx");
    expect_same_as_python(package, dir.filename().string() + " template");
    const json options = json::parse(read_text(dir / "options.json"));
    CompileOptions compile_options;
    compile_options.delimiters = {options["delimiters"].at(0).get<std::string>(),
                                  options["delimiters"].at(1).get<std::string>()};
    const std::string output = Template::compile(package, compile_options)
                                   .render(json::parse(read_text(dir / "data.json")));
    expect_same_as_python(output, dir.filename().string() + " output");
    ++compared;
  }
  EXPECT_GE(compared, 39);
}

// ... and on the golden templates, which hold text boxes, notes and properties the corpus lacks.
TEST(DocxText, MatchesExtractTextPyOnGoldenTemplates) {
  for (const auto& name : case_names()) {
    expect_same_as_python(zip_template(kGoldenDir / name / "template"), name + " template");
  }
}

}  // namespace
