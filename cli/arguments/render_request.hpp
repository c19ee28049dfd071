#pragma once
// What `panelpack render` was asked to do, once its command line is read.

#include <string>

#include "exit_codes.hpp"
#include "templating/template.hpp"

namespace panelpack::cli {

struct RenderRequest {
  std::string template_path;
  std::string data_path;  // one JSON object; with --each, a records file or folder; "-" = stdin
  std::string output_pattern;  // -o: a path, possibly with {{field}} tags
  bool each = false;
  std::string schema_kind;  // --schema: the data is of this schema; unknown fields are refused
  unsigned jobs = 1;        // threads for --each (the command sets every core unless -j says)
  templating::CompileOptions compile;
  templating::RenderOptions render;
};

// Refuses (bad input, before anything is written) a template whose tags name fields the
// schema `schema_kind` lacks, printing check --schema's errors.
void refuse_schema_errors(const templating::Template& compiled, const RenderRequest& request,
                          const std::string& schema_kind);

// One document from one JSON object.
ExitCode render_one(const RenderRequest& request);

// One document per record, the template compiled once, records on `jobs` threads.
ExitCode render_each(const RenderRequest& request);

}  // namespace panelpack::cli
