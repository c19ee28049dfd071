#pragma once
// A template filled for one case as the office fills it, to see before (or after) installing
// it: a referral, matching report or finance request from the case file (with the sitting it
// is booked into, as a pack's paper is), an agenda from the sitting the case is booked into.
// The result holds the child's data: the caller audits its download.

#include <optional>
#include <string>

#include "office/workspace.hpp"
#include "panel/london_time.hpp"

namespace panelpack::office {

// True for the kinds a case can preview: agenda, referral, matching, finance-request.
bool previews_with_a_case(const std::string& kind);

struct TemplatePreview {
  std::string bytes;
  std::string file_name;   // "preview-referral-LCS900102.docx"
  std::string media_type;  // DOCX's or ODT's
};

// Fills `candidate` (a template's bytes) or, without one, the template in use. Throws
// OfficeError: bad_argument for a kind that no case previews, bad_input for an unknown or
// invalid case, an agenda preview of a case booked into no sitting, or a template that does
// not compile.
TemplatePreview preview_template(const Workspace& workspace, const std::string& kind,
                                 const std::optional<std::string>& candidate,
                                 const std::string& case_ref, panel::UtcInstant now);

}  // namespace panelpack::office
