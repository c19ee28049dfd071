#include "panel/mail_due.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "panel/agenda.hpp"
#include "panel/panel_error.hpp"

namespace panelpack::panel {

namespace {

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

enum class Timing { not_yet, due, passed };

Timing timing_of(UtcInstant due_at, UtcInstant expires_at, const MailWindow& window) {
  if (due_at > window.now || due_at < window.now - window.lookback) return Timing::not_yet;
  return window.now >= expires_at ? Timing::passed : Timing::due;
}

bool received_by(const BookingItem& item, const std::string& type, UtcInstant now) {
  return std::any_of(item.papers.begin(), item.papers.end(), [&](const ReceivedPaper& paper) {
    return paper.type == type && paper.received_at <= now;
  });
}

// "12:45": `minutes` after `start`, on the same day.
std::string time_after(TimeOfDay start, int minutes) {
  const int total = std::min(start.hour * 60 + start.minute + minutes, 23 * 60 + 59);
  return TimeOfDay{total / 60, total % 60}.text();
}

std::vector<std::string> missing_papers(const BookingItem& item, UtcInstant now) {
  std::vector<std::string> missing;
  for (const std::string& type : item.paper_types) {
    const bool listed = std::find(missing.begin(), missing.end(), type) != missing.end();
    if (!listed && !received_by(item, type, now)) missing.push_back(type);
  }
  return missing;
}

// Builds the plan one sitting at a time.
class Planner {
 public:
  explicit Planner(const MailDueInputs& inputs) : in_(inputs) {}

  void add(const BookedSitting& booked) {
    const SittingNotices* told = told_before_start(booked.sitting);
    if (booked.sitting.cancelled) {
      if (told != nullptr) add_cancelled(booked, *told);
      return;
    }
    if (booked.bookings.items.empty() && told == nullptr) return;
    const PanelConfig* panel = nullptr;
    try {
      panel = &in_.office.panel(booked.sitting.panel_id);
    } catch (const PanelError& error) {
      plan_.problems.push_back(sitting_name(booked.sitting) + ": " + error.what());
      return;
    }
    if (!has_mail_in_window(*panel, booked.sitting, in_.calendar, in_.window) &&
        !has_booking_mail_in_window(booked, in_.window) && told == nullptr) {
      return;
    }
    // A sitting on a bank holiday or closure day is probably a mistake: nobody is told to
    // come until it is moved or confirmed.
    if (const auto day_off = unconfirmed_day_off(*panel, booked.sitting, in_.calendar)) {
      plan_.problems.push_back("mail for " + sitting_name(booked.sitting) +
                               ": the sitting falls on " + *day_off +
                               "; no mail until it is moved or confirmed (confirmedSittings in "
                               "office.json)");
      return;
    }
    std::optional<SittingMail> sitting = sitting_mail(*panel, booked, told);
    if (!sitting) return;
    plan_.sittings.push_back(std::move(*sitting));
    const std::size_t index = plan_.sittings.size() - 1;
    if (told != nullptr) add_changes(index, *told);
    add_invitation(index, booked, told != nullptr && told->members ? &*told->members : nullptr);
    if (booked.bookings.items.empty()) return;
    add_confirmations(index, booked);
    add_reminders(index, booked);
    add_escalations(index);
    add_circulation(index);
    add_minutes(index);
  }

  MailPlan finish() {
    const auto by_time = [](const DueMail& a, const DueMail& b) {
      return a.due_at != b.due_at ? a.due_at < b.due_at : a.sitting < b.sitting;
    };
    std::stable_sort(plan_.due.begin(), plan_.due.end(), by_time);
    std::stable_sort(plan_.passed.begin(), plan_.passed.end(), by_time);
    return std::move(plan_);
  }

 private:
  static std::string sitting_name(const Sitting& sitting) {
    return sitting.panel_id + " " + sitting.date.iso();
  }

