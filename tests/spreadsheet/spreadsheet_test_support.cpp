#include "spreadsheet_test_support.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <system_error>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "templating/zip_archive.hpp"

namespace panelpack::spreadsheet::testing {
namespace fs = std::filesystem;

std::string part_of(const std::string& package, std::string_view name) {
  return templating::ZipReader(package).read(name);
}

std::vector<std::string> entry_names(const std::string& package) {
  std::vector<std::string> names;
  const templating::ZipReader reader(package);
  for (const auto& entry : reader.entries()) names.push_back(entry.name);
  return names;
}

struct XmlQuery::State {
  xmlDocPtr document = nullptr;
  xmlXPathContextPtr context = nullptr;
  ~State() {
    xmlXPathFreeContext(context);
    xmlFreeDoc(document);
  }
};

namespace {

const char* const namespaces[][2] = {
    {"m", "http://schemas.openxmlformats.org/spreadsheetml/2006/main"},
    {"r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships"},
    {"pr", "http://schemas.openxmlformats.org/package/2006/relationships"},
    {"ct", "http://schemas.openxmlformats.org/package/2006/content-types"},
    {"cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"},
    {"dc", "http://purl.org/dc/elements/1.1/"},
    {"dcterms", "http://purl.org/dc/terms/"},
    {"office", "urn:oasis:names:tc:opendocument:xmlns:office:1.0"},
    {"table", "urn:oasis:names:tc:opendocument:xmlns:table:1.0"},
    {"text", "urn:oasis:names:tc:opendocument:xmlns:text:1.0"},
    {"style", "urn:oasis:names:tc:opendocument:xmlns:style:1.0"},
    {"fo", "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"},
};

const xmlChar* xml_chars(const char* text) {
  return reinterpret_cast<const xmlChar*>(text);
}

std::string take_string(xmlChar* text) {
  std::string result = text ? reinterpret_cast<const char*>(text) : "";
  xmlFree(text);
  return result;
}

}  // namespace

XmlQuery::XmlQuery(const std::string& xml) : state_(std::make_unique<State>()) {
  state_->document = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "part.xml", nullptr,
                                   XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (!state_->document) throw std::runtime_error("not well-formed XML");
  state_->context = xmlXPathNewContext(state_->document);
  for (const auto& pair : namespaces) {
    xmlXPathRegisterNs(state_->context, xml_chars(pair[0]), xml_chars(pair[1]));
  }
}

XmlQuery::~XmlQuery() = default;

std::string XmlQuery::operator()(const std::string& expression) const {
  xmlXPathObjectPtr result = xmlXPathEvalExpression(xml_chars(expression.c_str()), state_->context);
  if (!result) throw std::runtime_error("bad XPath: " + expression);
  std::string text = take_string(xmlXPathCastToString(result));
  xmlXPathFreeObject(result);
  return text;
}

std::vector<std::string> XmlQuery::all(const std::string& expression) const {
  xmlXPathObjectPtr result = xmlXPathEvalExpression(xml_chars(expression.c_str()), state_->context);
  if (!result) throw std::runtime_error("bad XPath: " + expression);
  std::vector<std::string> texts;
  if (result->type == XPATH_NODESET && result->nodesetval) {
    for (int i = 0; i < result->nodesetval->nodeNr; ++i) {
      texts.push_back(take_string(xmlXPathCastNodeToString(result->nodesetval->nodeTab[i])));
    }
  }
  xmlXPathFreeObject(result);
  return texts;
}

std::vector<std::vector<std::string>> parse_csv(std::string_view text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false;
  bool field_started = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
      field_started = true;
    } else if (c == ',') {
      record.push_back(std::move(field));
      field.clear();
      field_started = true;
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      record.push_back(std::move(field));
      field.clear();
      records.push_back(std::move(record));
      record.clear();
      field_started = false;
    } else {
      field += c;
      field_started = true;
    }
  }
  if (field_started || !record.empty()) {
    record.push_back(std::move(field));
    records.push_back(std::move(record));
  }
  return records;
}

TemporaryFolder::TemporaryFolder() {
  std::string pattern = (fs::temp_directory_path() / "panelpack-spreadsheet-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) {
    throw std::system_error(errno, std::generic_category(), "mkdtemp");
  }
  path_ = pattern;
}

TemporaryFolder::~TemporaryFolder() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

ProgramOutput run_program(const std::vector<std::string>& argv,
                          const std::vector<std::string>& environment) {
  int pipe_ends[2];
  if (::pipe2(pipe_ends, O_CLOEXEC) != 0) return {};
  posix_spawn_file_actions_t actions;
  ::posix_spawn_file_actions_init(&actions);
  ::posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  ::posix_spawn_file_actions_adddup2(&actions, pipe_ends[1], STDOUT_FILENO);
  ::posix_spawn_file_actions_adddup2(&actions, pipe_ends[1], STDERR_FILENO);
  std::vector<std::string> arguments = argv;
  std::vector<char*> argument_pointers;
  for (std::string& argument : arguments) argument_pointers.push_back(argument.data());
  argument_pointers.push_back(nullptr);
  std::vector<std::string> variables = environment;
  for (char** entry = environ; *entry; ++entry) variables.emplace_back(*entry);
  std::vector<char*> variable_pointers;
  for (std::string& variable : variables) variable_pointers.push_back(variable.data());
  variable_pointers.push_back(nullptr);
  pid_t pid = 0;
  const int spawned = ::posix_spawnp(&pid, argument_pointers[0], &actions, nullptr,
                                     argument_pointers.data(), variable_pointers.data());
  ::posix_spawn_file_actions_destroy(&actions);
  ::close(pipe_ends[1]);
  ProgramOutput output;
  if (spawned != 0) {
    ::close(pipe_ends[0]);
    return output;
  }
  char buffer[4096];
  for (;;) {
    const ssize_t got = ::read(pipe_ends[0], buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    output.out.append(buffer, static_cast<std::size_t>(got));
  }
  ::close(pipe_ends[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) output.exit_status = WEXITSTATUS(status);
  return output;
}

std::string find_on_path(const std::string& program) {
  const char* path = std::getenv("PATH");
  std::string_view rest = path ? path : "/usr/bin:/bin";
  while (!rest.empty()) {
    const std::size_t colon = rest.find(':');
    const fs::path candidate = fs::path(rest.substr(0, colon)) / program;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
    if (colon == std::string_view::npos) break;
    rest.remove_prefix(colon + 1);
  }
  return "";
}

}  // namespace panelpack::spreadsheet::testing
