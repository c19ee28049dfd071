#pragma once
// A compiled part: the part's XML cut into literal text and the tags that fill it.
// Rendering walks this tree and appends to one string; nothing is parsed at render time.

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "templating/deflate_stream.hpp"
#include "templating/diagnostics.hpp"
#include "templating/filters.hpp"
#include "templating/markup_format.hpp"

namespace panelpack::templating {

// Where a tag is, so a render-time problem can name it like a compile-time one.
struct TagSite {
  int paragraph = 0;
  std::string excerpt;
  std::string tag;
  Location location;
};

// How a tag's name is looked up.
struct NameRef {
  enum class Kind { path, current, index, first, last };
  Kind kind = Kind::path;
  std::vector<std::string> segments;  // for Kind::path
  std::string text;                   // as typed, for messages
};

struct ValueSlot {
  NameRef name;
  std::vector<FilterCall> filters;
  bool has_default = false;  // `default` makes a missing value present
  std::size_t site = 0;
  bool starts_paragraph = false;  // no text before it in its paragraph
};

struct SectionSlot {
  NameRef name;
  bool inverted = false;
  std::size_t site = 0;
  // Page breaks from the close tag's paragraph: written once, at the end of the last
  // paragraph the section produced (docxtemplater does the same).
  std::string tail_in_last_paragraph;
  // The template handles the value being absent: the section is inverted ({{^x}}), or an
  // inverted section over the same name stands elsewhere in the part. --strict leaves it be.
  bool absence_handled = false;
};

struct ProgramNode {
  enum class Kind {
    literal,          // markup copied as it is (`literal`, deflated once: `slot`)
    value,            // a value tag: `slot` indexes values
    section,          // children repeated per item: `slot` indexes sections
    table_guard,      // children form a table: dropped whole if no row was written
    paragraph_guard,  // children fill a container that must end with a paragraph
  };
  Kind kind = Kind::literal;
  std::string literal;
  std::size_t slot = 0;
  std::vector<ProgramNode> children;
};

// Problems met while rendering: missing fields (strict) and values filters could not read.
struct RenderProblems {
  bool strict = false;
  std::vector<Diagnostic> missing;
  std::vector<Diagnostic> warnings;
};

class PartProgram {
 public:
  PartProgram(std::string part_name, const MarkupFormat& format, std::vector<ProgramNode> nodes,
              std::vector<ValueSlot> values, std::vector<SectionSlot> sections,
              std::vector<TagSite> sites);

  const std::string& part_name() const noexcept { return part_name_; }
  RenderedPart render(const nlohmann::json& data, RenderProblems& problems) const;

 private:
  struct Frame;
  struct State;
  void render_nodes(const std::vector<ProgramNode>& nodes, State& state, RenderedPart& out) const;
  void render_value(const ValueSlot& slot, State& state, RenderedPart& out) const;
  void render_value_text(const ValueSlot& slot, State& state, std::string& out) const;
  void render_section(const ProgramNode& node, State& state, RenderedPart& out) const;
  void append_tail(const SectionSlot& slot, std::size_t start, RenderedPart& out) const;
  void close_table_guard(std::size_t start, RenderedPart& out) const;
  void close_paragraph_guard(RenderedPart& out) const;
  void deflate_literals(std::vector<ProgramNode>& nodes);
  void mark_absence_handled();
  Diagnostic diagnostic_at(std::size_t site, std::string code, std::string message,
                           std::string hint) const;

  std::string part_name_;
  const MarkupFormat* format_;
  std::vector<ProgramNode> nodes_;
  std::vector<ValueSlot> values_;
  std::vector<SectionSlot> sections_;
  std::vector<TagSite> sites_;
  std::vector<DeflatedText> literals_;  // indexed by a literal node's slot
};

// The name as the renderer will look it up ("child.name", ".", "@index").
NameRef make_name_ref(const std::string& name);

}  // namespace panelpack::templating
