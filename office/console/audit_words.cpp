// The audit's codes in plain words, for the audit page and `panelpack users audit`: a Business
// Support Officer reads "Sign-in refused: wrong password", not "sign_in wrong_password".

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "office/console/audit.hpp"

namespace panelpack::office::console {
namespace {

using Words = std::pair<std::string_view, std::string_view>;

// Each code the program writes, with its words (docs/console.md has the same table).
constexpr Words kActions[] = {
    {"account_add", "Added an account"},
    {"account_change", "Changed an account's role or panels"},
    {"account_disable", "Disabled an account"},
    {"account_enable", "Enabled an account"},
    {"account_reset", "Reset an account with a one-time password"},
    {"action_done", "Marked an action as done"},
    {"addendum_send", "Started sending an addendum to a pack's members"},
    {"apologies_changed", "Changed the apologies for a sitting"},
    {"audit_export", "Downloaded the audit as CSV"},
    {"booking_added", "Booked a case onto a sitting"},
    {"booking_moved", "Moved a case on a sitting's agenda"},
    {"booking_removed", "Removed a case from a sitting"},
    {"calendar_change", "Changed the calendar"},
    {"case_create", "Created a case"},
    {"case_edit", "Edited a case"},
    {"csrf_refused", "Form refused: its security token was missing or wrong"},
    {"download", "Downloaded a file"},
    {"mail_cancel", "Cancelled an email"},
    {"mail_retry", "Sent an email again"},
    {"mailbox_check", "Checked the submission mailbox for new papers"},
    {"pack_build", "Started building a pack"},
    {"page_refused", "Page refused: not allowed for this role"},
    {"paper_assigned", "Placed a paper from the mailbox on a booking"},
    {"paper_chased", "Sent a chaser for a missing paper"},
    {"paper_upload", "Uploaded a paper"},
    {"presenters_changed", "Changed who presents a case at a sitting"},
    {"password_check", "Checked a password before changing it"},
    {"password_set", "Set a password"},
    {"record_agreed", "Signed off a decision record"},
    {"record_changed", "Changed a signed-off decision record (a new version)"},
    {"record_completed", "Completed a decision record: it is in the sitting's decisions"},
    {"record_drafted", "Saved a draft of a decision record"},
    {"record_made", "Made a child's decision record"},
    {"record_on_file", "Marked a decision record as on the child's file"},
    {"record_sent", "Sent a decision record to the social worker and team manager"},
    {"session_end", "Was signed out: the session ended"},
    {"sessions_end", "Ended an account's sessions"},
    {"setting_changed", "Changed a setting in office.json"},
    {"sign_in", "Signed in"},
    {"sign_out", "Signed out"},
    {"template_installed", "Installed a new version of a template"},
    {"template_previewed", "Downloaded a template filled for a case"},
    {"template_refused", "Uploaded a template that was not installed"},
    {"template_restored", "Restored an earlier version of a template"},
    {"view", "Viewed a page"},
};

// What a view (action "view") showed, by its object kind.
constexpr Words kViews[] = {
    {"action", "Viewed an action"},
    {"actions", "Viewed the actions"},
    {"audit", "Viewed the audit"},
    {"case", "Viewed a case"},
    {"cases", "Viewed the cases"},
    {"mail", "Viewed the mail"},
    {"mailbox", "Viewed the mailbox's unmatched papers"},
    {"pack", "Viewed a pack"},
    {"record", "Viewed a decision record"},
    {"records", "Viewed a sitting's decision records"},
    {"report", "Viewed a quarterly report"},
    {"sitting", "Viewed a sitting"},
    {"today", "Viewed Today"},
    {"tracker", "Viewed the tracker"},
};

constexpr Words kOutcomes[] = {
    {"account_disabled", "The account was disabled"},
    {"already_disabled", "It was already disabled"},
    {"already_enabled", "It was already enabled"},
    {"already_running", "It was already running"},
    {"assigned_already", "Someone had placed the paper already: nothing changed"},
    {"disabled", "The account is disabled"},
    {"failed", "It failed: see the page for why"},
    {"has_errors", "The template had mistakes: nothing was installed"},
    {"idle", "Unused for too long"},
    {"limit", "Past its 12 hours"},
    {"locked", "The account is locked after too many wrong passwords"},
    {"not_a_document", "The file was not a DOCX, ODT or PDF"},
    {"not_a_template", "The file was not a DOCX or ODT template"},
    {"not_changeable", "Not possible in the email's state"},
    {"not_found", "Not found"},
    {"not_signed", "The record is not signed off yet"},
    {"ok", "Done"},
    {"other_chair", "Signed off by another chair"},
    {"panel", "Not one of their panels"},
    {"refused", "Refused"},
    {"refused_by_rule", "The password broke the password rule"},
    {"role", "Not allowed for this role"},
    {"signed_off", "The record is signed off and locked"},
    {"stale", "The form was out of date: nothing changed"},
    {"started", "Started"},
    {"throttled", "Too many attempts from this computer"},
    {"unknown_user", "No account with this email address"},
    {"wrong_password", "Wrong password"},
};

template <std::size_t N>
std::string_view find(const Words (&table)[N], std::string_view code) {
  for (const Words& words : table) {
    if (words.first == code) return words.second;
  }
  return {};
}

// "booking_move" -> "Booking move": a code no table knows still reads.
std::string readable(std::string_view code) {
  std::string text(code);
  std::replace(text.begin(), text.end(), '_', ' ');
  if (!text.empty() && text.front() >= 'a' && text.front() <= 'z') {
    text.front() = static_cast<char>(text.front() - 'a' + 'A');
  }
  return text;
}

std::string lower_first(std::string text) {
  if (!text.empty() && text.front() >= 'A' && text.front() <= 'Z') {
    text.front() = static_cast<char>(text.front() - 'A' + 'a');
  }
  return text;
}

}  // namespace

std::string action_words(std::string_view action, std::string_view object_kind) {
  if (action == "view") {
    if (const auto words = find(kViews, object_kind); !words.empty()) return std::string(words);
  }
  const auto words = find(kActions, action);
  return words.empty() ? readable(action) : std::string(words);
}

std::string outcome_words(std::string_view outcome) {
  const auto words = find(kOutcomes, outcome);
  return words.empty() ? readable(outcome) : std::string(words);
}

std::string audit_words(const AuditEntry& entry) {
  if (entry.outcome == "ok") return action_words(entry.action, entry.object_kind);
  const std::string why = lower_first(outcome_words(entry.outcome));
  if (entry.action == "sign_in") return "Sign-in refused: " + why;
  if (entry.action == "password_check") return "Password change refused: " + why;
  if (entry.action == "password_set" && entry.outcome == "refused_by_rule")
    return "Password refused: " + why;
  if (entry.action == "page_refused" || entry.action == "csrf_refused")
    return action_words(entry.action, entry.object_kind);
  return action_words(entry.action, entry.object_kind) + ": " + why;
}

const std::vector<std::string_view>& audit_actions() {
  static const std::vector<std::string_view> codes = [] {
    std::vector<std::string_view> all;
    for (const Words& words : kActions) all.push_back(words.first);
    return all;
  }();
  return codes;
}

}  // namespace panelpack::office::console
