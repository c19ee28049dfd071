#include "office/sitting/apologies.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <utility>

#include "office/sitting/sitting_change.hpp"

namespace panelpack::office {

namespace {

// "  dr anjali MISTRY " and "Dr Anjali Mistry" name the same member.
std::string comparable(const std::string& name) {
  std::string text;
  for (const char c : name) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!text.empty() && text.back() != ' ') text += ' ';
    } else {
      text += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  if (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

const panel::Person* member_named(const panel::PanelConfig& panel, const std::string& name) {
  for (const panel::Person& member : panel.members) {
    if (comparable(member.name) == comparable(name)) return &member;
  }
  return nullptr;
}

bool has_apologies(const nlohmann::json& apologies, const std::string& name) {
  return std::any_of(apologies.begin(), apologies.end(), [&](const nlohmann::json& person) {
    return person.is_object() &&
           comparable(person.value("name", std::string())) == comparable(name);
  });
}

// As the agenda prints an apology: the name and role office.json gives the member.
nlohmann::json apology_of(const panel::Person& member) {
  nlohmann::json json = {{"name", member.name}};
  if (!member.role.empty()) json["role"] = member.role;
  return json;
}

std::string member_list(const panel::PanelConfig& panel) {
  std::string text;
  for (const panel::Person& member : panel.members) {
    if (!text.empty()) text += ", ";
    text += member.name;
  }
  return text.empty() ? "none (office.json lists no members)" : text;
}

BookingResult refusal(BookingRefusal why, std::string message) {
  BookingResult result;
  result.refused = why;
  result.message = std::move(message);
  return result;
}

BookingResult change_checked(const Workspace& workspace, const ApologiesRequest& request,
                             const std::string* expected) {
  return change_bookings(
      workspace, request.sitting, "", request.now, expected, [&](BookingsChange& change) {
        std::vector<const panel::Person*> named;
        for (const std::string& name : request.members) {
          const panel::Person* member = member_named(change.panel, name);
          if (member == nullptr) {
            return refusal(BookingRefusal::not_a_member,
                           "'" + name + "' is not a member of the " + change.panel.id +
                               " panel; its members (office.json) are: " +
                               member_list(change.panel) + "; nothing was changed");
          }
          named.push_back(member);
        }
        nlohmann::json& apologies = change.bookings.apologies;
        if (!apologies.is_array()) apologies = nlohmann::json::array();
        const auto is_named = [&](const nlohmann::json& person) {
          if (!person.is_object()) return false;
          const std::string name = comparable(person.value("name", std::string()));
          return std::any_of(named.begin(), named.end(), [&](const panel::Person* member) {
            return comparable(member->name) == name;
          });
        };
        nlohmann::json result_list = nlohmann::json::array();
        std::string done;
        switch (request.how) {
          case ApologiesChange::record:
            result_list = apologies;
            for (const panel::Person* member : named) {
              if (has_apologies(result_list, member->name)) {
                return refusal(BookingRefusal::nothing_to_change,
                               member->name + "'s apologies for " + change.where +
                                   " are recorded already; nothing was changed");
              }
              result_list.push_back(apology_of(*member));
            }
            done = "recorded apologies for " + change.where;
            break;
          case ApologiesChange::withdraw:
            for (const panel::Person* member : named) {
              if (!has_apologies(apologies, member->name)) {
                return refusal(BookingRefusal::nothing_to_change,
                               member->name + " sent no apologies for " + change.where +
                                   "; nothing was changed");
              }
            }
            for (const nlohmann::json& person : apologies) {
              if (!is_named(person)) result_list.push_back(person);
            }
            done = "withdrew apologies for " + change.where;
            break;
          case ApologiesChange::replace:
            // Apologies of people who are not members (written by hand) stay as they are.
            for (const nlohmann::json& person : apologies) {
              const bool of_member =
                  person.is_object() &&
                  member_named(change.panel, person.value("name", std::string())) != nullptr;
              if (!of_member) result_list.push_back(person);
            }
            for (const panel::Person& member : change.panel.members) {
              const bool chosen = std::find(named.begin(), named.end(), &member) != named.end();
              if (chosen) result_list.push_back(apology_of(member));
            }
            done = "apologies for " + change.where + " are now from " +
                   std::to_string(named.size()) + " member" + (named.size() == 1 ? "" : "s");
            break;
        }
        apologies = std::move(result_list);
        BookingResult result;
        result.message = std::move(done);
        return result;
      });
}

}  // namespace

BookingResult change_apologies(const Workspace& workspace, const ApologiesRequest& request) {
  return change_checked(workspace, request, nullptr);
}

BookingResult change_apologies(const Workspace& workspace, const ApologiesRequest& request,
                               const std::string& expected_version) {
  return change_checked(workspace, request, &expected_version);
}

}  // namespace panelpack::office
