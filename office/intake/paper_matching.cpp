#include "office/intake/paper_matching.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "mailer/message.hpp"
#include "office/error.hpp"
#include "panel/labels.hpp"
#include "panel/mail_due.hpp"
#include "panel/paper_types.hpp"

namespace panelpack::office {

namespace fs = std::filesystem;

namespace {

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// " care plan lcs900108 v2 docx ": lower case, every run of other characters one space, so a
// phrase is found as " care plan " whatever joined its words (Care_Plan, care-plan, "care plan").
std::string words_of(const std::string& text) {
  std::string words = " ";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) != 0) {
      words += static_cast<char>(std::tolower(byte));
    } else if (words.back() != ' ') {
      words += ' ';
    }
  }
  if (words.back() != ' ') words += ' ';
  return words;
}

// The words people use for each type besides its label and code: the labels say "Matching
// proforma" where a social worker writes "matching report"; "CPR" (the Child Permanence Report)
// and "PAR" (the Prospective Adopter's Report) are assessments.
const std::multimap<std::string, std::string>& synonyms() {
  static const std::multimap<std::string, std::string> words = {
      {"matching", "matching report"},
      {"matching", "matching"},
      {"finance-request", "finance"},
      {"finance-request", "financial request"},
      {"care-plan", "careplan"},
      {"chronology", "chron"},
      {"assessment", "cpr"},
      {"assessment", "par"},
      {"assessment", "child permanence report"},
      {"assessment", "prospective adopter s report"},
      {"assessment", "prospective adopters report"},
      {"cpm-report", "cpm"},
      {"cpm-report", "cpm report"},
      {"cpm-report", "permanence meeting report"},
  };
  return words;
}

// Each type with the phrases that name it, as words_of writes them.
const std::vector<std::pair<std::string, std::vector<std::string>>>& type_phrases() {
  static const auto phrases = [] {
    std::vector<std::pair<std::string, std::vector<std::string>>> all;
    for (const panel::PaperType& type : panel::kPaperTypes) {
      const std::string code(type.code);
      std::vector<std::string> said{words_of(panel::paper_type_label(code)), words_of(code)};
      const auto [from, to] = synonyms().equal_range(code);
      for (auto it = from; it != to; ++it) said.push_back(words_of(it->second));
      all.emplace_back(code, std::move(said));
    }
    return all;
  }();
  return phrases;
}

// The sitting starts: a paper for it must arrive before.
panel::UtcInstant starts_at(const panel::Sitting& sitting) {
  return panel::local_to_utc(sitting.date, sitting.start_time);
}

bool asks_for(const panel::BookingItem& item, const std::string& type) {
  return std::find(item.paper_types.begin(), item.paper_types.end(), type) !=
         item.paper_types.end();
}

bool sender_is_allowed(const IntakeIndex& index, const std::string& email) {
  if (email.empty()) return false;
  try {
    return mailer::domain_allowed(email, index.allowed_domains);
  } catch (const std::exception&) {
    return false;  // not an address at all
  }
}

// The coming bookings the sender presents, as (sitting index, case).
std::vector<std::pair<std::size_t, std::string>> presented_by(const IntakeIndex& index,
                                                              const std::string& email,
                                                              panel::UtcInstant arrived) {
  std::vector<std::pair<std::size_t, std::string>> found;
  for (std::size_t at = 0; at < index.bookings.size(); ++at) {
    const panel::BookedSitting& booked = index.bookings[at];
    if (booked.sitting.cancelled || starts_at(booked.sitting) <= arrived) continue;
    for (const panel::BookingItem& item : booked.bookings.items) {
      const auto summary = index.summaries.find(item.case_ref);
      if (summary == index.summaries.end()) continue;
      for (const panel::Addressee& person : panel::presenters_of(item, summary->second)) {
        if (lowercase(person.person->email) == email) {
          found.emplace_back(at, item.case_ref);
          break;
        }
      }
    }
  }
  return found;
}

std::string sitting_words(const panel::Sitting& sitting) {
  return sitting.panel_id + " " + sitting.date.iso();
}

// The case's next sitting not yet started that asks for the paper, or why there is none.
void place(const IntakeIndex& index, const PaperToMatch& paper, PaperMatch& match) {
  const panel::Sitting* booked_without_type = nullptr;
  for (const panel::BookedSitting& booked : index.bookings) {
    if (booked.sitting.cancelled || starts_at(booked.sitting) <= paper.arrived) continue;
    const panel::BookingItem* item = booked.bookings.find(match.case_ref);
    if (item == nullptr) continue;
    if (asks_for(*item, match.paper_type)) {
      match.sitting = SittingId{booked.sitting.panel_id, booked.sitting.date};
      return;
    }
    if (booked_without_type == nullptr) booked_without_type = &booked.sitting;
  }
  if (booked_without_type != nullptr) {
    match.reason = "the booking of " + match.case_ref + " on " +
                   sitting_words(*booked_without_type) + " does not ask for the " +
                   lowercase(panel::paper_type_label(match.paper_type));
  } else {
    match.reason = match.case_ref + " is not booked onto a sitting still to come";
  }
}

}  // namespace

