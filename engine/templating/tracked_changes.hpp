#pragma once
// Tracked changes in a template (Word's Track Changes, LibreOffice's Record Changes): the forms
// are written as if every change were accepted, so no filled form carries revision marks.
// Internal to the engine.

#include <cstddef>
#include <string>

#include <libxml/tree.h>

#include "templating/diagnostics.hpp"

namespace panelpack::templating {

// Accepts every tracked change under `root` in place: insertions and moves-to keep their
// content without the marks, deletions and moves-from go, old formatting records go, a
// deleted paragraph mark joins its paragraph to the next, a deleted table row goes
// (WordprocessingML); ODF's change region and its change marks go (the body already holds
// the changed text). Returns how many changes were found; 0 leaves the tree untouched.
std::size_t accept_tracked_changes(xmlNode* root);

// The warning `check` and `render` give for a part that held `count` tracked changes.
Diagnostic tracked_changes_warning(const std::string& part_name, std::size_t count);

}  // namespace panelpack::templating
