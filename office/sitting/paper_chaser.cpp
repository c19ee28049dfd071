#include "office/sitting/paper_chaser.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "mailer/mail_error.hpp"
#include "mailer/outbox.hpp"
#include "office/error.hpp"
#include "office/mail/email_templates.hpp"
#include "office/mail/mail_content.hpp"
#include "office/mail/mail_settings.hpp"
#include "office/sitting/sitting_agenda.hpp"
#include "panel/labels.hpp"
#include "panel/mail_due.hpp"
#include "panel/paper_types.hpp"

namespace panelpack::office {

namespace {

std::string uppercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return text;
}

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::string sitting_name(const SittingId& sitting) {
  return sitting.panel_id + " " + sitting.date.iso();
}

// A person the chaser is for, with the role the page and the email name them by.
struct Addressee {
  panel::Person person;
  std::string role;
};

// As reminders pick them (panel::presenters_of), as values the chaser can keep.
std::vector<Addressee> chaser_presenters(const panel::BookingItem& item,
                                         const panel::CaseSummary& summary) {
  std::vector<Addressee> people;
  for (const panel::Addressee& chosen : panel::presenters_of(item, summary)) {
    people.push_back({*chosen.person, chosen.role});
  }
  return people;
}

std::string named(const std::string& name, const std::string& role) {
  return role.empty() ? name : name + " (" + role + ")";
}

// "A, B and C"
std::string joined(const std::vector<std::string>& parts) {
  std::string text;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) text += i + 1 == parts.size() ? " and " : ", ";
    text += parts[i];
  }
  return text;
}

const panel::BookingItem* booked_item(const panel::Bookings& bookings, const std::string& given) {
  if (const panel::BookingItem* item = bookings.find(given)) return item;
  return bookings.find(uppercase(given));
}

// Any paper of the type the bookings record, as the papers grid counts it (not only those
// received by now, as tick does): the button and the refusal agree with the page.
bool recorded(const panel::BookingItem& item, const std::string& type, panel::UtcInstant& when) {
  bool found = false;
  for (const panel::ReceivedPaper& paper : item.papers) {
    if (paper.type == type && (!found || paper.received_at < when)) {
      when = paper.received_at;
      found = true;
    }
  }
  return found;
}

// "10:42": the London time a row was queued.
std::string london_clock(mailer::TimePoint time) {
  return panel::utc_to_local(std::chrono::floor<std::chrono::seconds>(time)).time.text();
}

PaperChaserResult refuse(ChaserRefusal why, std::string message) {
  PaperChaserResult result;
  result.refused = why;
  result.message = std::move(message);
  return result;
}

// The plan email_data fills a template from: the one sitting, its cases in agenda order.
panel::MailPlan plan_of(const SittingAgenda& agenda, const panel::MailMoments& moments) {
  panel::SittingMail sitting{agenda.context.panel, agenda.context.sitting, moments, {}};
  for (const panel::AgendaItem& item : agenda.agenda.items) {
    const panel::CaseSummary& summary = agenda.context.summaries.at(item.case_ref);
    std::vector<std::string> missing;
    for (const panel::AgendaPaper& paper : item.papers) {
      if (paper.state == panel::PaperState::missing) missing.push_back(paper.type);
    }
    sitting.cases.push_back({item.number, item.case_ref, summary.child_id, summary.child_initials,
                             item.slot.text(), item.end_time.text(), std::move(missing)});
  }
  panel::MailPlan plan;
  plan.sittings.push_back(std::move(sitting));
  return plan;
}

std::size_t case_index(const panel::MailPlan& plan, const std::string& case_ref) {
  const auto& cases = plan.sittings.front().cases;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    if (cases[i].case_ref == case_ref) return i;
  }
  return 0;
}

mailer::Outbox open_outbox(const Workspace& workspace) {
  try {
    return mailer::Outbox(outbox_path(workspace));
  } catch (const mailer::MailError& error) {
    throw OfficeError(OfficeError::Code::machine_failure,
                      outbox_path(workspace).string() + ": " + error.what());
  }
}

}  // namespace

