#pragma once
// The same mistake typed many times is one entry with its count and its places, in the order a
// reader meets them in the document, under a summary line ("3 mistakes in 2 places").

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "templating/diagnostics.hpp"

namespace panelpack::office {

// One place a mistake was found: the paragraph and where it sits in Word's terms.
struct DiagnosticPlace {
  std::string part;
  int paragraph = 0;
  std::string excerpt;
  templating::Location location;
};

// Every diagnostic with the same code, severity, tag and message. `first` is the first in
// document order (its own place included); `places` holds each distinct place, in order.
struct DiagnosticGroup {
  templating::Diagnostic first;
  std::size_t count = 0;  // how many times it was found (a place may hold it twice)
  std::vector<DiagnosticPlace> places;
};

struct DiagnosticSummary {
  std::size_t mistakes = 0;  // groups, errors and warnings together
  std::size_t errors = 0;    // groups that are errors
  std::size_t warnings = 0;  // groups that are warnings
  std::size_t places = 0;    // distinct places over every group
};

// Main text first in reading order, then headers, footers, footnotes, endnotes, the rest: by
// Location::order when the engine set it, else by part and paragraph. Stable.
void put_in_document_order(std::vector<templating::Diagnostic>& diagnostics);

// Groups in document order of their first place.
std::vector<DiagnosticGroup> group_diagnostics(std::vector<templating::Diagnostic> diagnostics);

DiagnosticSummary summarise(const std::vector<DiagnosticGroup>& groups);

// "3 mistakes (2 errors, 1 warning) in 5 places", "2 mistakes in 2 places", "1 warning in 1
// place", "no mistakes".
std::string summary_words(const DiagnosticSummary& summary);

// "Main text", "Header", "Footer", "Footnote", "Endnote", "Comment" from the part's name
// ("word/header2.xml"); ODT's styles.xml holds its headers and footers.
std::string part_words(const std::string& part);

// Where, as a Word user would look for it: describe_location() when the engine placed it, else
// "Main text, paragraph 12".
std::string place_words(const DiagnosticPlace& place);

DiagnosticPlace place_of(const templating::Diagnostic& diagnostic);

// A group's places as a reader tells them apart: places that read the same in Word's terms
// (several paragraphs of one cell) are one, with how many paragraphs, since Word shows no
// paragraph numbers. In document order of their first paragraph.
struct PlaceInWords {
  std::string words;    // where, in Word's terms
  std::string excerpt;  // the paragraph's text, shortened
  std::size_t paragraphs = 1;
};
using PlaceWording = std::function<std::string(const DiagnosticPlace&)>;
std::vector<PlaceInWords> places_in_words(const DiagnosticGroup& group,
                                          const PlaceWording& wording);
std::vector<PlaceInWords> places_in_words(const DiagnosticGroup& group);  // with place_words

}  // namespace panelpack::office
