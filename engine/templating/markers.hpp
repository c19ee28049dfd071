#pragma once
// The markers a compiled part carries where its tags were: processing instructions put into
// the XML tree, so that serialising the tree and cutting at them gives the program.
// PIs are valid anywhere XML allows markup, and libxml2 writes them back unchanged.

#include <string>
#include <string_view>
#include <vector>

#include <libxml/tree.h>

#include "templating/program.hpp"

namespace panelpack::templating {

// The PI target. Marker data is one letter and, where needed, a slot number:
//   v<slot>  a value          s<slot> / e<slot>  a section opens / closes
//   t / u    a table guard    g / h              a paragraph guard
inline constexpr const char* kMarkerTarget = "panelpack-m";

// True for a PI that is one of our markers.
bool is_marker(const xmlNode* node);

// True for a PI or comment that mentions the marker target: a crafted one is removed before
// compiling so that it can never reach the cutter.
bool mentions_marker(const xmlNode* node);

// Cuts serialised XML at the markers into literal text, values, sections and guards.
// Throws std::logic_error if the markers do not balance (a bug, never a template mistake).
std::vector<ProgramNode> cut_at_markers(std::string_view xml, const std::string& part_name);

}  // namespace panelpack::templating
