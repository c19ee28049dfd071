#include "console/server/page_templates.hpp"

#include <algorithm>
#include <system_error>
#include <vector>

#include <kainjow/mustache.hpp>

#include "office/documents/mustache_data.hpp"
#include "office/error.hpp"
#include "office/files.hpp"
#include "office/validated_json.hpp"

namespace panelpack::console {

namespace fs = std::filesystem;
namespace mustache = kainjow::mustache;

namespace {

office::OfficeError render_error(const fs::path& file, const std::string& why) {
  return office::OfficeError(office::OfficeError::Code::bad_input, file.string() + ": " + why);
}

}  // namespace

// The layout compiled once; each page's text is kept (a partial is given as text, which
// kainjow compiles as it renders) after being checked to compile.
struct PageTemplates::Compiled {
  std::string layout_text;
  std::map<std::string, std::string> pages;
};

PageTemplates::PageTemplates(fs::path folder)
    : folder_(std::move(folder)), compiled_(std::make_unique<Compiled>()) {}
PageTemplates::~PageTemplates() = default;
PageTemplates::PageTemplates(PageTemplates&&) noexcept = default;
PageTemplates& PageTemplates::operator=(PageTemplates&&) noexcept = default;

PageTemplates PageTemplates::load(const fs::path& folder) {
  PageTemplates templates(folder);
  std::vector<std::string> problems;
  const auto read = [&](const std::string& name) -> std::string {
    const fs::path path = folder / (name + ".mustache");
    std::error_code error;
    if (!fs::is_regular_file(path, error)) {
      problems.push_back(path.string() + ": the console's page template is missing");
      return "";
    }
    std::string text = office::read_input(path.string());
    if (const std::string tag = office::first_unescaped_tag(text); !tag.empty()) {
      problems.push_back(path.string() + ": " + tag +
                         " would put a value into the page unescaped; write {{name}}");
      return "";
    }
    if (const mustache::mustache compiled(text); !compiled.is_valid()) {
      problems.push_back(path.string() + ": not valid Mustache: " + compiled.error_message());
      return "";
    }
    return text;
  };
  templates.compiled_->layout_text = read("layout");
  for (const char* page : kPages) templates.compiled_->pages.emplace(page, read(page));
  if (!problems.empty()) {
    throw office::OfficeError(office::OfficeError::Code::bad_input,
                              office::problems_message(problems));
  }
  return templates;
}

std::string PageTemplates::render(const std::string& name, const nlohmann::json& data) const {
  const auto page = compiled_->pages.find(name);
  if (page == compiled_->pages.end()) {
    throw render_error(folder_ / (name + ".mustache"), "no such page");
  }
  // A mustache object per render: kainjow keeps its error state in the object.
  mustache::mustache layout(compiled_->layout_text);
  mustache::data context = office::to_mustache_data(data);
  const std::string& page_text = page->second;
  context.set("content", mustache::partial([&page_text]() { return page_text; }));
  std::string html = layout.render(context);
  if (!layout.is_valid()) {
    throw render_error(folder_ / (name + ".mustache"), layout.error_message());
  }
  return html;
}

}  // namespace panelpack::console