  std::optional<SittingMail> sitting_mail(const PanelConfig& panel, const BookedSitting& booked,
                                          const SittingNotices* told) {
    for (const BookingItem& item : booked.bookings.items) {
      if (!in_.cases.contains(item.case_ref)) {
        plan_.problems.push_back("mail for " + sitting_name(booked.sitting) +
                                 ": the case file of " + item.case_ref +
                                 " could not be read; no mail for this sitting");
        return std::nullopt;
      }
    }
    nlohmann::ordered_json agenda;
    try {
      agenda = build_agenda({in_.office, panel, booked.sitting, booked.bookings, in_.cases,
                             in_.calendar, in_.window.now});
    } catch (const PanelError& error) {
      plan_.problems.push_back("mail for " + sitting_name(booked.sitting) + ": " + error.what());
      return std::nullopt;
    }
    SittingMail sitting{
        &panel, booked.sitting, mail_moments(panel, booked.sitting, in_.calendar), {}, ""};
    const auto& items = agenda.at("items");
    for (std::size_t i = 0; i < booked.bookings.items.size(); ++i) {
      const BookingItem& item = booked.bookings.items[i];
      const CaseSummary& summary = in_.cases.at(item.case_ref);
      sitting.cases.push_back({static_cast<int>(i) + 1, item.case_ref, summary.child_id,
                               summary.child_initials, items[i].at("slot").get<std::string>(),
                               items[i].at("endTime").get<std::string>(),
                               missing_papers(item, in_.window.now), item.paper_types});
    }
    sitting.end_time = !sitting.cases.empty() ? sitting.cases.back().end_time
                       : told != nullptr && told->members
                           ? told->members->end
                           : time_after(booked.sitting.start_time, panel.slot_minutes);
    return sitting;
  }

  // Adds one email per distinct address to `due` or `passed`, or a problem for a person
  // without an address when it is due.
  // `subject` is the key's fourth field when it is not the case's reference; `notice` the
  // DueMail's.
  void add_mail(MailKind kind, std::size_t index, std::optional<std::size_t> about,
                const std::vector<Addressee>& people, UtcInstant due_at, UtcInstant expires_at,
                const std::string* subject = nullptr, int notice = 0) {
    const Timing timing = timing_of(due_at, expires_at, in_.window);
    if (timing == Timing::not_yet) return;
    const SittingMail& sitting = plan_.sittings[index];
    const std::string case_ref = subject != nullptr ? *subject
                                 : about            ? sitting.cases[*about].case_ref
                                                    : "";
    std::set<std::string> seen;
    for (const Addressee& addressee : people) {
      DueMail mail{kind, index, about, *addressee.person, addressee.role, due_at, expires_at, false,
                   "",   {},    notice};
      if (addressee.person->email.empty()) {
        if (timing == Timing::due) {
          plan_.problems.push_back(describe(plan_, mail) + ": the " + addressee.role +
                                   " has no email address");
        }
        continue;
      }
      mail.key = mail_key(kind, sitting.panel->id, sitting.sitting.date, case_ref,
                          addressee.person->email);
      if (!seen.insert(lowercase(addressee.person->email)).second) continue;
      mail.late = in_.window.now - due_at > in_.window.late_after;
      (timing == Timing::due ? plan_.due : plan_.passed).push_back(std::move(mail));
    }
  }

  void add_reminders(std::size_t index, const BookedSitting& booked) {
    const MailMoments& moments = plan_.sittings[index].moments;
    for (std::size_t i = 0; i < booked.bookings.items.size(); ++i) {
      const BookingItem& item = booked.bookings.items[i];
      const auto people = presenters_of(item, in_.cases.at(item.case_ref));
      if (people.empty() &&
          timing_of(moments.deadlines.reminder.utc, moments.starts_at, in_.window) == Timing::due) {
        plan_.problems.push_back("reminder for " + sitting_name(booked.sitting) + " " +
                                 item.case_ref +
                                 ": the case file names no social worker or team manager and the "
                                 "booking no presenters");
      }
      add_mail(MailKind::reminder, index, i, people, moments.deadlines.reminder.utc,
               moments.starts_at);
    }
  }

