#include "office/documents/output_pattern.hpp"

#include <algorithm>

#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>

#include "office/documents/mustache_data.hpp"
#include "office/error.hpp"
#include "text/utf8.hpp"

namespace panelpack::office {
namespace {

namespace mustache = kainjow::mustache;

constexpr std::size_t max_component_bytes = 120;

bool is_control(unsigned char byte) {
  return byte < 0x20U || byte == 0x7FU;
}

bool is_replaced(char character) {
  constexpr std::string_view unsafe = "/\\:*?\"<>|";
  return unsafe.find(character) != std::string_view::npos;
}

// Cuts at most `limit` bytes without splitting a UTF-8 character.
void truncate_utf8(std::string& text, std::size_t limit) {
  text.resize(text::utf8_prefix_length(text, limit));
}

void trim(std::string& text, std::string_view leading, std::string_view trailing) {
  text.erase(0, std::min(text.size(), text.find_first_not_of(leading)));
  const auto last = text.find_last_not_of(trailing);
  text.resize(last == std::string::npos ? 0 : last + 1);
}

// Only the record's top-level fields the pattern can name are converted: a record may hold a
// large case file, the name needs one or two fields.
mustache::data fields_named_in(const std::string& pattern, const nlohmann::json& record) {
  mustache::data context{mustache::data::type::object};
  if (!record.is_object()) return context;
  for (const auto& [key, member] : record.items()) {
    if (pattern.find(key) != std::string::npos) context.set(key, to_mustache_data(member, 1));
  }
  return context;
}

void refuse_unescaped_tags(const std::string& pattern) {
  for (auto open = pattern.find("{{"); open != std::string::npos;
       open = pattern.find("{{", open + 2)) {
    const auto sigil = pattern.find_first_not_of(" \t", open + 2);
    if (sigil == std::string::npos) break;
    if (pattern[sigil] == '{' || pattern[sigil] == '&' || pattern[sigil] == '=') {
      throw OfficeError(OfficeError::Code::bad_argument,
                        std::string("the output pattern may not use {{") + pattern[sigil] +
                            "...}}: every value is escaped into a safe file name");
    }
  }
}

// The fixed directory before the first tag: "out/{{a}}/{{b}}.docx" -> "out".
std::filesystem::path base_directory_of(const std::string& pattern) {
  const std::string fixed = pattern.substr(0, pattern.find("{{"));
  const auto slash = fixed.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return std::filesystem::path(fixed.substr(0, slash)).lexically_normal();
}

bool is_inside(const std::filesystem::path& path, const std::filesystem::path& directory) {
  const auto relative = path.lexically_normal().lexically_relative(directory);
  return !relative.empty() && *relative.begin() != ".." && relative != ".";
}

}  // namespace

std::string file_name_component(std::string_view value) {
  std::string safe;
  safe.reserve(value.size());
  for (const char character : value) {
    if (is_control(static_cast<unsigned char>(character))) continue;
    safe += is_replaced(character) ? '_' : character;
  }
  trim(safe, " \t.", " \t.");
  truncate_utf8(safe, max_component_bytes);
  trim(safe, " ", " .");
  return safe.empty() ? "_" : safe;
}

struct OutputPattern::Renderer {
  explicit Renderer(const std::string& pattern) : renderer(pattern) {}
  mustache::mustache renderer;
};

OutputPattern::OutputPattern(const std::string& pattern)
    : pattern_(pattern), base_directory_(base_directory_of(pattern)) {
  if (pattern.empty()) {
    throw OfficeError(OfficeError::Code::bad_argument, "the output path (-o) is empty");
  }
  refuse_unescaped_tags(pattern);
  renderer_ = std::make_unique<Renderer>(pattern);
  if (!renderer_->renderer.is_valid()) {
    throw OfficeError(
        OfficeError::Code::bad_argument,
        "the output pattern is not valid Mustache: " + renderer_->renderer.error_message());
  }
  renderer_->renderer.set_custom_escape(
      [](const std::string& value) { return file_name_component(value); });
}

OutputPattern::~OutputPattern() = default;
OutputPattern::OutputPattern(OutputPattern&&) noexcept = default;
OutputPattern& OutputPattern::operator=(OutputPattern&&) noexcept = default;

std::filesystem::path OutputPattern::path_for(const nlohmann::json& record) {
  const std::string rendered = renderer_->renderer.render(fields_named_in(pattern_, record));
  if (!renderer_->renderer.is_valid()) {
    throw OutputNameError("the output pattern could not be rendered: " +
                          renderer_->renderer.error_message());
  }
  std::filesystem::path path(rendered);
  const std::string name = path.filename().string();
  // "out/.docx": the field the name needed is missing or empty.
  if (name.empty() || name.front() == '.') {
    throw OutputNameError("the output name is empty (are the fields in the pattern present?)");
  }
  if (!is_inside(path, base_directory_)) {
    throw OutputNameError("the output name " + rendered + " leaves the directory " +
                          base_directory_.string());
  }
  return path;
}

}  // namespace panelpack::office
