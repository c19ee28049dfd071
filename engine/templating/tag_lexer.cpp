#include "templating/tag_lexer.hpp"

#include <algorithm>

#include "templating/tag_shapes.hpp"

namespace panelpack::templating {
namespace {

std::string_view trim(std::string_view text) {
  // Non-breaking spaces (U+00A0) count too: Word puts them in when people type.
  while (!text.empty()) {
    if (text.front() == ' ' || text.front() == '\t' || text.front() == '\n' ||
        text.front() == '\r') {
      text.remove_prefix(1);
    } else if (text.substr(0, 2) == "\xC2\xA0") {
      text.remove_prefix(2);
    } else {
      break;
    }
  }
  while (!text.empty()) {
    if (text.back() == ' ' || text.back() == '\t' || text.back() == '\n' || text.back() == '\r') {
      text.remove_suffix(1);
    } else if (text.size() >= 2 && text.substr(text.size() - 2) == "\xC2\xA0") {
      text.remove_suffix(2);
    } else {
      break;
    }
  }
  return text;
}

bool is_name_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '@' || c == '$' || c >= 0x80;
}

// A dotted path: "." alone, or segments of name characters joined by single dots.
bool is_valid_name(std::string_view name) {
  if (name == ".") return true;
  if (name.empty() || name.front() == '.' || name.back() == '.') return false;
  char previous = '\0';
  for (char ch : name) {
    const auto c = static_cast<unsigned char>(ch);
    if (ch == '.') {
      if (previous == '.') return false;
    } else if (!is_name_byte(c)) {
      return false;
    }
    previous = ch;
  }
  // "\xC2\xA0" passes is_name_byte but is a space to a person.
  return name.find("\xC2\xA0") == std::string_view::npos;
}

// Quote characters a person may type, or Word may put in for them ("smart quotes").
constexpr std::string_view kDoubleQuotes[] = {"\"", "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x9E"};
constexpr std::string_view kSingleQuotes[] = {"'", "\xE2\x80\x98", "\xE2\x80\x99"};

// Length of the quote at the start of `text` (0 if none); `is_double` says which family.
std::size_t quote_at(std::string_view text, bool& is_double) {
  for (auto q : kDoubleQuotes) {
    if (text.substr(0, q.size()) == q) {
      is_double = true;
      return q.size();
    }
  }
  for (auto q : kSingleQuotes) {
    if (text.substr(0, q.size()) == q) {
      is_double = false;
      return q.size();
    }
  }
  return 0;
}

// Splits "name | f1 | f2:\"x\"" at the bars that are outside quotes.
std::vector<std::string_view> split_pipes(std::string_view text) {
  std::vector<std::string_view> pieces;
  std::size_t start = 0;
  bool in_quote = false;
  bool quote_is_double = false;
  for (std::size_t i = 0; i < text.size();) {
    bool is_double = false;
    const std::size_t q = quote_at(text.substr(i), is_double);
    if (q > 0 && (!in_quote || is_double == quote_is_double)) {
      in_quote = !in_quote;
      quote_is_double = is_double;
      i += q;
      continue;
    }
    if (!in_quote && text[i] == '|') {
      pieces.push_back(text.substr(start, i - start));
      start = i + 1;
    }
    ++i;
  }
  pieces.push_back(text.substr(start));
  return pieces;
}

// Reads `upper` or `date:"d MMMM"`; returns false with `problem` set when malformed.
bool parse_filter(std::string_view text, FilterCall& call, std::string& problem) {
  text = trim(text);
  const std::size_t colon = text.find(':');
  call.name = std::string(trim(text.substr(0, colon)));
  if (call.name.empty()) {
    problem = "a '|' is not followed by a filter name";
    return false;
  }
  for (char ch : call.name) {
    if (!is_name_byte(static_cast<unsigned char>(ch))) {
      problem = "'" + call.name + "' is not a filter name";
      return false;
    }
  }
  if (colon == std::string_view::npos) return true;
  std::string_view argument = trim(text.substr(colon + 1));
  bool is_double = false;
  const std::size_t open = quote_at(argument, is_double);
  if (open == 0) {
    call.argument = std::string(argument);  // unquoted argument: taken as typed
    return true;
  }
  argument.remove_prefix(open);
  // The closing quote is the last quote of the same family.
  for (std::size_t end = argument.size(); end-- > 0;) {
    bool closing_is_double = false;
    const std::size_t q = quote_at(argument.substr(end), closing_is_double);
    if (q > 0 && closing_is_double == is_double && end + q == argument.size()) {
      call.argument = std::string(argument.substr(0, end));
      return true;
    }
  }
  problem = "the argument of filter '" + call.name + "' has no closing quote";
  return false;
}

LexedTag invalid_tag(std::string code, std::string problem, std::string hint) {
  LexedTag tag;
  tag.kind = TagKind::invalid;
  tag.problem_code = std::move(code);
  tag.problem = std::move(problem);
  tag.hint = std::move(hint);
  return tag;
}

LexedTag read_tag(std::string_view content, Delimiters& delimiters);

// {{child.dob | dat}}: the filter most likely meant, and the tag written with it when the
// rest of the tag then reads (other filters kept; a second misspelt one corrected too).
LexedTag unknown_filter(std::string_view body, std::string_view piece, const std::string& name,
                        std::string problem, const Delimiters& delimiters) {
  LexedTag tag =
      invalid_tag("unknown_filter", std::move(problem), "correct the filter's name, or remove it");
  const auto nearest = nearest_filter_name(name);
  if (!nearest) return tag;
  tag.suggestion = *nearest;
  // `piece` lies inside `body`: replace the name where it was typed.
  const std::size_t at = static_cast<std::size_t>(piece.data() - body.data()) + piece.find(name);
  const std::string corrected =
      std::string(body.substr(0, at)) + *nearest + std::string(body.substr(at + name.size()));
  Delimiters scratch = delimiters;
  const LexedTag repaired = read_tag(corrected, scratch);
  if (repaired.kind == TagKind::value) {
    tag.fix = delimiters.open + corrected + delimiters.close;
  } else if (repaired.problem_code == "unknown_filter") {
    tag.fix = repaired.fix;
  }
  if (!tag.fix.empty()) tag.hint = "correct the filter's name: " + tag.fix;
  return tag;
}

// Reads what the text between the delimiters says.
LexedTag read_tag(std::string_view content, Delimiters& delimiters) {
  const std::string_view body = trim(content);
  if (body.empty()) {
    return invalid_tag("malformed_tag", "the tag is empty",
                       "type a field name between the delimiters, e.g. {{child.name}}");
  }
  const char sigil = body.front();
  const std::string_view rest = trim(body.substr(1));
  LexedTag tag;
  switch (sigil) {
    case '!':
      tag.kind = TagKind::comment;
      return tag;
    case '=': {
      if (body.size() < 2 || body.back() != '=') {
        return invalid_tag("malformed_tag", "a set-delimiters tag must end with '='",
                           "write it as {{=<% %>=}}");
      }
      const std::string_view pair = trim(body.substr(1, body.size() - 2));
      const std::size_t space = pair.find_first_of(" \t");
      if (space == std::string_view::npos) {
        return invalid_tag("malformed_tag", "a set-delimiters tag needs two delimiters",
                           "separate them with a space, e.g. {{=<% %>=}}");
      }
      const std::string_view open = trim(pair.substr(0, space));
      const std::string_view close = trim(pair.substr(space));
      if (open.empty() || close.empty() || open.find_first_of(" \t=") != std::string_view::npos ||
          close.find_first_of(" \t=") != std::string_view::npos) {
        return invalid_tag("malformed_tag", "the new delimiters may not contain spaces or '='",
                           "write it as {{=<% %>=}}");
      }
      tag.kind = TagKind::set_delimiters;
      delimiters = Delimiters{std::string(open), std::string(close)};
      return tag;
    }
    case '{':
    case '&':
      return invalid_tag("raw_output_refused",
                         "unescaped output is refused: it would let a value inject raw XML",
                         "use a normal tag such as {{name}}; values keep their line breaks");
    case '>':
      return invalid_tag("malformed_tag", "partials ({{>name}}) are not supported",
                         "copy the text into the template instead");
    case '#':
    case '^':
    case '/': {
      tag.kind = sigil == '#'   ? TagKind::section
                 : sigil == '^' ? TagKind::inverted
                                : TagKind::close;
      tag.name = std::string(rest);
      if (tag.kind == TagKind::close && tag.name.empty()) return tag;  // {{/}}: innermost
      if (tag.name.find('|') != std::string::npos) {
        return invalid_tag("malformed_tag", "filters cannot be used on a section tag",
                           "put the filter on the values inside the section");
      }
      if (!is_valid_name(tag.name)) {
        return invalid_tag("malformed_tag", "'" + tag.name + "' is not a valid field name",
                           "names are letters, digits, '_' and '-', joined by dots: "
                           "{{#plan.parallel}}");
      }
      return tag;
    }
    default:
      break;
  }
  const auto pieces = split_pipes(body);
  tag.kind = TagKind::value;
  tag.name = std::string(trim(pieces.front()));
  if (!is_valid_name(tag.name)) {
    return invalid_tag("malformed_tag",
                       tag.name.empty() ? std::string("the tag has no field name")
                                        : "'" + tag.name + "' is not a valid field name",
                       "names are letters, digits, '_' and '-', joined by dots, with no "
                       "spaces: {{child.name}}");
  }
  // {{child.dob–date}} (no spaces): an AutoCorrect dash glued to a filter's name is no part of a
  // name.
  if (is_filter_behind_glued_dash(tag.name)) {
    return invalid_tag("malformed_tag", "'" + tag.name + "' is not a valid field name",
                       "write filters after a '|': {{x | date}}");
  }
  for (std::size_t i = 1; i < pieces.size(); ++i) {
    FilterCall call;
    std::string problem;
    if (!parse_filter(pieces[i], call, problem)) {
      return invalid_tag("malformed_tag", problem, "write filters as {{x | date:\"dd/MM/yyyy\"}}");
    }
    if (auto filter_problem = filter_call_problem(call)) {
      const auto& known = known_filter_names();
      const bool unknown = std::find(known.begin(), known.end(), call.name) == known.end();
      if (unknown) return unknown_filter(body, pieces[i], call.name, *filter_problem, delimiters);
      return invalid_tag("bad_filter_argument", *filter_problem, "correct the filter's argument");
    }
    tag.filters.push_back(std::move(call));
  }
  return tag;
}

// Reads the tag, and when it does not read, advice fitted to the shape of the mistake.
LexedTag interpret(std::string_view content, Delimiters& delimiters) {
  const Delimiters typed_with = delimiters;
  LexedTag tag = read_tag(content, delimiters);
  const bool advisable = tag.problem_code == "malformed_tag" ||
                         tag.problem_code == "unknown_filter" ||
                         (tag.problem_code == "raw_output_refused" && trim(content).front() == '{');
  if (tag.kind != TagKind::invalid || !advisable) return tag;
  const auto is_sound = [&typed_with](std::string_view body) {
    Delimiters scratch = typed_with;
    const LexedTag candidate = read_tag(body, scratch);
    return candidate.kind == TagKind::value || candidate.kind == TagKind::section ||
           candidate.kind == TagKind::inverted || candidate.kind == TagKind::close;
  };
  if (auto advice = advise_tag(trim(content), typed_with.open, typed_with.close, is_sound)) {
    tag.problem = std::move(advice->message);
    tag.hint = std::move(advice->hint);
    tag.fix = std::move(advice->fix);
  }
  return tag;
}

}  // namespace

