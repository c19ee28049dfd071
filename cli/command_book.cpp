// `panelpack book PANEL DATE CASEREF`: books a case onto a sitting, records a paper received
// for it, or takes it off. The bookings file is checked and rewritten atomically, under a lock
// (bookings/PANEL/.DATE.json.lock) that a second `book` of the same sitting waits for.

#include <algorithm>
#include <array>
#include <cctype>
#include <iostream>
#include <system_error>

#include "arguments.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"
#include "office/file_lock.hpp"
#include "office/files.hpp"
#include "office/tick/change_forecast.hpp"
#include "office_arguments.hpp"
#include "panel/labels.hpp"
#include "panel/pack_plan.hpp"
#include "panel/panel_error.hpp"
#include "panel/sittings.hpp"

namespace panelpack::cli {
namespace {

namespace fs = std::filesystem;

const std::array<OptionSpec, 11> book_options = {{
    {"office", '\0', true},
    {"reason", '\0', true},
    {"papers", '\0', true},
    {"minutes", '\0', true},
    {"received", '\0', true},
    {"at", '\0', true},
    {"file", '\0', true},
    {"on-file-elsewhere", '\0', true},
    {"remove", '\0', false},
    {"now", '\0', true},
    {"help", 'h', false},
}};

constexpr std::array<std::string_view, 7> kPaperTypes{"referral",  "matching",   "finance-request",
                                                      "care-plan", "chronology", "assessment",
                                                      "cpm-report"};

std::string paper_type_argument(const std::string& text) {
  if (std::find(kPaperTypes.begin(), kPaperTypes.end(), text) == kPaperTypes.end()) {
    throw UsageError("'" + text +
                     "' is not a paper type: use referral, matching, finance-request, care-plan, "
                     "chronology, assessment or cpm-report");
  }
  return text;
}

std::vector<std::string> paper_list(const std::string& text) {
  std::vector<std::string> types;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    const std::string type = paper_type_argument(text.substr(start, comma - start));
    if (std::find(types.begin(), types.end(), type) == types.end()) types.push_back(type);
    start = comma + 1;
  }
  return types;
}

std::string local_text(panel::UtcInstant instant) {
  return panel::utc_to_local(instant).iso8601();
}

// Other sittings the case is booked onto that have not yet happened.
std::vector<std::string> other_bookings(const Workspace& workspace, const std::string& case_ref,
                                        const std::string& panel_id, panel::CalendarDate date,
                                        panel::CalendarDate today) {
  std::vector<std::string> problems;
  std::vector<std::string> found;
  for (const auto& booked : workspace.load_all_bookings(problems)) {
    const auto& sitting = booked.sitting;
    if ((sitting.panel_id == panel_id && sitting.date == date) || sitting.date < today) continue;
    if (booked.bookings.find(case_ref) != nullptr) {
      found.push_back(sitting.panel_id + " " + sitting.date.iso());
    }
  }
  return found;
}

// Where a document named with --file is recorded, as a path from the office folder: where it
// is when inside the office folder, otherwise papers/CASEREF/NAME (see copy_paper_file).
std::string paper_file_path(const Workspace& workspace, const std::string& case_ref,
                            const std::string& given) {
  std::error_code error;
  if (!fs::is_regular_file(given, error)) {
    throw CommandFailure(ExitCode::bad_input, given + ": no such file");
  }
  const fs::path root = fs::weakly_canonical(workspace.root());
  const fs::path file = fs::weakly_canonical(given);
  const fs::path relative = file.lexically_relative(root);
  if (!relative.empty() && *relative.begin() != "..") return relative.generic_string();
  return (fs::path("papers") / case_ref / file.filename()).generic_string();
}

// Copies (atomically) a document from outside the office folder to where it is recorded.
void copy_paper_file(const Workspace& workspace, const std::string& given,
                     const std::string& recorded) {
  const fs::path target = workspace.root() / recorded;
  if (fs::weakly_canonical(given) == fs::weakly_canonical(target)) return;
  write_output(target, read_input(given));
}

std::string uppercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return text;
}