IntakeIndex load_intake_index(const Workspace& workspace) {
  IntakeIndex index;
  index.allowed_domains = workspace.office().allowed_domains;
  std::error_code error;
  const fs::path cases = workspace.root() / "cases";
  if (fs::is_directory(cases, error)) {
    for (const fs::directory_entry& entry : fs::directory_iterator(cases, error)) {
      if (entry.path().extension() == ".json") {
        index.case_refs.push_back(entry.path().stem().string());
      }
    }
  }
  // Longest first: "LCS9001080" is matched before "LCS900108" could be.
  std::sort(index.case_refs.begin(), index.case_refs.end(),
            [](const std::string& a, const std::string& b) {
              return a.size() != b.size() ? a.size() > b.size() : a < b;
            });
  index.bookings = workspace.load_all_bookings(index.problems);
  std::sort(index.bookings.begin(), index.bookings.end(),
            [](const panel::BookedSitting& a, const panel::BookedSitting& b) {
              return starts_at(a.sitting) < starts_at(b.sitting);
            });
  for (const panel::BookedSitting& booked : index.bookings) {
    for (const panel::BookingItem& item : booked.bookings.items) {
      if (index.summaries.contains(item.case_ref)) continue;
      try {
        index.summaries.emplace(item.case_ref, workspace.load_case(item.case_ref).summary);
      } catch (const OfficeError& failure) {
        if (failure.code() != OfficeError::Code::bad_input) throw;
        index.problems.emplace_back(failure.what());
      }
    }
  }
  return index;
}

std::vector<std::string> case_refs_in(const IntakeIndex& index, const std::string& text) {
  const std::string words = words_of(text);
  std::vector<std::string> found;
  for (const std::string& ref : index.case_refs) {
    if (words.find(words_of(ref)) != std::string::npos) found.push_back(ref);
  }
  return found;
}

std::vector<std::string> paper_types_in(const std::string& text) {
  const std::string words = words_of(text);
  std::vector<std::string> found;
  for (const auto& [code, phrases] : type_phrases()) {
    for (const std::string& phrase : phrases) {
      if (words.find(phrase) != std::string::npos) {
        found.push_back(code);
        break;
      }
    }
  }
  return found;
}

PaperMatch match_paper(const IntakeIndex& index, const PaperToMatch& paper) {
  PaperMatch match;
  const std::string from = lowercase(paper.from_email);
  match.sender_allowed = sender_is_allowed(index, from);

  // The case: the subject and the file name together, then the body.
  std::vector<std::string> refs = case_refs_in(index, paper.filename);
  const std::vector<std::string> in_subject = case_refs_in(index, paper.subject);
  if (refs.size() != 1 || paper.documents_in_message == 1) {
    // A message carrying papers of two cases names each in its file; one file goes by all.
    for (const std::string& ref : in_subject) {
      if (std::find(refs.begin(), refs.end(), ref) == refs.end()) refs.push_back(ref);
    }
  }
  if (refs.empty()) refs = case_refs_in(index, paper.body);
  bool by_sender = false;
  if (refs.empty() && match.sender_allowed) {
    const auto presented = presented_by(index, from, paper.arrived);
    std::set<std::string> cases;
    for (const auto& [at, ref] : presented) cases.insert(ref);
    if (cases.size() == 1) {
      refs.push_back(*cases.begin());
      by_sender = true;
    }
  }

  // The type: the file name, then the subject, then the body.
  std::vector<std::string> types = paper_types_in(paper.filename);
  if (types.empty()) types = paper_types_in(paper.subject);
  if (types.empty()) types = paper_types_in(paper.body);

  if (!refs.empty()) match.case_ref = refs.front();
  if (!types.empty()) match.paper_type = types.front();

  if (refs.empty()) {
    match.reason = "no case reference was found in the subject, the file name or the message";
  } else if (refs.size() > 1) {
    match.reason = "the message names more than one case (" + refs[0] + ", " + refs[1] +
                   "), so which this paper is for cannot be told";
  } else if (types.empty()) {
    match.reason =
        "which paper it is (chronology, care plan, assessment...) was not said in the "
        "file name, the subject or the message";
  } else if (types.size() > 1) {
    match.reason = "the file name, subject or message names more than one kind of paper (" +
                   lowercase(panel::paper_type_label(types[0])) + ", " +
                   lowercase(panel::paper_type_label(types[1])) +
                   "), so which this one is cannot be told";
  } else {
    place(index, paper, match);
    if (match.placed() && by_sender) match.reason.clear();
  }
  // A sender from outside the council and its partners is never filed automatically.
  if (!match.sender_allowed) {
    match.sitting.reset();
    match.reason = "it came from an address outside the domains office.json allows";
  }
  return match;
}

}  // namespace panelpack::office
