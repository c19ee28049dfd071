#include "office/documents/diagnostic_output.hpp"

#include <algorithm>
#include <string_view>

namespace panelpack::office {
namespace {

constexpr std::size_t line_width = 100;

// Characters as a terminal counts them: UTF-8 continuation bytes take no column.
std::size_t columns(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return count;
}

// `first` then `text`, broken at spaces so no line passes line_width; later lines start with
// `indent`. A word longer than a line stays whole.
void print_wrapped(std::ostream& out, const std::string& first, std::string_view text,
                   const std::string& indent) {
  std::string line = first;
  std::size_t width = columns(line);
  bool line_has_word = false;
  while (!text.empty()) {
    const std::size_t space = text.find(' ');
    const std::string_view word = text.substr(0, space);
    text = space == std::string_view::npos ? std::string_view{} : text.substr(space + 1);
    if (word.empty()) continue;
    const std::size_t needed = columns(word) + (line_has_word ? 1 : 0);
    if (line_has_word && width + needed > line_width) {
      out << line << '\n';
      line = indent;
      width = columns(indent);
      line_has_word = false;
    }
    if (line_has_word) {
      line += ' ';
      ++width;
    }
    line += word;
    width += columns(word);
    line_has_word = true;
  }
  out << line << '\n';
}

// The suggestion is printed unless the message or hint already names it.
bool says_suggestion_already(const templating::Diagnostic& d) {
  return d.message.find(d.suggestion) != std::string::npos ||
         d.hint.find(d.suggestion) != std::string::npos;
}

// The place's words, then its quote: on the same line when it fits, else whole on the next.
void print_place(std::ostream& out, const std::string& first, const PlaceInWords& place,
                 const std::string& indent) {
  std::string words = place.words;
  if (place.paragraphs > 1) words += ", " + std::to_string(place.paragraphs) + " paragraphs";
  const std::string quote = place.excerpt.empty() ? "" : "\"" + place.excerpt + "\"";
  if (quote.empty()) {
    print_wrapped(out, first, words, indent);
  } else if (columns(first) + columns(words) + 2 + columns(quote) <= line_width) {
    out << first << words << ": " << quote << '\n';
  } else {
    print_wrapped(out, first, words + ":", indent);
    out << indent << quote << '\n';
  }
}

}  // namespace

void print_diagnostic(std::ostream& out, const std::string& source,
                      const templating::Diagnostic& diagnostic) {
  out << source << ": " << templating::describe(diagnostic) << '\n';
}

void print_group(std::ostream& out, const DiagnosticGroup& group, std::size_t number,
                 std::size_t of, std::size_t shown_places) {
  const templating::Diagnostic& d = group.first;
  // "[code]" as describe() writes it, so a search for the code finds it in either form.
  std::string heading = "Mistake " + std::to_string(number) + " of " + std::to_string(of) + ", " +
                        templating::to_string(d.severity) + " [" + d.code + "]";
  if (group.count > 1) heading += ", " + std::to_string(group.count) + " times";
  if (!d.tag.empty()) heading += ": " + d.tag;
  print_wrapped(out, "", heading, "    ");
  const std::string indent = "    ";
  const std::string deeper = "        ";
  print_wrapped(out, indent + "What is wrong: ", d.message, deeper);
  if (!d.hint.empty()) print_wrapped(out, indent + "What to do: ", d.hint, deeper);
  // The fix on its own line, unless "What to do" already writes it out.
  if (!d.fix.empty() && d.hint.find(d.fix) == std::string::npos) {
    print_wrapped(out, indent + "Write: ", d.fix, deeper);
  }
  if (!d.suggestion.empty() && !says_suggestion_already(d)) {
    print_wrapped(out, indent + "Did you mean ", d.suggestion + "?", deeper);
  }
  const auto lines = places_in_words(group);
  if (lines.size() == 1) {
    print_place(out, indent + "Where: ", lines.front(), deeper);
    return;
  }
  // Several places: a short list, each place on its own bullet, the rest counted.
  out << indent << "Where:\n";
  const std::size_t shown = std::min(shown_places, lines.size());
  for (std::size_t i = 0; i < shown; ++i) print_place(out, indent + "  - ", lines[i], deeper);
  if (lines.size() > shown) {
    const std::size_t more = lines.size() - shown;
    out << indent << "  - and " << more << " more " << (more == 1 ? "place" : "places") << '\n';
  }
}

void print_diagnostics(std::ostream& out, const std::string& source,
                       const std::vector<templating::Diagnostic>& diagnostics) {
  if (diagnostics.empty()) return;
  const auto groups = group_diagnostics(diagnostics);
  out << source << ": " << summary_words(summarise(groups)) << '\n';
  for (std::size_t i = 0; i < groups.size(); ++i) {
    out << '\n';  // a blank line before each entry, so the eye finds where one starts
    print_group(out, groups[i], i + 1, groups.size());
  }
}

std::string describe_package_error(const std::string& source,
                                   const templating::PackageError& error) {
  std::string where = error.code();
  if (!error.where().empty()) where += ", in " + error.where();
  return source + ": cannot open the template (" + where + "): " + error.what();
}

}  // namespace panelpack::office