std::string paper_words(const std::string& paper_type) {
  std::string label = panel::paper_type_label(paper_type);
  // "Chronology" reads "the chronology"; a label with a name in it keeps its capitals.
  const bool one_capital = std::none_of(label.begin() + (label.empty() ? 0 : 1), label.end(),
                                        [](unsigned char c) { return std::isupper(c) != 0; });
  if (!label.empty() && one_capital) {
    label.front() = static_cast<char>(std::tolower(static_cast<unsigned char>(label.front())));
  }
  return "the " + label;
}

std::string chaser_key(const SittingId& sitting, const std::string& case_ref,
                       const std::string& paper_type, panel::CalendarDate london_day,
                       const std::string& email) {
  // '#' and '@' after the case keep the key's case field readable as the case (mail_view).
  return panel::mail_key(panel::MailKind::chaser, sitting.panel_id, sitting.date,
                         case_ref + "#" + paper_type + "@" + london_day.iso(), email);
}

std::string chaser_addressees(const Workspace& workspace, const SittingId& sitting,
                              const std::string& case_ref) {
  const SittingContext context = load_sitting(workspace, sitting.panel_id, sitting.date);
  const panel::BookingItem* item = booked_item(context.bookings, case_ref);
  if (item == nullptr) return "";
  std::vector<std::string> names;
  for (const Addressee& person : chaser_presenters(*item, context.summaries.at(item->case_ref))) {
    if (!person.person.email.empty()) names.push_back(named(person.person.name, person.role));
  }
  return joined(names);
}

