#pragma once
// What both fuzz targets share: the fixed data rendered, and the one render-and-discard step.

#include <cstdio>
#include <cstdlib>
#include <string>

#include <nlohmann/json.hpp>

#include "templating/diagnostics.hpp"
#include "templating/template.hpp"

namespace panelpack::fuzz {

// Objects, lists, nesting and strings with every character escaping must handle
// (& < > " ', \n, \t, a NUL, a control character, non-ASCII).
inline const nlohmann::json& fuzz_data() {
  static const nlohmann::json data = [] {
    nlohmann::json value = nlohmann::json::parse(R"({
      "name": "Tom & Jerry <cat> \"quoted\" 'single'",
      "lines": "first\nsecond\tTabbed",
      "empty": "", "zero": 0, "yes": true, "no": false, "nothing": null,
      "amount": 1234.5, "date": "2026-11-22", "accent": "Zoë — naïve",
      "child": {"name": "Amelia", "dob": "2019-03-14", "address": {"town": "Northbridge"}},
      "items": [{"name": "a", "value": 1}, {"name": "b<", "value": 2}, {"name": "c&", "value": 3}],
      "words": ["x", "y\nz", "\t"],
      "nested": [{"rows": [{"cell": "1"}, {"cell": "2"}]}, {"rows": []}]
    })");
    static constexpr char kWithNul[] = "before\0after\x01\x1f end";
    value["nul"] = std::string(kWithNul, sizeof kWithNul - 1);
    return value;
  }();
  return data;
}

// Compiles and renders; the engine's documented errors are expected, anything else escapes.
inline void compile_and_render(std::string package_bytes) {
  namespace tpl = panelpack::templating;
  try {
    const tpl::Template compiled = tpl::Template::compile(std::move(package_bytes));
    tpl::RenderReport report;
    const std::string output = compiled.render(fuzz_data(), {}, &report);
    // A value can never break the XML: the output must open again.
    try {
      (void)tpl::check(output);
    } catch (const tpl::PackageError& error) {
      std::fprintf(stderr, "rendered output does not reopen: %s (%s)\n", error.what(),
                   error.code().c_str());
      std::abort();
    }
    try {
      (void)compiled.render(fuzz_data(), tpl::RenderOptions{.strict = true});
    } catch (const tpl::RenderError&) {
    }
  } catch (const tpl::PackageError&) {
  } catch (const tpl::TemplateError&) {
  } catch (const tpl::RenderError&) {
  }
}

}  // namespace panelpack::fuzz
