#include "templating/program.hpp"

#include <deque>
#include <set>
#include <utility>

#include "templating/tag_lexer.hpp"
#include "templating/value_text.hpp"

namespace panelpack::templating {

// One level of context: the data a section pushed, and its place in a list if it was one.
struct PartProgram::Frame {
  const nlohmann::json* value = nullptr;
  long index = -1;  // 0-based position in the innermost list; -1 when not a list item
  long count = 0;
  nlohmann::json index_value;  // @index as JSON (1-based), kept here so lookups can point at it
};

struct PartProgram::State {
  // A deque keeps pointers into earlier frames valid while deeper ones are pushed.
  std::deque<Frame> frames;
  RenderProblems* problems = nullptr;
  std::string scratch;  // one value's escaped text, reused
};

namespace {

const nlohmann::json kTrue = true;
const nlohmann::json kFalse = false;

}  // namespace

NameRef make_name_ref(const std::string& name) {
  NameRef ref;
  ref.text = name;
  if (name == ".") {
    ref.kind = NameRef::Kind::current;
  } else if (name == "@index") {
    ref.kind = NameRef::Kind::index;
  } else if (name == "@first") {
    ref.kind = NameRef::Kind::first;
  } else if (name == "@last") {
    ref.kind = NameRef::Kind::last;
  } else {
    ref.segments = split_path(name);
  }
  return ref;
}

PartProgram::PartProgram(std::string part_name, const MarkupFormat& format,
                         std::vector<ProgramNode> nodes, std::vector<ValueSlot> values,
                         std::vector<SectionSlot> sections, std::vector<TagSite> sites)
    : part_name_(std::move(part_name)),
      format_(&format),
      nodes_(std::move(nodes)),
      values_(std::move(values)),
      sections_(std::move(sections)),
      sites_(std::move(sites)) {
  deflate_literals(nodes_);
  mark_absence_handled();
}

// `{{#sitting}}…{{/sitting}}{{^sitting}}…{{/sitting}}` says what to print without a sitting:
// under --strict neither half makes the missing value an error.
void PartProgram::mark_absence_handled() {
  std::set<std::string> inverted;
  for (const SectionSlot& slot : sections_) {
    if (slot.inverted) inverted.insert(slot.name.text);
  }
  for (SectionSlot& slot : sections_) slot.absence_handled = inverted.contains(slot.name.text);
}

void PartProgram::deflate_literals(std::vector<ProgramNode>& nodes) {
  for (ProgramNode& node : nodes) {
    if (node.kind == ProgramNode::Kind::literal) {
      node.slot = literals_.size();
      literals_.push_back(deflate_once(node.literal));
    }
    deflate_literals(node.children);
  }
}

namespace {

// Mustache lookup: the first segment is searched from the innermost context outwards; once
// found, the rest is looked up only inside it.
template <typename Frames>
const nlohmann::json* lookup(const NameRef& name, const Frames& frames) {
  switch (name.kind) {
    case NameRef::Kind::current:
      return frames.back().value;
    case NameRef::Kind::index:
    case NameRef::Kind::first:
    case NameRef::Kind::last:
      for (auto it = frames.rbegin(); it != frames.rend(); ++it) {
        if (it->index < 0) continue;
        if (name.kind == NameRef::Kind::index) return &it->index_value;
        if (name.kind == NameRef::Kind::first) return it->index == 0 ? &kTrue : &kFalse;
        return it->index + 1 == it->count ? &kTrue : &kFalse;
      }
      return nullptr;
    case NameRef::Kind::path:
      break;
  }
  const nlohmann::json* found = nullptr;
  for (auto it = frames.rbegin(); it != frames.rend(); ++it) {
    const nlohmann::json* value = it->value;
    if (value == nullptr || !value->is_object()) continue;
    auto member = value->find(name.segments.front());
    if (member != value->end()) {
      found = &*member;
      break;
    }
  }
  for (std::size_t i = 1; found != nullptr && i < name.segments.size(); ++i) {
    if (!found->is_object()) return nullptr;
    auto member = found->find(name.segments[i]);
    found = member == found->end() ? nullptr : &*member;
  }
  return found;
}

}  // namespace

RenderedPart PartProgram::render(const nlohmann::json& data, RenderProblems& problems) const {
  State state;
  state.problems = &problems;
  state.frames.push_back(Frame{&data, -1, 0, nullptr});
  RenderedPart out;
  render_nodes(nodes_, state, out);
  return out;
}

void PartProgram::render_nodes(const std::vector<ProgramNode>& nodes, State& state,
                               RenderedPart& out) const {
  for (const ProgramNode& node : nodes) {
    switch (node.kind) {
      case ProgramNode::Kind::literal:
        out.append(literals_[node.slot]);
        break;
      case ProgramNode::Kind::value:
        render_value(values_[node.slot], state, out);
        break;
      case ProgramNode::Kind::section:
        render_section(node, state, out);
        break;
      case ProgramNode::Kind::table_guard: {
        const std::size_t start = out.mark();
        render_nodes(node.children, state, out);
        close_table_guard(start, out);
        break;
      }
      case ProgramNode::Kind::paragraph_guard:
        render_nodes(node.children, state, out);
        close_paragraph_guard(out);
        break;
    }
  }
}

void PartProgram::render_value(const ValueSlot& slot, State& state, RenderedPart& out) const {
  state.scratch.clear();
  render_value_text(slot, state, state.scratch);
  out.append(state.scratch);
}

void PartProgram::render_value_text(const ValueSlot& slot, State& state, std::string& out) const {
  const nlohmann::json* value = lookup(slot.name, state.frames);
  if (slot.filters.empty()) {
    if (value == nullptr && state.problems->strict) {
      state.problems->missing.push_back(diagnostic_at(
          slot.site, "missing_field", "no value for '" + slot.name.text + "' in the data",
          "add the field to the data, or use {{" + slot.name.text + " | default:\"…\"}}"));
    }
    if (value != nullptr && value->is_string()) {
      append_xml_escaped(out, value->get_ref<const std::string&>(), format_->escapes,
                         slot.starts_paragraph);
    } else {
      append_xml_escaped(out, value_to_text(value), format_->escapes, slot.starts_paragraph);
    }
    return;
  }
  std::vector<FilterProblem> filter_problems;
  FilteredValue filtered = apply_filters(value, slot.filters, filter_problems);
  if (filtered.missing && state.problems->strict) {
    state.problems->missing.push_back(diagnostic_at(
        slot.site, "missing_field", "no value for '" + slot.name.text + "' in the data",
        "add the field to the data, or add | default:\"…\" to the tag"));
  }
  for (const auto& problem : filter_problems) {
    Diagnostic diagnostic = diagnostic_at(
        slot.site, "filter_input",
        "the " + problem.filter + " filter: value of '" + slot.name.text + "' " + problem.message,
        "correct the value in the data");
    if (state.problems->strict) {
      state.problems->missing.push_back(std::move(diagnostic));
    } else {
      diagnostic.severity = Severity::warning;
      state.problems->warnings.push_back(std::move(diagnostic));
    }
  }
  append_xml_escaped(out, filtered.text, format_->escapes, slot.starts_paragraph);
}

void PartProgram::render_section(const ProgramNode& node, State& state, RenderedPart& out) const {
  const SectionSlot& slot = sections_[node.slot];
  const nlohmann::json* value = lookup(slot.name, state.frames);
  if (value == nullptr && state.problems->strict && !slot.absence_handled) {
    state.problems->missing.push_back(diagnostic_at(
        slot.site, "missing_field", "no value for section '" + slot.name.text + "' in the data",
        "add the field to the data (false, null or [] count as present)"));
  }
  const bool truthy = is_truthy(value);
  const std::size_t start = out.mark();
  if (slot.inverted) {
    if (!truthy) render_nodes(node.children, state, out);
    append_tail(slot, start, out);
    return;
  }
  if (!truthy) return;
  if (value->is_array()) {
    const long count = static_cast<long>(value->size());
    long index = 0;
    for (const auto& item : *value) {
      state.frames.push_back(Frame{&item, index, count, index + 1});
      render_nodes(node.children, state, out);
      state.frames.pop_back();
      ++index;
    }
    append_tail(slot, start, out);
    return;
  }
  state.frames.push_back(Frame{value, -1, 0, nullptr});
  render_nodes(node.children, state, out);
  state.frames.pop_back();
  append_tail(slot, start, out);
}

void PartProgram::append_tail(const SectionSlot& slot, std::size_t start, RenderedPart& out) const {
  if (slot.tail_in_last_paragraph.empty() || out.mark() == start) return;
  out.insert_before_last(start, format_->paragraph_close, slot.tail_in_last_paragraph);
}

void PartProgram::close_table_guard(std::size_t start, RenderedPart& out) const {
  // A table whose every row was removed is not a table Word will open: drop it.
  if (!out.contains_since(start, format_->row_open, "> /")) out.cut_back_to(start);
}

void PartProgram::close_paragraph_guard(RenderedPart& out) const {
  // Word needs a cell (text box, header...) to end with a paragraph. The guard's open
  // marker sits right after the container's start tag, so the end of the output is the
  // end of the container's content so far.
  std::string end = out.tail(256);
  while (!end.empty() &&
         (end.back() == ' ' || end.back() == '\n' || end.back() == '\r' || end.back() == '\t')) {
    end.pop_back();
  }
  const std::string_view content(end);
  const auto& close = format_->paragraph_close;
  if (content.size() >= close.size() && content.substr(content.size() - close.size()) == close) {
    return;
  }
  if (content.size() >= 2 && content.substr(content.size() - 2) == "/>") {
    const std::size_t last_open = content.rfind('<');
    if (last_open != std::string_view::npos &&
        content.substr(last_open, format_->paragraph_open.size()) == format_->paragraph_open) {
      const std::size_t next = last_open + format_->paragraph_open.size();
      if (next < content.size() && (content[next] == ' ' || content[next] == '/')) return;
    }
  }
  out.append(format_->empty_paragraph);
}

Diagnostic PartProgram::diagnostic_at(std::size_t site, std::string code, std::string message,
                                      std::string hint) const {
  const TagSite& where = sites_[site];
  Diagnostic diagnostic;
  diagnostic.code = std::move(code);
  diagnostic.severity = Severity::error;
  diagnostic.part = part_name_;
  diagnostic.paragraph = where.paragraph;
  diagnostic.excerpt = where.excerpt;
  diagnostic.tag = where.tag;
  diagnostic.location = where.location;
  diagnostic.message = std::move(message);
  diagnostic.hint = std::move(hint);
  return diagnostic;
}

}  // namespace panelpack::templating