PaperChaserResult send_paper_chaser(const Workspace& workspace, const PaperChaserRequest& request) {
  const SittingId& id = request.sitting;
  if (!panel::is_paper_type(request.paper_type)) {
    return refuse(ChaserRefusal::not_a_paper_type, "\"" + request.paper_type +
                                                       "\" is not a paper type; use one of " +
                                                       panel::paper_type_list(" or "));
  }
  const std::string paper = paper_words(request.paper_type);
  const SittingAgenda agenda = sitting_agenda(workspace, id.panel_id, id.date, request.now);
  const SittingContext& context = agenda.context;
  if (context.sitting.cancelled) {
    return refuse(ChaserRefusal::sitting_cancelled,
                  "the sitting " + sitting_name(id) + " is cancelled; nobody needs a chaser");
  }
  const panel::MailMoments moments =
      panel::mail_moments(*context.panel, context.sitting, workspace.calendar());
  if (request.now >= moments.starts_at) {
    return refuse(ChaserRefusal::sitting_started,
                  "the sitting " + sitting_name(id) +
                      " has started or is past, so it is too late to chase its papers");
  }
  const panel::BookingItem* item = booked_item(context.bookings, request.case_ref);
  if (item == nullptr) {
    return refuse(ChaserRefusal::not_booked,
                  request.case_ref + " is not booked onto " + sitting_name(id) + "; book it first");
  }
  const std::string& case_ref = item->case_ref;
  const std::string what = "a chaser for " + paper + " of " + case_ref;
  if (std::find(item->paper_types.begin(), item->paper_types.end(), request.paper_type) ==
      item->paper_types.end()) {
    return refuse(ChaserRefusal::paper_not_expected, "the booking of " + case_ref +
                                                         " does not ask for " + paper +
                                                         ", so there is nothing to chase");
  }
  panel::UtcInstant received_at;
  if (recorded(*item, request.paper_type, received_at)) {
    const panel::LondonTime when = panel::utc_to_local(received_at);
    return refuse(ChaserRefusal::paper_received,
                  paper + " of " + case_ref + " was received on " + long_date(when.date) + " at " +
                      when.time.text() + "; there is nothing to chase");
  }

  PaperChaserResult result;
  result.case_ref = case_ref;
  result.paper_words = paper;
  std::vector<Addressee> people;
  std::set<std::string> seen;
  for (Addressee& person : chaser_presenters(*item, context.summaries.at(case_ref))) {
    if (person.person.email.empty()) {
      result.left_out.push_back(named(person.person.name, person.role) + " has no email address");
    } else if (seen.insert(lowercase(person.person.email)).second) {
      people.push_back(std::move(person));
    }
  }
  if (people.empty()) {
    return refuse(ChaserRefusal::no_address,
                  "no presenter of " + case_ref +
                      " has an email address, so no chaser can go; add one to the booking's "
                      "presenters or the case file's social worker, then send it again");
  }

  mailer::Outbox outbox = open_outbox(workspace);
  const panel::CalendarDate today = panel::utc_to_local(request.now).date;
  // Every recipient's key shares this prefix: one row of it means the paper was chased today.
  const std::string prefix = chaser_key(id, case_ref, request.paper_type, today, "");
  const auto chased_today = [&]() -> std::optional<PaperChaserResult> {
    const std::vector<mailer::OutboxRow> rows = outbox.list({std::nullopt, prefix});
    if (rows.empty()) return std::nullopt;
    const auto first = std::min_element(
        rows.begin(), rows.end(),
        [](const mailer::OutboxRow& a, const mailer::OutboxRow& b) { return a.id < b.id; });
    return refuse(ChaserRefusal::already_chased,
                  what + " was already sent today at " + london_clock(first->created_at) +
                      "; nothing was sent again. Send another tomorrow if it has still not "
                      "arrived");
  };
  if (auto refused = chased_today()) return std::move(*refused);

  const panel::MailConfig& mail = mail_config(workspace);
  const EmailTemplates templates =
      EmailTemplates::load(email_templates_folder(workspace, *context.panel));
  const panel::MailPlan plan = plan_of(agenda, moments);
  const std::size_t about = case_index(plan, case_ref);
  std::vector<std::string> names;
  for (const Addressee& person : people) {
    panel::DueMail chaser;
    chaser.kind = panel::MailKind::chaser;
    chaser.sitting = 0;
    chaser.about = about;
    chaser.recipient = person.person;
    chaser.role = person.role;
    chaser.due_at = request.now;
    chaser.expires_at = moments.starts_at;
    chaser.key = chaser_key(id, case_ref, request.paper_type, today, person.person.email);
    nlohmann::json data = email_data(workspace, plan, chaser, nullptr);
    data["chasedPaper"] = {{"type", request.paper_type},
                           {"label", panel::paper_type_label(request.paper_type)},
                           {"words", paper.substr(4)}};
    data["papersDeadlinePassed"] = request.now >= moments.deadlines.papers_due.utc;
    data["packDeadlinePassed"] = request.now >= moments.deadlines.pack.utc;
    nlohmann::json others = nlohmann::json::array();
    for (const nlohmann::json& missing : data["case"]["missingPapers"]) {
      if (missing.value("type", "") != request.paper_type) others.push_back(missing);
    }
    data["hasOtherMissingPapers"] = !others.empty();
    data["otherMissingPapers"] = std::move(others);
    mailer::Message message =
        email_message(mail, chaser, templates.render(chaser.kind, data), nullptr);
    try {
      const mailer::QueueResult queued =
          outbox.queue(chaser.key, {person.person.name, person.person.email}, std::move(message),
                       workspace.office().allowed_domains, request.now);
      if (queued.already_queued) continue;  // a click at the same moment queued it
      result.recipients.push_back(
          {person.person.name, person.person.email, person.role, queued.id});
      names.push_back(named(person.person.name, person.role));
    } catch (const mailer::MailError& error) {
      if (error.code() == "outbox_database" || error.code() == "spool_failed") {
        throw OfficeError(OfficeError::Code::machine_failure,
                          outbox_path(workspace).string() + ": " + error.what());
      }
      result.left_out.push_back(
          named(person.person.name, person.role) + ": " +
          (error.code() == "recipient_not_allowed"
               ? person.person.email + " is outside allowedDomains in office.json"
               : std::string(error.what())));
    }
  }
  if (result.recipients.empty()) {
    if (auto refused = chased_today()) return std::move(*refused);
    return refuse(ChaserRefusal::no_address, "no chaser could go for " + paper + " of " + case_ref +
                                                 ": " + joined(result.left_out) +
                                                 ". Correct the addresses, then send it again");
  }
  result.message = what + " is queued to " + joined(names);
  if (!result.left_out.empty()) result.message += "; not to " + joined(result.left_out);
  return result;
}

}  // namespace panelpack::office