  // The booking's confirmation to each presenter, due when it was made (issue 15).
  void add_confirmations(std::size_t index, const BookedSitting& booked) {
    const MailMoments& moments = plan_.sittings[index].moments;
    for (std::size_t i = 0; i < booked.bookings.items.size(); ++i) {
      const BookingItem& item = booked.bookings.items[i];
      const auto people = presenters_of(item, in_.cases.at(item.case_ref));
      const UtcInstant due_at = booked_at(item).value_or(in_.window.now);
      if (people.empty() && timing_of(due_at, moments.starts_at, in_.window) == Timing::due) {
        plan_.problems.push_back("confirmation for " + sitting_name(booked.sitting) + " " +
                                 item.case_ref +
                                 ": the case file names no social worker or team manager and the "
                                 "booking no presenters");
      }
      add_mail(MailKind::confirmation, index, i, people, due_at, moments.starts_at, nullptr, 1);
    }
  }

  // The chair and members, as the circulation finds them.
  static std::vector<Addressee> members_of(const std::vector<Person>& members) {
    std::vector<Addressee> people;
    for (std::size_t i = 0; i < members.size(); ++i) {
      people.push_back({&members[i], i == 0 ? "chair" : "member"});
    }
    return people;
  }

  static std::string invitation_subject(int notice, const std::string& start,
                                        const std::string& end, const std::string& venue) {
    return "sitting#" + std::to_string(notice) + "-" +
           schedule_hash(start + "-" + end + " " + venue);
  }

  // The members' invitation to the sitting: the first when its first booking is made, an
  // update when its start, end or venue moved from what they were sent, and the current one to
  // a member who has had none.
  void add_invitation(std::size_t index, const BookedSitting& booked, const MembersNotice* sent) {
    const SittingMail& sitting = plan_.sittings[index];
    // Once it has started, what the members were sent is no longer read: nothing to say.
    if (in_.window.now >= sitting.moments.starts_at) return;
    const std::string start = sitting.sitting.start_time.text();
    const std::string& venue = sitting.panel->venue;
    const std::vector<Person> members = sitting.panel->pack_recipients();
    if (sent == nullptr) {
      if (booked.bookings.items.empty()) return;
      const std::string subject = invitation_subject(1, start, sitting.end_time, venue);
      add_mail(MailKind::invitation, index, std::nullopt, members_of(members),
               first_booking(booked), sitting.moments.starts_at, &subject, 1);
      return;
    }
    const bool changed = sent->cancelled || sent->start != start || sent->end != sitting.end_time ||
                         sent->venue != venue;
    const int notice = changed ? sent->notices + 1 : sent->notices;
    const std::string subject = invitation_subject(notice, start, sitting.end_time, venue);
    std::set<std::string> seen;
    for (const Addressee& addressee : members_of(members)) {
      const Person& person = *addressee.person;
      if (!seen.insert(lowercase(person.email)).second) continue;
      if (!changed && (person.email.empty() || sent->has(person.email))) continue;
      add_change(MailKind::invitation, index, std::nullopt, person, addressee.role, subject,
                 nullptr, notice);
    }
  }

  // When the sitting's members' invitation is due: its first booking (the earliest bookedAt;
  // one that does not say counts as made now).
  UtcInstant first_booking(const BookedSitting& booked) const {
    std::optional<UtcInstant> first;
    for (const BookingItem& item : booked.bookings.items) {
      const UtcInstant at = booked_at(item).value_or(in_.window.now);
      if (!first || at < *first) first = at;
    }
    return first.value_or(in_.window.now);
  }