// Case references are written in capitals (LCS900110); one typed in lower case names the same
// case when only the capitalised case file or booking exists.
std::string canonical_case_ref(const Workspace& workspace, const panel::Bookings& bookings,
                               const std::string& given) {
  const std::string upper = uppercase(given);
  if (upper == given || bookings.find(given) != nullptr) return given;
  std::error_code error;
  if (bookings.find(upper) != nullptr) return upper;
  if (!fs::exists(workspace.case_path(given), error) &&
      fs::exists(workspace.case_path(upper), error)) {
    return upper;
  }
  return given;
}

}  // namespace

ExitCode run_book(std::span<const std::string> words) {
  const Arguments arguments = Arguments::parse(words, book_options);
  if (arguments.positionals().size() != 3) {
    throw UsageError("book takes a PANEL, a DATE and a CASEREF");
  }
  const std::string& panel_id = arguments.positionals()[0];
  const auto date = date_argument(arguments.positionals()[1], "the sitting's DATE");
  const std::string& given_case_ref = arguments.positionals()[2];
  const bool removing = arguments.has("remove");
  const auto received = arguments.value("received");
  if (removing && received) throw UsageError("give either --remove or --received, not both");
  const bool adding = !removing && !received;
  if (!adding && (arguments.has("reason") || arguments.has("papers") || arguments.has("minutes"))) {
    throw UsageError("--reason, --papers and --minutes are for booking a case, not for --" +
                     std::string{removing ? "remove" : "received"});
  }
  if (!received &&
      (arguments.has("at") || arguments.has("file") || arguments.has("on-file-elsewhere"))) {
    throw UsageError("--at, --file and --on-file-elsewhere go with --received TYPE");
  }
  if (arguments.has("file") && arguments.has("on-file-elsewhere")) {
    throw UsageError("give either --file or --on-file-elsewhere, not both");
  }
  const std::string elsewhere = arguments.value("on-file-elsewhere").value_or("");
  if (arguments.has("on-file-elsewhere") &&
      elsewhere.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw UsageError(
        "--on-file-elsewhere needs a reason the agenda can print, such as "
        "\"held by legal services, brought to panel on paper\"");
  }
  const auto now = now_from(arguments.value("now"));

  const Workspace workspace = open_workspace(arguments.value("office"));
  panel::Sitting sitting;
  const panel::PanelConfig* panel = nullptr;
  try {
    panel = &workspace.office().panel(panel_id);
    sitting = panel::find_sitting(*panel, date);
  } catch (const panel::PanelError& error) {
    throw CommandFailure(ExitCode::bad_input, error.what());
  }
  // Read, change, rewrite under the sitting's lock: two people booking onto one sitting at once
  // take turns, so neither change is lost.
  const FileLock lock(lock_path_beside(workspace.bookings_path(panel_id, date)));
  auto loaded = workspace.load_bookings(panel_id, date);
  panel::Bookings bookings;
  if (loaded) {
    bookings = std::move(*loaded);
  } else {
    bookings.panel_id = panel_id;
    bookings.date = date;
  }
  const std::string where = panel_id + " " + date.iso();
  const std::string case_ref = canonical_case_ref(workspace, bookings, given_case_ref);
  panel::BookingItem* item = bookings.find(case_ref);

  std::string done;
  if (removing) {
    if (item == nullptr) {
      throw CommandFailure(ExitCode::bad_input, case_ref + " is not booked onto " + where);
    }
    bookings.items.erase(bookings.items.begin() + (item - bookings.items.data()));
    done = "removed " + case_ref + " from " + where;
  } else if (received) {
    if (item == nullptr) {
      throw CommandFailure(ExitCode::bad_input, case_ref + " is not booked onto " + where +
                                                    "; book it first (panelpack book " + panel_id +
                                                    " " + date.iso() + " " + case_ref + ")");
    }
    const std::string type = paper_type_argument(*received);
    const panel::UtcInstant at =
        arguments.value("at") ? now_from(arguments.value("at"), "--at") : now;
    if (at > now) {
      throw CommandFailure(ExitCode::bad_input, "--at " + local_text(at) + " is after now (" +
                                                    local_text(now) +
                                                    "): a paper is recorded once it has arrived");
    }
    panel::ReceivedPaper paper{type, at, local_text(at), "", elsewhere};
    const auto file = arguments.value("file");
    if (file) {
      paper.file = paper_file_path(workspace, case_ref, *file);
    } else if (elsewhere.empty() &&
               panel::needs_submitted_file(type, workspace.load_case(case_ref).summary)) {
      // Without its file the pack cannot hold it, and would fail at the pack deadline.
      throw CommandFailure(
          ExitCode::bad_input,
          "the " + panel::paper_type_label(type) + " of " + case_ref +
              " is a document the pack holds: name it with --file PATH, or, when it is kept "
              "somewhere else, say where with --on-file-elsewhere \"REASON\" (the agenda prints "
              "the reason and the pack leaves the paper out); nothing was recorded");
    }
    for (const panel::ReceivedPaper& earlier : item->papers) {
      if (earlier.type == type && earlier.file == paper.file) {
        throw CommandFailure(ExitCode::bad_input,
                             "the " + panel::paper_type_label(type) + " of " + case_ref +
                                 " was already recorded as received " + earlier.received_at_text +
                                 (paper.file.empty() ? "" : " from " + paper.file) +
                                 "; a new version needs its own --file; nothing was recorded");
      }
    }
    if (file) copy_paper_file(workspace, *file, paper.file);
    item->papers.push_back(paper);
    if (std::find(item->paper_types.begin(), item->paper_types.end(), type) ==
        item->paper_types.end()) {
      item->paper_types.push_back(type);
    }
    done = "recorded the " + panel::paper_type_label(type) + " of " + case_ref + " for " + where +
           " as received " + paper.received_at_text +
           (elsewhere.empty() ? "" : ", on file elsewhere (not in the pack)");
  } else {
    // Booking onto a sitting on a bank holiday or closure day would tell people to come on it.
    if (const auto day_off = panel::unconfirmed_day_off(*panel, sitting, workspace.calendar())) {
      throw CommandFailure(ExitCode::bad_input,
                           where + " falls on " + *day_off +
                               ": move the sitting (cancelled and an extraSittings entry in "
                               "office.json) or confirm it (confirmedSittings), then book");
    }
    if (item != nullptr) {
      throw CommandFailure(ExitCode::bad_input,
                           case_ref + " is already booked onto " + where +
                               "; use --received TYPE to record a paper, or --remove");
    }
    if (panel->max_cases && static_cast<int>(bookings.items.size()) >= *panel->max_cases) {
      throw CommandFailure(ExitCode::bad_input,
                           where + " is full (" + std::to_string(*panel->max_cases) +
                               " cases, maxCases in office.json); book another sitting");
    }
    const CaseFile file = workspace.load_case(case_ref);
    panel::BookingItem booking;
    booking.case_ref = case_ref;
    booking.reason = arguments.value("reason").value_or(file.summary.referral_reason);
    if (booking.reason.empty()) {
      throw UsageError("the case file gives no referral reason: name one with --reason");
    }
    const auto papers = arguments.value("papers");
    booking.paper_types = papers ? paper_list(*papers) : file.summary.default_paper_types();
    if (const auto minutes = arguments.value("minutes")) {
      booking.minutes = static_cast<int>(parse_count("--minutes", *minutes));
    }
    booking.booked_at = local_text(now);
    bookings.items.push_back(std::move(booking));
    done = "booked " + case_ref + " onto " + where + " as item " +
           std::to_string(bookings.items.size());
    for (const auto& other :
         other_bookings(workspace, case_ref, panel_id, date, panel::utc_to_local(now).date)) {
      std::cerr << "panelpack: note: " << case_ref << " is also booked onto " << other << '\n';
    }
  }
  bookings.updated_at = local_text(now);
  workspace.save_bookings(bookings);
  std::cout << done << '\n';
  // Reminders or the pack already went: say who the next tick will tell of the change.
  if (const std::string forecast = change_forecast(workspace, *panel, sitting, bookings, now);
      !forecast.empty()) {
    std::cout << forecast << '\n';
  }
  return ExitCode::success;
}

}  // namespace panelpack::cli
