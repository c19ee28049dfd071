#include "mailer/imap_replies.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <sstream>

namespace panelpack::mailer::imap {
namespace {

std::string upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return text;
}

std::vector<std::string> lines_of(const std::string& replies) {
  std::vector<std::string> lines;
  std::istringstream in(replies);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.rfind("* ", 0) == 0) lines.push_back(line.substr(2));
  }
  return lines;
}

// The words of a line, a quoted string or a parenthesised list kept as one word.
std::vector<std::string> words_of(const std::string& line) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < line.size()) {
    if (line[i] == ' ') {
      ++i;
      continue;
    }
    std::string word;
    if (line[i] == '"') {
      ++i;
      while (i < line.size() && line[i] != '"') {
        if (line[i] == '\\' && i + 1 < line.size()) ++i;
        word += line[i++];
      }
      ++i;
    } else if (line[i] == '(') {
      int depth = 0;
      do {
        if (line[i] == '(') ++depth;
        if (line[i] == ')') --depth;
        word += line[i++];
      } while (i < line.size() && depth > 0);
    } else {
      while (i < line.size() && line[i] != ' ' && line[i] != '(' && line[i] != ')') {
        word += line[i++];
      }
      if (word.empty()) ++i;  // a stray ')'
    }
    words.push_back(word);
  }
  return words;
}

std::string inside_parentheses(const std::string& word) {
  if (word.size() >= 2 && word.front() == '(' && word.back() == ')') {
    return word.substr(1, word.size() - 2);
  }
  return word;
}

bool all_digits(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(),
                                      [](unsigned char c) { return std::isdigit(c) != 0; });
}

}  // namespace

std::vector<std::string> search_results(const std::string& replies) {
  std::vector<std::string> uids;
  for (const std::string& line : lines_of(replies)) {
    const std::vector<std::string> words = words_of(line);
    if (words.empty() || upper(words[0]) != "SEARCH") continue;
    for (std::size_t i = 1; i < words.size(); ++i) {
      if (all_digits(words[i])) uids.push_back(words[i]);
    }
  }
  std::sort(uids.begin(), uids.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() < b.size() : a < b;
  });
  uids.erase(std::unique(uids.begin(), uids.end()), uids.end());
  return uids;
}

std::string status_item(const std::string& replies, const std::string& item) {
  for (const std::string& line : lines_of(replies)) {
    const std::vector<std::string> words = words_of(line);
    if (words.size() < 3 || upper(words[0]) != "STATUS") continue;
    const std::vector<std::string> items = words_of(inside_parentheses(words.back()));
    for (std::size_t i = 0; i + 1 < items.size(); i += 2) {
      if (upper(items[i]) == upper(item)) return items[i + 1];
    }
  }
  return {};
}

std::set<std::string> capabilities(const std::string& replies) {
  std::set<std::string> found;
  for (const std::string& line : lines_of(replies)) {
    const std::vector<std::string> words = words_of(line);
    if (words.empty() || upper(words[0]) != "CAPABILITY") continue;
    for (std::size_t i = 1; i < words.size(); ++i) found.insert(upper(words[i]));
  }
  return found;
}

bool lists_folder(const std::string& replies, const std::string& folder) {
  for (const std::string& line : lines_of(replies)) {
    const std::vector<std::string> words = words_of(line);
    if (words.size() < 4 || upper(words[0]) != "LIST") continue;
    const std::string& name = words.back();
    if (name == folder || (upper(folder) == "INBOX" && upper(name) == "INBOX")) return true;
  }
  return false;
}

std::optional<FetchedAttributes> fetch_attributes(const std::string& replies,
                                                  const std::string& uid) {
  for (const std::string& line : lines_of(replies)) {
    const std::vector<std::string> words = words_of(line);
    if (words.size() < 3 || upper(words[1]) != "FETCH") continue;
    const std::vector<std::string> items = words_of(inside_parentheses(words[2]));
    FetchedAttributes attributes;
    for (std::size_t i = 0; i + 1 < items.size(); i += 2) {
      const std::string name = upper(items[i]);
      const std::string& value = items[i + 1];
      if (name == "UID") attributes.uid = value;
      if (name == "RFC822.SIZE" && all_digits(value)) attributes.size = std::stoull(value);
      if (name == "INTERNALDATE") attributes.internal_date = parse_internal_date(value);
      if (name == "FLAGS") attributes.flags = words_of(inside_parentheses(value));
    }
    if (attributes.uid == uid) return attributes;
  }
  return std::nullopt;
}

std::optional<std::chrono::system_clock::time_point> parse_internal_date(const std::string& text) {
  // dd-Mon-yyyy hh:mm:ss +hhmm (the day may have a leading space instead of a zero)
  static constexpr std::array<const char*, 12> kMonths = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                                          "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
  std::string day_text, rest;
  const std::size_t dash = text.find('-');
  if (dash == std::string::npos || text.size() < dash + 22) return std::nullopt;
  day_text = text.substr(0, dash);
  rest = text.substr(dash + 1);  // Mon-yyyy hh:mm:ss +hhmm
  const std::string month_name = upper(rest.substr(0, 3));
  const auto month_at = std::find(kMonths.begin(), kMonths.end(), month_name);
  if (month_at == kMonths.end() || rest[3] != '-') return std::nullopt;
  const std::string year = rest.substr(4, 4), hour = rest.substr(9, 2), minute = rest.substr(12, 2),
                    second = rest.substr(15, 2), zone = rest.substr(18, 5);
  day_text.erase(0, day_text.find_first_not_of(' '));
  if (!all_digits(day_text) || !all_digits(year) || !all_digits(hour) || !all_digits(minute) ||
      !all_digits(second) || (zone[0] != '+' && zone[0] != '-') || !all_digits(zone.substr(1))) {
    return std::nullopt;
  }
  using namespace std::chrono;
  const year_month_day date{
      std::chrono::year(std::stoi(year)),
      std::chrono::month(static_cast<unsigned>(month_at - kMonths.begin() + 1)),
      std::chrono::day(static_cast<unsigned>(std::stoi(day_text)))};
  if (!date.ok()) return std::nullopt;
  const int offset_minutes = (zone[0] == '-' ? -1 : 1) *
                             (std::stoi(zone.substr(1, 2)) * 60 + std::stoi(zone.substr(3, 2)));
  return sys_days(date) + hours(std::stoi(hour)) + minutes(std::stoi(minute)) +
         seconds(std::stoi(second)) - minutes(offset_minutes);
}

std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace panelpack::mailer::imap