  // A cancelled sitting whose people were told of it: the members' invitation is cancelled,
  // and each presenter not yet told their case is off gets the cancellation.
  void add_cancelled(const BookedSitting& booked, const SittingNotices& told) {
    const bool members_told = told.members && !told.members->cancelled;
    const bool presenters_told =
        std::any_of(told.presenters.begin(), told.presenters.end(),
                    [](const PresenterNotice& notice) { return !notice.cancelled; });
    if (!members_told && !presenters_told) return;
    const PanelConfig* panel = nullptr;
    try {
      panel = &in_.office.panel(booked.sitting.panel_id);
    } catch (const PanelError& error) {
      plan_.problems.push_back(sitting_name(booked.sitting) + ": " + error.what());
      return;
    }
    SittingMail sitting{
        panel, booked.sitting, mail_moments(*panel, booked.sitting, in_.calendar), {}, ""};
    sitting.end_time = told.members ? told.members->end
                                    : time_after(booked.sitting.start_time, panel->slot_minutes);
    plan_.sittings.push_back(std::move(sitting));
    const std::size_t index = plan_.sittings.size() - 1;
    add_presenter_changes(index, told);
    if (!members_told) return;
    const std::string subject = "cancelled#" + std::to_string(told.members->notices + 1);
    for (const Person& person : told.members->people) {
      const bool chair = lowercase(person.email) == lowercase(panel->chair.email);
      add_change(MailKind::invitation, index, std::nullopt, person, chair ? "chair" : "member",
                 subject, nullptr, told.members->notices + 1);
    }
  }

  void add_escalations(std::size_t index) {
    const SittingMail& sitting = plan_.sittings[index];
    for (std::size_t i = 0; i < sitting.cases.size(); ++i) {
      if (sitting.cases[i].missing_papers.empty()) continue;
      const CaseSummary& summary = in_.cases.at(sitting.cases[i].case_ref);
      const UtcInstant due_at = sitting.moments.deadlines.papers_due.utc;
      if (!summary.team_manager) {
        if (timing_of(due_at, sitting.moments.starts_at, in_.window) == Timing::due) {
          plan_.problems.push_back("papers-missing for " + sitting_name(sitting.sitting) + " " +
                                   sitting.cases[i].case_ref +
                                   ": the case file names no team manager");
        }
        continue;
      }
      add_mail(MailKind::papers_missing, index, i, {{&*summary.team_manager, "team manager"}},
               due_at, sitting.moments.starts_at);
    }
  }

  void add_circulation(std::size_t index) {
    const SittingMail& sitting = plan_.sittings[index];
    const std::vector<Person> members = sitting.panel->pack_recipients();
    std::vector<Addressee> people;
    for (std::size_t i = 0; i < members.size(); ++i) {
      people.push_back({&members[i], i == 0 ? "chair" : "member"});
    }
    people.push_back({&in_.office.submission_mailbox, "submission mailbox"});
    add_mail(MailKind::circulation, index, std::nullopt, people, sitting.moments.deadlines.pack.utc,
             sitting.moments.starts_at);
  }

  void add_minutes(std::size_t index) {
    const SittingMail& sitting = plan_.sittings[index];
    add_mail(MailKind::minutes_due, index, std::nullopt,
             {{&sitting.panel->administrator, "administrator"}},
             sitting.moments.minutes_reminder_at, sitting.moments.deadlines.minutes.utc);
  }

  // What the sitting's people were told, while telling them of a change still makes sense.
  const SittingNotices* told_before_start(const Sitting& sitting) const {
    if (in_.told == nullptr) return nullptr;
    const auto found = in_.told->find(sitting_key(sitting.panel_id, sitting.date));
    if (found == in_.told->end()) return nullptr;
    if (in_.window.now >= local_to_utc(sitting.date, sitting.start_time)) return nullptr;
    return &found->second;
  }

  void add_change(MailKind kind, std::size_t index, std::optional<std::size_t> about,
                  const Person& person, const std::string& role, const std::string& subject,
                  const PresenterNotice* previous, int notice) {
    const SittingMail& sitting = plan_.sittings[index];
    DueMail mail{kind,
                 index,
                 about,
                 person,
                 role,
                 in_.window.now,
                 sitting.moments.starts_at,
                 false,
                 "",
                 previous != nullptr ? *previous : PresenterNotice{},
                 notice};
    if (person.email.empty()) {
      plan_.problems.push_back(describe(plan_, mail) + ": the " + role + " has no email address");
      return;
    }
    mail.key = mail_key(kind, sitting.panel->id, sitting.sitting.date, subject, person.email);
    plan_.due.push_back(std::move(mail));
  }

