// The Templates pages: the office's templates (office/templates/template_versions.hpp) and one
// template's page, where an administrator uploads a new version, previews a template filled
// for a case, downloads or restores a version. A refused upload shows every mistake the check
// found, in document order, under a summary line, the same mistake typed again as one entry with
// its places, each with where it is in Word's words (heading, table, row, cell, footnote ...),
// the paragraph's words quoted so that Word's Find reaches it, the tag, what is wrong, how to fix
// it, the tag to write and the field probably meant.

#include "console/server/template_pages.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "console/server/console_pages.hpp"
#include "console/server/multipart_form.hpp"
#include "office/console/audit.hpp"
#include "office/documents/diagnostic_groups.hpp"
#include "office/error.hpp"
#include "office/files.hpp"
#include "office/mail/mail_content.hpp"
#include "office/templates/template_check.hpp"
#include "office/templates/template_preview.hpp"
#include "office/templates/template_versions.hpp"

namespace panelpack::console {
namespace {

namespace store = office::console;
using Poco::Net::HTTPResponse;

bool is_kind(const std::string& kind) {
  const auto& kinds = office::document_template_kinds();
  return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

std::string lower_first(std::string text) {
  if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z') text[0] = static_cast<char>(text[0] + 32);
  return text;
}

// "Saturday 5 December 2026 at 09:30" (London) from "2026-12-05T09:30:00Z".
std::string london_words(const std::string& utc) {
  try {
    const panel::LondonTime local = panel::utc_to_local(panel::parse_instant(utc));
    return office::long_date(local.date) + " at " + local.time.text();
  } catch (const std::exception&) {
    return utc;
  }
}

// "templates/referral.docx", or the installed file's name when office.json names none.
std::string file_words(const office::Workspace& workspace, const office::OfficeTemplate& found) {
  if (!found.named_in_office) {
    return found.path.filename().string() + " (installed with panelpack)";
  }
  return found.path.lexically_relative(workspace.root()).string();
}

std::string by_words(const office::TemplateVersion& version) {
  return version.installed_by.empty() ? "Not recorded" : version.installed_by;
}

const office::TemplateVersion* in_use(const office::OfficeTemplate& found) {
  for (const auto& version : found.versions) {
    if (found.current_version && version.number == *found.current_version) return &version;
  }
  return nullptr;
}

nlohmann::json summary_json(const office::Workspace& workspace,
                            const office::OfficeTemplate& found) {
  nlohmann::json row = {{"kind", found.kind},
                        {"words", office::template_kind_words(found.kind)},
                        {"words_lower", lower_first(office::template_kind_words(found.kind))},
                        {"file", file_words(workspace, found)},
                        {"format", found.format ? office::format_words(*found.format) : "Unknown"}};
  if (!found.exists) row["missing"] = true;
  if (const auto* version = in_use(found)) {
    row["version"] = std::to_string(version->number);
    row["installed"] = london_words(version->installed_at) + " by " + by_words(*version);
  } else {
    row["version"] = found.versions.empty() ? "The first" : "Not one of the versions kept";
    row["installed"] = found.named_in_office ? "Before any version was kept" : "With panelpack";
  }
  if (!found.panels_own.empty()) {
    std::string names;
    for (const auto& name : found.panels_own) names += (names.empty() ? "" : ", ") + name;
    row["panels_own"] = names + " use a template of their own, which this page does not change";
  }
  return row;
}

// The office's cases for the preview's select, booked ones marked.
nlohmann::json case_choices(const office::Workspace& workspace) {
  std::vector<std::string> problems;
  std::vector<std::string> booked;
  for (const auto& sitting : workspace.load_all_bookings(problems)) {
    for (const auto& item : sitting.bookings.items) booked.push_back(item.case_ref);
  }
  nlohmann::json cases = nlohmann::json::array();
  for (const auto& file : workspace.load_all_cases(problems)) {
    const std::string& ref = file.summary.case_ref;
    cases.push_back({{"case_ref", ref},
                     {"booked", std::find(booked.begin(), booked.end(), ref) != booked.end()}});
  }
  return cases;
}

// Where, in Word's words: the engine's location; without one (until every diagnostic carries
// it), the part, the check's own table-cell guess and the paragraph.
std::string place_on_page(const office::DiagnosticPlace& place,
                          const office::TemplateCheck& check) {
  std::string words = templating::describe_location(place.location);
  if (!words.empty()) return words;
  words = office::part_words(place.part);
  if (check.table_cell_paragraphs.count({place.part, place.paragraph}) > 0) {
    words += ", in a table cell";
  }
  if (place.paragraph > 0) words += ", paragraph " + std::to_string(place.paragraph);
  return words;
}

// One mistake as its card shows it; a repeated one lists every place it was found.
nlohmann::json group_json(const office::DiagnosticGroup& group, const office::TemplateCheck& check,
                          int number) {
  const templating::Diagnostic& diagnostic = group.first;
  nlohmann::json entry = {{"number", number},
                          {"place", place_on_page(office::place_of(diagnostic), check)},
                          {"excerpt", diagnostic.excerpt},
                          {"tag", diagnostic.tag},
                          {"message", diagnostic.message},
                          {"hint", diagnostic.hint}};
  // Only a set field: the page's templates take an empty string as shown.
  if (!diagnostic.fix.empty()) entry["fix"] = diagnostic.fix;
  // The suggestion gets its own row unless the message or hint already names it.
  const std::string& suggestion = diagnostic.suggestion;
  if (!suggestion.empty() && diagnostic.message.find(suggestion) == std::string::npos &&
      diagnostic.hint.find(suggestion) == std::string::npos) {
    entry["suggestion"] = suggestion;
  }
  if (group.count > 1) {
    nlohmann::json places = nlohmann::json::array();
    const auto wording = [&](const office::DiagnosticPlace& place) {
      return place_on_page(place, check);
    };
    for (const auto& place : office::places_in_words(group, wording)) {
      std::string words = place.words;
      if (place.paragraphs > 1) words += ", " + std::to_string(place.paragraphs) + " paragraphs";
      places.push_back({{"place", words}, {"excerpt", place.excerpt}});
    }
    const std::size_t count = group.places.size();
    entry["repeated"] = true;
    entry["count_words"] = std::to_string(group.count) + " times, in " + std::to_string(count) +
                           (count == 1 ? " place" : " places");
    entry["places"] = std::move(places);
  }
  return entry;
}

// The check's mistakes and warnings as the page lists them (the same mistake typed again is one
// entry with its places), a summary line, and the error summary's lines (one per mistake, each
// linking to it).
void add_check(nlohmann::json& data, const office::TemplateCheck& check) {
  const auto groups = office::group_diagnostics(check.diagnostics);
  if (!groups.empty()) {
    data["check_summary"] = "The check found " + office::summary_words(office::summarise(groups));
  }
  nlohmann::json mistakes = nlohmann::json::array();
  nlohmann::json warnings = nlohmann::json::array();
  for (const auto& group : groups) {
    const bool error = group.first.severity == templating::Severity::error;
    auto& list = error ? mistakes : warnings;
    list.push_back(group_json(group, check, static_cast<int>(list.size()) + 1));
  }
  if (!mistakes.empty()) {
    const std::size_t count = mistakes.size();
    data["has_mistakes"] = true;
    data["mistakes"] = mistakes;
    data["mistakes_heading"] = count == 1 ? "1 mistake to correct in Word"
                                          : std::to_string(count) + " mistakes to correct in Word";
    add_error(data, "template_file", "template-file",
              "The template has " + std::string(count == 1 ? "a mistake" : "mistakes") +
                  ", so it was not installed. Correct " + (count == 1 ? "it" : "each one") +
                  " in Word and upload it again");
    for (const auto& mistake : mistakes) {
      std::string text = "Mistake " + std::to_string(mistake["number"].get<int>()) + ": " +
                         mistake["place"].get<std::string>() + ": " +
                         mistake["message"].get<std::string>();
      if (mistake.contains("count_words")) {
        text += " (" + mistake["count_words"].get<std::string>() + ")";
      }
      data["errors"].push_back(
          {{"text", text}, {"href", "#mistake-" + std::to_string(mistake["number"].get<int>())}});
    }
  }
  if (!warnings.empty()) {
    data["has_warnings"] = true;
    data["warnings"] = warnings;
    data["warnings_heading"] = warnings.size() == 1
                                   ? "1 thing to check"
                                   : std::to_string(warnings.size()) + " things to check";
  }
}

// The page of one template, with `data`'s errors, outcome or check added by the caller.
Reply render_template_page(ConsoleSite& site, const std::string& kind, nlohmann::json data,
                           HTTPResponse::HTTPStatus status = HTTPResponse::HTTP_OK) {
  const office::Workspace workspace = site.workspace();
  const office::OfficeTemplate found = office::office_template(workspace, kind);
  nlohmann::json page = summary_json(workspace, found);
  page["upload_limit"] = std::to_string(kMaximumUploadBytes >> 20) + " MB";
  nlohmann::json versions = nlohmann::json::array();
  for (auto version = found.versions.rbegin(); version != found.versions.rend(); ++version) {
    nlohmann::json row = {{"number", version->number},
                          {"format", version->format},
                          {"installed", london_words(version->installed_at)},
                          {"by", by_words(*version)},
                          {"why", version->why}};
    if (found.current_version && *found.current_version == version->number) row["in_use"] = true;
    versions.push_back(std::move(row));
  }
  page["versions"] = std::move(versions);
  page["no_versions"] = found.versions.empty();
  if (office::previews_with_a_case(kind)) {
    page["previews"] = true;
    page["cases"] = case_choices(workspace);
    page["preview_hint"] = kind == "agenda"
                               ? "The agenda of the sitting the case is booked into is filled."
                               : "The case file is filled as a pack's paper is, with the "
                                 "sitting it is booked into.";
  } else {
    page["no_preview"] =
        kind == "report" ? "The quarterly report is filled from a quarter, not a case: make it "
                           "from the Reports page to see it."
                         : "The decision record is filled from a decision: make the records from "
                           "a sitting's Decision records page to see it.";
  }
  page.update(data);
  return show("template_page", office::template_kind_words(kind) + " template", std::move(page),
              status);
}

std::optional<int> version_number(const RequestContext& request) {
  const std::string& text = request.parameter("number");
  if (text.empty() || text.size() > 6) return std::nullopt;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  return std::stoi(text);
}

std::optional<office::TemplateVersion> find_version(const office::OfficeTemplate& found,
                                                    int number) {
  for (const auto& version : found.versions) {
    if (version.number == number) return version;
  }
  return std::nullopt;
}

Reply send_preview(ConsoleSite& site, RequestContext& request, const std::string& kind,
                   const std::optional<std::string>& candidate, const std::string& case_ref,
                   const std::string& field_key, const std::string& field_id) {
  try {
    office::TemplatePreview preview =
        office::preview_template(site.workspace(), kind, candidate, case_ref, site.store.now());
    store::append_audit(site.store, request.actor(),
                        {"template_previewed", "template", kind + " " + case_ref});
    return send_file({"", std::move(preview.bytes), preview.media_type, preview.file_name});
  } catch (const office::OfficeError& error) {
    if (error.code() == office::OfficeError::Code::machine_failure) throw;
    nlohmann::json data = nlohmann::json::object();
    add_error(data, field_key, field_id, error.what());
    return render_template_page(site, kind, std::move(data), HTTPResponse::HTTP_BAD_REQUEST);
  }
}

}  // namespace

Reply templates_page(ConsoleSite& site, RequestContext&) {
  const office::Workspace workspace = site.workspace();
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& found : office::office_templates(workspace)) {
    rows.push_back(summary_json(workspace, found));
  }
  return show("templates_list", "Templates", {{"templates", std::move(rows)}});
}

Reply template_page(ConsoleSite& site, RequestContext& request) {
  const std::string& kind = request.parameter("name");
  if (!is_kind(kind)) return not_found_page();
  nlohmann::json data = nlohmann::json::object();
  const auto done = request.query.find("done");
  const auto version = request.query.find("version");
  if (done != request.query.end() && version != request.query.end()) {
    const std::string what = office::template_kind_words(kind);
    if (done->second == "installed") {
      data["success"] = "Version " + version->second + " of the " + lower_first(what) +
                        " template is installed: the next documents are filled from it";
    } else if (done->second == "restored") {
      data["success"] = "The " + lower_first(what) + " template in use is now version " +
                        version->second + ", restored from an earlier version";
    }
  }
  return render_template_page(site, kind, std::move(data));
}

Reply template_upload_submit(ConsoleSite& site, RequestContext& request) {
  const std::string& kind = request.parameter("name");
  if (!is_kind(kind)) return not_found_page();
  const bool preview = field(request.form, "action") == "preview";
  const std::string why = field(request.form, "why");
  nlohmann::json data = {{"why", why}};
  if (!request.upload || request.upload->bytes == 0) {
    add_error(data, "template_file", "template-file", "Choose the template file to upload");
  } else if (request.upload->too_large) {
    add_error(data, "template_file", "template-file",
              "The file is larger than " + std::to_string(kMaximumUploadBytes >> 20) +
                  " MB. Make the pictures in it smaller in Word and upload it again");
  }
  const auto refuse = [&](const std::string& outcome) {
    store::append_audit(site.store, request.actor(),
                        {"template_refused", "template", kind, outcome});
    return render_template_page(site, kind, std::move(data), HTTPResponse::HTTP_BAD_REQUEST);
  };
  if (data.contains("has_errors")) return refuse("refused");

  std::string bytes = office::read_template_input(request.upload->file.string());
  office::TemplateCheck check;
  std::optional<office::TemplateVersion> installed;
  if (preview) {
    check = office::check_template(bytes, kind);
  } else {
    office::TemplateInstallResult result = office::install_template(
        site.workspace(), {kind, bytes, request.actor().user_name,
                           why.empty() ? "Installed from the console" : why, site.store.now()});
    check = std::move(result.check);
    installed = std::move(result.installed);
  }
  if (!check.format || check.not_a_template) {
    add_error(data, "template_file", "template-file",
              check.not_a_template
                  ? "The file cannot be opened as a template (" + *check.not_a_template +
                        "). Open it in Word and save it again as a Word document (.docx)"
                  : "The file is not a Word document (.docx) or an OpenDocument text (.odt). "
                    "Save it from Word as a .docx and upload that");
    return refuse("not_a_template");
  }
  add_check(data, check);
  if (check.errors() > 0) return refuse("has_errors");
  if (preview) {
    return send_preview(site, request, kind, std::move(bytes), field(request.form, "case_ref"),
                        "upload_case", "upload-case");
  }
  const std::string number = std::to_string(installed->number);
  store::append_audit(site.store, request.actor(),
                      {"template_installed", "template", kind + " version " + number});
  if (check.warnings() == 0) {
    return redirect_to("/templates/" + kind + "?done=installed&version=" + number);
  }
  // Its warnings are shown once, with the outcome: they did not stop it.
  data["why"] = "";
  data["success"] = "Version " + number + " of the " +
                    lower_first(office::template_kind_words(kind)) +
                    " template is installed: the next documents are filled from it";
  return render_template_page(site, kind, std::move(data));
}

Reply template_preview_submit(ConsoleSite& site, RequestContext& request) {
  const std::string& kind = request.parameter("name");
  if (!is_kind(kind)) return not_found_page();
  return send_preview(site, request, kind, std::nullopt, field(request.form, "case_ref"),
                      "preview_case", "preview-case");
}

Reply template_version_download(ConsoleSite& site, RequestContext& request) {
  const std::string& kind = request.parameter("name");
  const auto number = version_number(request);
  if (!is_kind(kind) || !number) return not_found_page();
  const office::Workspace workspace = site.workspace();
  const auto version = find_version(office::office_template(workspace, kind), *number);
  if (!version) return not_found_page();
  const bool docx = version->format == "DOCX";
  return send_file({office::version_path(workspace, kind, *version), "",
                    docx ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                         : "application/vnd.oasis.opendocument.text",
                    kind + "-version-" + std::to_string(*number) + (docx ? ".docx" : ".odt")});
}

Reply template_restore_confirm(ConsoleSite& site, RequestContext& request) {
  const std::string& kind = request.parameter("name");
  const auto number = version_number(request);
  if (!is_kind(kind) || !number) return not_found_page();
  const office::Workspace workspace = site.workspace();
  const auto version = find_version(office::office_template(workspace, kind), *number);
  if (!version) return not_found_page();
  const std::string words = office::template_kind_words(kind);
  return show("template_restore", "Restore version " + std::to_string(*number),
              {{"kind", kind},
               {"words_lower", lower_first(words)},
               {"number", *number},
               {"format", version->format},
               {"installed", london_words(version->installed_at) + " by " + by_words(*version)},
               {"why", version->why}});
}

Reply template_restore_submit(ConsoleSite& site, RequestContext& request) {
  const std::string& kind = request.parameter("name");
  const auto number = version_number(request);
  if (!is_kind(kind) || !number) return not_found_page();
  const office::Workspace workspace = site.workspace();
  if (!find_version(office::office_template(workspace, kind), *number)) return not_found_page();
  const office::TemplateVersion restored = office::restore_template(
      workspace, kind, *number, request.actor().user_name, site.store.now());
  store::append_audit(site.store, request.actor(),
                      {"template_restored", "template",
                       kind + " version " + std::to_string(*number) + " as version " +
                           std::to_string(restored.number)});
  return redirect_to("/templates/" + kind +
                     "?done=restored&version=" + std::to_string(restored.number));
}

}  // namespace panelpack::console
