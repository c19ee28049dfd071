#include "office/sitting/booking.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <system_error>
#include <utility>

#include "office/error.hpp"
#include "office/file_lock.hpp"
#include "office/files.hpp"
#include "office/sitting/bookings_version.hpp"
#include "office/sitting/sitting_change.hpp"
#include "office/tick/change_forecast.hpp"
#include "panel/labels.hpp"
#include "panel/pack_plan.hpp"
#include "panel/panel_error.hpp"
#include "panel/paper_types.hpp"
#include "panel/sittings.hpp"

namespace panelpack::office {

namespace {

namespace fs = std::filesystem;

// One change in progress: the sitting's bookings read under its lock, and the case it is about.
struct Change {
  const panel::PanelConfig* panel = nullptr;
  panel::Sitting sitting;
  panel::Bookings bookings;
  std::string case_ref;
  std::string where;  // "permanence 2026-12-15", as every message names the sitting
};

BookingResult refusal(BookingRefusal why, std::string message) {
  BookingResult result;
  result.refused = why;
  result.message = std::move(message);
  return result;
}

std::string local_text(panel::UtcInstant instant) {
  return panel::utc_to_local(instant).iso8601();
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

std::size_t item_number(const panel::Bookings& bookings, const std::string& case_ref) {
  for (std::size_t i = 0; i < bookings.items.size(); ++i) {
    if (bookings.items[i].case_ref == case_ref) return i + 1;
  }
  return 0;
}

// Why the panel domain found no sitting to change, by its error code.
BookingRefusal sitting_refusal(const std::string& code) {
  if (code == "unknown_panel") return BookingRefusal::unknown_panel;
  if (code == "sitting_cancelled") return BookingRefusal::sitting_cancelled;
  return BookingRefusal::no_sitting;
}

// Finds the sitting, then reads, changes (`change`) and rewrites its bookings under its lock:
// two changes of one sitting at once take turns, so neither is lost. `change` returns the
// result; a refused one leaves the file as it was. With an expected version, a file that is
// another version is refused before `change` runs.
BookingResult change_sitting(const Workspace& workspace, const SittingId& id,
                             const std::string& given_case_ref, panel::UtcInstant now,
                             const std::string* expected_version,
                             const std::function<BookingResult(Change&)>& change) {
  Change current;
  try {
    current.panel = &workspace.office().panel(id.panel_id);
    current.sitting = panel::find_sitting(*current.panel, id.date);
  } catch (const panel::PanelError& error) {
    return refusal(sitting_refusal(error.code()), error.what());
  }
  const FileLock lock(lock_path_beside(workspace.bookings_path(id.panel_id, id.date)));
  // office.json as it is now, under the sitting's lock: a calendar change that cancels or moves
  // the sitting writes while it holds this lock, so no booking lands on a sitting taken away.
  const Workspace office_now = Workspace::open(workspace.root(), workspace.machine());
  try {
    current.panel = &office_now.office().panel(id.panel_id);
    current.sitting = panel::find_sitting(*current.panel, id.date);
  } catch (const panel::PanelError& error) {
    return refusal(sitting_refusal(error.code()), error.what());
  }
  // Compared under the lock: no change can slip in between the check and the write.
  if (expected_version != nullptr &&
      bookings_version(workspace, id.panel_id, id.date) != *expected_version) {
    return refusal(BookingRefusal::sitting_changed,
                   "this sitting (" + id.panel_id + " " + id.date.iso() +
                       ") changed since you opened it: open it again to see the change, then "
                       "make yours; nothing was changed");
  }
  if (auto loaded = workspace.load_bookings(id.panel_id, id.date)) {
    current.bookings = std::move(*loaded);
  } else {
    current.bookings.panel_id = id.panel_id;
    current.bookings.date = id.date;
  }
  current.where = id.panel_id + " " + id.date.iso();
  current.case_ref = canonical_case_ref(workspace, current.bookings, given_case_ref);
  BookingResult result = change(current);
  result.case_ref = current.case_ref;
  if (!result.done()) return result;
  result.item = item_number(current.bookings, current.case_ref);
  current.bookings.updated_at = local_text(now);
  workspace.save_bookings(current.bookings);
  // Reminders or the pack already went: the next tick tells people of the change.
  result.forecast =
      change_forecast(workspace, *current.panel, current.sitting, current.bookings, now);
  return result;
}

BookingResult not_booked(const Change& change, std::string what_to_do = "") {
  return refusal(BookingRefusal::not_booked,
                 change.case_ref + " is not booked onto " + change.where + std::move(what_to_do));
}

// Other sittings the case is booked onto that have not yet happened.
std::vector<std::string> other_bookings(const Workspace& workspace, const Change& change,
                                        panel::CalendarDate today) {
  std::vector<std::string> problems;
  std::vector<std::string> found;
  for (const auto& booked : workspace.load_all_bookings(problems)) {
    const auto& sitting = booked.sitting;
    if ((sitting.panel_id == change.sitting.panel_id && sitting.date == change.sitting.date) ||
        sitting.date < today) {
      continue;
    }
    if (booked.bookings.find(change.case_ref) != nullptr) {
      found.push_back(sitting.panel_id + " " + sitting.date.iso());
    }
  }
  return found;
}

std::optional<BookingResult> unknown_paper_type(const std::string& type) {
  if (panel::is_paper_type(type)) return std::nullopt;
  return refusal(BookingRefusal::not_a_paper_type,
                 "'" + type + "' is not a paper type: use " + panel::paper_type_list(" or "));
}

// Where a document is recorded, as a path from the office folder: where it is when inside the
// office folder, otherwise papers/CASEREF/NAME (copy_paper_file puts it there).
std::string paper_file_path(const Workspace& workspace, const std::string& case_ref,
                            const fs::path& given) {
  const fs::path root = fs::weakly_canonical(workspace.root());
  const fs::path file = fs::weakly_canonical(given);
  const fs::path relative = file.lexically_relative(root);
  if (!relative.empty() && *relative.begin() != "..") return relative.generic_string();
  return (fs::path("papers") / case_ref / file.filename()).generic_string();
}

void copy_paper_file(const Workspace& workspace, const fs::path& given,
                     const std::string& recorded) {
  const fs::path target = workspace.root() / recorded;
  if (fs::weakly_canonical(given) == fs::weakly_canonical(target)) return;
  write_output(target, read_input(given.string()));
}

BookingResult book_checked(const Workspace& workspace, const BookCaseRequest& request,
                           const std::string* expected) {
  return change_sitting(
      workspace, request.sitting, request.case_ref, request.now, expected, [&](Change& change) {
        const auto& panel = *change.panel;
        // Booking onto a sitting on a bank holiday or closure day would tell people to come on it.
        if (const auto day_off =
                panel::unconfirmed_day_off(panel, change.sitting, workspace.calendar())) {
          return refusal(BookingRefusal::sitting_on_day_off,
                         change.where + " falls on " + *day_off +
                             ": move the sitting (cancelled and an extraSittings entry in "
                             "office.json) or confirm it (confirmedSittings), then book");
        }
        if (change.bookings.find(change.case_ref) != nullptr) {
          return refusal(BookingRefusal::already_booked,
                         change.case_ref + " is already booked onto " + change.where +
                             "; use --received TYPE to record a paper, or --remove");
        }
        if (panel.max_cases && static_cast<int>(change.bookings.items.size()) >= *panel.max_cases) {
          return refusal(BookingRefusal::sitting_full,
                         change.where + " is full (" + std::to_string(*panel.max_cases) +
                             " cases, maxCases in office.json); book another sitting");
        }
        CaseFile file;
        try {
          file = workspace.load_case(change.case_ref);
        } catch (const OfficeError& failure) {
          if (failure.code() != OfficeError::Code::bad_input) throw;
          return refusal(BookingRefusal::case_file_unusable, failure.what());
        }
        panel::BookingItem booking;
        booking.case_ref = change.case_ref;
        booking.reason = request.reason.value_or(file.summary.referral_reason);
        if (booking.reason.empty()) {
          return refusal(BookingRefusal::no_referral_reason,
                         "the case file gives no referral reason: name one with --reason");
        }
        if (request.paper_types) {
          for (const std::string& type : *request.paper_types) {
            if (auto refused = unknown_paper_type(type)) return *refused;
            if (std::find(booking.paper_types.begin(), booking.paper_types.end(), type) ==
                booking.paper_types.end()) {
              booking.paper_types.push_back(type);
            }
          }
        } else {
          booking.paper_types = file.summary.default_paper_types();
        }
        booking.minutes = request.minutes;
        booking.booked_at = local_text(request.now);
        change.bookings.items.push_back(std::move(booking));
        BookingResult result;
        result.message = "booked " + change.case_ref + " onto " + change.where + " as item " +
                         std::to_string(change.bookings.items.size());
        result.also_booked_onto =
            other_bookings(workspace, change, panel::utc_to_local(request.now).date);
        return result;
      });
}

BookingResult remove_checked(const Workspace& workspace, const RemoveCaseRequest& request,
                             const std::string* expected) {
  return change_sitting(workspace, request.sitting, request.case_ref, request.now, expected,
                        [&](Change& change) {
                          const panel::BookingItem* item = change.bookings.find(change.case_ref);
                          if (item == nullptr) return not_booked(change);
                          change.bookings.items.erase(change.bookings.items.begin() +
                                                      (item - change.bookings.items.data()));
                          BookingResult result;
                          result.message = "removed " + change.case_ref + " from " + change.where;
                          return result;
                        });
}

BookingResult move_checked(const Workspace& workspace, const MoveCaseRequest& request,
                           const std::string* expected) {
  return change_sitting(
      workspace, request.sitting, request.case_ref, request.now, expected, [&](Change& change) {
        auto& items = change.bookings.items;
        const std::size_t from = item_number(change.bookings, change.case_ref);
        if (from == 0) return not_booked(change);
        if (request.item == 0 || request.item > items.size()) {
          return refusal(BookingRefusal::item_out_of_range,
                         change.where + " has items 1 to " + std::to_string(items.size()) + ": " +
                             change.case_ref + " cannot move to item " +
                             std::to_string(request.item));
        }
        panel::BookingItem moving = std::move(items[from - 1]);
        items.erase(items.begin() + static_cast<std::ptrdiff_t>(from - 1));
        items.insert(items.begin() + static_cast<std::ptrdiff_t>(request.item - 1),
                     std::move(moving));
        BookingResult result;
        result.message = "moved " + change.case_ref + " to item " + std::to_string(request.item) +
                         " of " + change.where;
        return result;
      });
}

BookingResult record_paper_checked(const Workspace& workspace, const ReceivedPaperRequest& request,
                                   const std::string* expected) {
  return change_sitting(
      workspace, request.sitting, request.case_ref, request.now, expected, [&](Change& change) {
        const std::string& case_ref = change.case_ref;
        panel::BookingItem* item = change.bookings.find(case_ref);
        if (item == nullptr) {
          return not_booked(change, "; book it first (panelpack book " + request.sitting.panel_id +
                                        " " + request.sitting.date.iso() + " " + case_ref + ")");
        }
        const std::string& type = request.paper_type;
        if (auto refused = unknown_paper_type(type)) return *refused;
        const panel::UtcInstant at = request.received_at.value_or(request.now);
        if (at > request.now) {
          return refusal(BookingRefusal::received_after_now,
                         "--at " + local_text(at) + " is after now (" + local_text(request.now) +
                             "): a paper is recorded once it has arrived");
        }
        const std::string& elsewhere = request.on_file_elsewhere;
        panel::ReceivedPaper paper{type, at, local_text(at), "", elsewhere};
        if (request.file) {
          std::error_code error;
          if (!fs::is_regular_file(*request.file, error)) {
            return refusal(BookingRefusal::no_such_file, request.file->string() + ": no such file");
          }
          paper.file = paper_file_path(workspace, case_ref, *request.file);
        } else if (elsewhere.empty()) {
          CaseFile file;
          try {
            file = workspace.load_case(case_ref);
          } catch (const OfficeError& failure) {
            if (failure.code() != OfficeError::Code::bad_input) throw;
            return refusal(BookingRefusal::case_file_unusable, failure.what());
          }
          // Without its file the pack cannot hold it, and would fail at the pack deadline.
          if (panel::needs_submitted_file(type, file.summary)) {
            return refusal(
                BookingRefusal::file_needed,
                "the " + panel::paper_type_label(type) + " of " + case_ref +
                    " is a document the pack holds: name it with --file PATH, or, when it is kept "
                    "somewhere else, say where with --on-file-elsewhere \"REASON\" (the agenda "
                    "prints "
                    "the reason and the pack leaves the paper out); nothing was recorded");
          }
        }
        for (const panel::ReceivedPaper& earlier : item->papers) {
          if (earlier.type == type && earlier.file == paper.file) {
            return refusal(BookingRefusal::already_received,
                           "the " + panel::paper_type_label(type) + " of " + case_ref +
                               " was already recorded as received " + earlier.received_at_text +
                               (paper.file.empty() ? "" : " from " + paper.file) +
                               "; a new version needs its own --file; nothing was recorded");
          }
        }
        if (request.file) copy_paper_file(workspace, *request.file, paper.file);
        item->papers.push_back(paper);
        if (std::find(item->paper_types.begin(), item->paper_types.end(), type) ==
            item->paper_types.end()) {
          item->paper_types.push_back(type);
        }
        BookingResult result;
        result.message = "recorded the " + panel::paper_type_label(type) + " of " + case_ref +
                         " for " + change.where + " as received " + paper.received_at_text +
                         (elsewhere.empty() ? "" : ", on file elsewhere (not in the pack)");
        return result;
      });
}

}  // namespace

BookingResult book_case(const Workspace& workspace, const BookCaseRequest& request) {
  return book_checked(workspace, request, nullptr);
}
BookingResult remove_case(const Workspace& workspace, const RemoveCaseRequest& request) {
  return remove_checked(workspace, request, nullptr);
}
BookingResult move_case(const Workspace& workspace, const MoveCaseRequest& request) {
  return move_checked(workspace, request, nullptr);
}
BookingResult record_received_paper(const Workspace& workspace,
                                    const ReceivedPaperRequest& request) {
  return record_paper_checked(workspace, request, nullptr);
}

BookingResult book_case(const Workspace& workspace, const BookCaseRequest& request,
                        const std::string& expected_version) {
  return book_checked(workspace, request, &expected_version);
}
BookingResult remove_case(const Workspace& workspace, const RemoveCaseRequest& request,
                          const std::string& expected_version) {
  return remove_checked(workspace, request, &expected_version);
}
BookingResult move_case(const Workspace& workspace, const MoveCaseRequest& request,
                        const std::string& expected_version) {
  return move_checked(workspace, request, &expected_version);
}
BookingResult record_received_paper(const Workspace& workspace, const ReceivedPaperRequest& request,
                                    const std::string& expected_version) {
  return record_paper_checked(workspace, request, &expected_version);
}

// sitting_change.hpp: the same steps for changes beyond these four (presenters, apologies).
BookingResult change_bookings(const Workspace& workspace, const SittingId& sitting,
                              const std::string& given_case_ref, panel::UtcInstant now,
                              const std::string* expected_version,
                              const std::function<BookingResult(BookingsChange&)>& change) {
  return change_sitting(
      workspace, sitting, given_case_ref, now, expected_version, [&](Change& current) {
        BookingsChange view{*current.panel, current.bookings, current.case_ref, current.where};
        return change(view);
      });
}

}  // namespace panelpack::office