  std::vector<CaseSlot> slots_of(std::size_t index) const {
    std::vector<CaseSlot> slots;
    for (const MailCase& item : plan_.sittings[index].cases) {
      slots.push_back({item.case_ref, item.slot, item.end_time});
    }
    return slots;
  }

  // A correction to each presenter whose slot moved, a cancellation to each of a case taken off.
  void add_presenter_changes(std::size_t index, const SittingNotices& told) {
    const SittingMail& sitting = plan_.sittings[index];
    const SlotChanges changes = slot_changes(told, slots_of(index));
    for (const auto& [notice, now] : changes.corrections) {
      const auto found =
          std::find_if(sitting.cases.begin(), sitting.cases.end(),
                       [&](const MailCase& c) { return c.case_ref == now.case_ref; });
      const std::size_t about = static_cast<std::size_t>(found - sitting.cases.begin());
      add_change(MailKind::correction, index, about, {notice->name, "", "", "", notice->email, ""},
                 "presenter",
                 now.case_ref + "@" + now.slot + "-" + now.end_time + "#" +
                     std::to_string(notice->notices + 1),
                 notice, notice->notices + 1);
    }
    for (const PresenterNotice* notice : changes.cancellations) {
      add_change(MailKind::cancellation, index, std::nullopt,
                 {notice->name, "", "", "", notice->email, ""}, "presenter",
                 notice->case_ref + "#" + std::to_string(notice->notices + 1), notice,
                 notice->notices + 1);
    }
  }

  void add_changes(std::size_t index, const SittingNotices& told) {
    add_presenter_changes(index, told);
    const SittingMail& sitting = plan_.sittings[index];
    const std::vector<CaseSlot> slots = slots_of(index);
    if (!told.agenda || *told.agenda == schedule_text(slots)) return;
    const std::string subject =
        "agenda#" + std::to_string(told.addenda + 1) + "-" + schedule_hash(schedule_text(slots));
    const std::vector<Person> members = sitting.panel->pack_recipients();
    std::set<std::string> seen;
    for (std::size_t i = 0; i < members.size(); ++i) {
      if (!seen.insert(lowercase(members[i].email)).second) continue;
      add_change(MailKind::addendum, index, std::nullopt, members[i], i == 0 ? "chair" : "member",
                 subject, nullptr, told.addenda + 1);
    }
    if (seen.insert(lowercase(in_.office.submission_mailbox.email)).second) {
      add_change(MailKind::addendum, index, std::nullopt, in_.office.submission_mailbox,
                 "submission mailbox", subject, nullptr, told.addenda + 1);
    }
  }

