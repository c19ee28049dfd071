#pragma once
// Sections that are never closed, seen from the tags alone, so a schema check can judge the tags
// after one on their own instead of reporting each of them as unknown in the section's scope.

#include <cstddef>
#include <string>
#include <vector>

#include "templating/template.hpp"
#include "validation/field_catalogue.hpp"

namespace panelpack::office {

// A section tag that no close ends (an `unclosed_section`): the tags after it, up to `end`
// (exclusive), carry its name in their scope, though where the author meant it to end is unknown.
struct UnclosedSection {
  std::size_t tag = 0;  // index into the tags
  std::size_t end = 0;  // the first tag after it that is no longer inside it
};

// Every unclosed section of every part, in tag order. A section is closed when the first later
// tag of its part at its depth or above is a close at its depth (the engine pops the scope at a
// close, so that close's scope is the section's own).
std::vector<UnclosedSection> unclosed_sections(const std::vector<templating::TagInfo>& tags);

// The scope of tags[index] without the unclosed sections it was left inside: where it stands
// if those sections had been closed before it.
std::vector<std::string> scope_without_unclosed(const std::vector<templating::TagInfo>& tags,
                                                std::size_t index,
                                                const std::vector<UnclosedSection>& unclosed);

// A `section_without_hash` whose field the schema knows as a list says "starts a list" (the
// engine, knowing no schema, can only say "starts a section"). The code stays.
void name_lists_missing_their_hash(templating::CheckReport& report,
                                   const validation::FieldCatalogue& catalogue);

}  // namespace panelpack::office