std::vector<LexedTag> lex_paragraph(std::string_view text, Delimiters& delimiters) {
  std::vector<LexedTag> tags;
  std::size_t pos = 0;
  while (pos < text.size()) {
    // Copies: a set-delimiters tag changes `delimiters` while this one is being read.
    const std::string open = delimiters.open;
    const std::string close = delimiters.close;
    const std::size_t open_at = text.find(open, pos);
    // A closing delimiter with no opening one is a typo (docxtemplater's unopened_tag).
    if (open != close) {
      const std::size_t stray = text.find(close, pos);
      if (stray != std::string_view::npos && stray < open_at) {
        LexedTag tag =
            invalid_tag("unopened_tag", "'" + close + "' closes a tag that was never opened",
                        "add the missing '" + open + "' or remove the '" + close + "'");
        tag.begin = stray;
        tag.end = stray + close.size();
        // The excerpt of text before it helps a person find it: "foobar}}".
        const std::size_t from = text.rfind(' ', stray) == std::string_view::npos
                                     ? pos
                                     : std::max(pos, text.rfind(' ', stray) + 1);
        tag.text = std::string(text.substr(from, tag.end - from));
        tags.push_back(std::move(tag));
        pos = stray + close.size();
        continue;
      }
    }
    if (open_at == std::string_view::npos) break;
    std::size_t content_begin = open_at + open.size();
    std::size_t close_at = text.find(close, content_begin);
    // {{{name}}}: read to the triple close so the whole tag is reported.
    if (open == "{{" && close == "}}" && text.substr(content_begin, 1) == "{" &&
        close_at != std::string_view::npos && text.substr(close_at, 3) == "}}}") {
      close_at += 1;
    }
    const std::size_t next_open =
        open == close ? std::string_view::npos : text.find(open, content_begin);
    if (close_at == std::string_view::npos ||
        (next_open != std::string_view::npos && next_open < close_at)) {
      LexedTag tag = invalid_tag("malformed_tag",
                                 "this tag is not closed with '" + close + "' in its paragraph",
                                 "tags never span paragraphs: close it with '" + close + "'");
      tag.begin = open_at;
      tag.end = close_at == std::string_view::npos || next_open == std::string_view::npos
                    ? text.size()
                    : next_open;
      tag.text = std::string(text.substr(open_at));
      tag.unclosed = close_at == std::string_view::npos;
      tags.push_back(std::move(tag));
      if (close_at == std::string_view::npos) break;
      pos = next_open;  // the next tag may be sound: {user {name}
      continue;
    }
    LexedTag tag = interpret(text.substr(content_begin, close_at - content_begin), delimiters);
    tag.begin = open_at;
    tag.end = close_at + close.size();
    // The contract reports a malformed tag from its opening delimiter to the paragraph's end.
    tag.text =
        std::string(tag.problem_code == "malformed_tag" ? text.substr(open_at)
                                                        : text.substr(open_at, tag.end - open_at));
    pos = tag.end;
    tags.push_back(std::move(tag));
  }
  return tags;
}

std::vector<std::string> split_path(const std::string& name) {
  std::vector<std::string> parts;
  if (name == ".") return {name};
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = name.find('.', start);
    parts.push_back(name.substr(start, dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return parts;
}

}  // namespace panelpack::templating