  const MailDueInputs& in_;
  MailPlan plan_;
};

}  // namespace

std::vector<Addressee> allocated_workers(const CaseSummary& summary) {
  std::vector<Addressee> people;
  if (summary.social_worker) people.push_back({&*summary.social_worker, "social worker"});
  if (summary.team_manager) people.push_back({&*summary.team_manager, "team manager"});
  return people;
}

std::vector<Addressee> presenters_of(const BookingItem& item, const CaseSummary& summary) {
  if (!item.presenters) return allocated_workers(summary);
  std::vector<Addressee> presenters;
  for (const Person& person : *item.presenters) presenters.push_back({&person, "presenter"});
  return presenters;
}

std::optional<UtcInstant> booked_at(const BookingItem& item) {
  if (item.booked_at.empty()) return std::nullopt;
  try {
    return parse_instant(item.booked_at);
  } catch (const PanelError&) {
    return std::nullopt;  // the bookings schema refuses such a file; here it is as if unsaid
  }
}

bool has_booking_mail_in_window(const BookedSitting& booked, const MailWindow& window) {
  if (window.now >= local_to_utc(booked.sitting.date, booked.sitting.start_time)) return false;
  return std::any_of(booked.bookings.items.begin(), booked.bookings.items.end(),
                     [&](const BookingItem& item) {
                       const auto at = booked_at(item);
                       return !at || (*at <= window.now && *at >= window.now - window.lookback);
                     });
}

std::string to_string(MailKind kind) {
  switch (kind) {
    case MailKind::reminder:
      return "reminder";
    case MailKind::circulation:
      return "circulation";
    case MailKind::papers_missing:
      return "papers-missing";
    case MailKind::minutes_due:
      return "minutes-due";
    case MailKind::correction:
      return "correction";
    case MailKind::cancellation:
      return "cancellation";
    case MailKind::addendum:
      return "addendum";
    case MailKind::pack_failed:
      return "pack-failed";
    case MailKind::chaser:
      return "chaser";
    case MailKind::action_reminder:
      return "action_reminder";
    case MailKind::decision_record:
      return "decision_record";
    case MailKind::confirmation:
      return "confirmation";
    case MailKind::invitation:
      return "invitation";
    case MailKind::intake_reply:
      return "intake_reply";
  }
  return "reminder";
}

MailMoments mail_moments(const PanelConfig& panel, const Sitting& sitting,
                         const WorkingCalendar& calendar) {
  MailMoments moments{
      deadlines_for(panel, sitting, calendar), local_to_utc(sitting.date, sitting.start_time), {}};
  const CalendarDate day_before =
      calendar.add_working_days(moments.deadlines.minutes.local.date, -1);
  moments.minutes_reminder_at =
      std::max(local_to_utc(day_before, kMinutesReminderTime), moments.starts_at);
  return moments;
}

bool has_mail_in_window(const PanelConfig& panel, const Sitting& sitting,
                        const WorkingCalendar& calendar, const MailWindow& window) {
  const MailMoments moments = mail_moments(panel, sitting, calendar);
  const auto within = [&](UtcInstant moment) {
    return moment <= window.now && moment >= window.now - window.lookback;
  };
  return within(moments.deadlines.reminder.utc) || within(moments.deadlines.papers_due.utc) ||
         within(moments.deadlines.pack.utc) || within(moments.minutes_reminder_at);
}

MailPlan plan_due_mail(const MailDueInputs& inputs) {
  Planner planner(inputs);
  for (const BookedSitting& booked : inputs.booked) planner.add(booked);
  return planner.finish();
}

std::string mail_key(MailKind kind, const std::string& panel_id, CalendarDate date,
                     const std::string& case_ref, const std::string& email) {
  return to_string(kind) + "|" + panel_id + "|" + date.iso() + "|" + case_ref + "|" +
         lowercase(email);
}

std::optional<MailKeyParts> parse_mail_key(std::string_view key) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  for (std::size_t bar = key.find('|'); bar != std::string_view::npos; bar = key.find('|', start)) {
    fields.emplace_back(key.substr(start, bar - start));
    start = bar + 1;
  }
  fields.emplace_back(key.substr(start));
  if (fields.size() != 5) return std::nullopt;
  return MailKeyParts{std::move(fields[0]), std::move(fields[1]), std::move(fields[2]),
                      std::move(fields[3]), std::move(fields[4])};
}

std::string describe(const MailPlan& plan, const DueMail& mail) {
  const SittingMail& sitting = plan.sittings.at(mail.sitting);
  std::string text =
      to_string(mail.kind) + " for " + sitting.sitting.panel_id + " " + sitting.sitting.date.iso();
  if (mail.about) {
    text += " " + sitting.cases.at(*mail.about).case_ref;
  } else if (!mail.previous.case_ref.empty()) {
    text += " " + mail.previous.case_ref;
  }
  return text;
}

std::string sitting_key(const std::string& panel_id, CalendarDate date) {
  return panel_id + "|" + date.iso();
}

}  // namespace panelpack::panel
