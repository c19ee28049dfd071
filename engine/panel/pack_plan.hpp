#pragma once
// What goes into a sitting's pack, in which order and under which names: the agenda first,
// then each case's received papers in agenda order, named so that they sort in that order
// ("00-agenda.docx", "01-1-LCS900102-referral.docx", "01-2-LCS900102-care-plan.pdf").
// Missing papers are left out and listed.

#include <string>
#include <vector>

#include "panel/agenda.hpp"

namespace panelpack::panel {

enum class PackSource {
  agenda,          // the agenda template filled from the agenda data
  rendered_paper,  // a paper template filled from the case file
  submitted_file,  // a document someone submitted, copied as it is
};

struct PackEntry {
  std::string file_name;  // inside the pack folder
  PackSource source = PackSource::agenda;
  int item_number = 0;   // 0 for the agenda
  std::string case_ref;  // empty for the agenda
  std::string paper_type;
  std::string template_path;   // agenda and rendered papers: office.json's, or the installed name
  std::string submitted_file;  // submitted files: from the office folder
  std::string section_title;   // the PDF bookmark of its case: "1. LCS900102 (Leah Thornbury)"
  std::string document_title;  // the bookmark of the paper itself: "Referral"
};

struct MissingPaper {
  int item_number = 0;
  std::string case_ref;
  std::string paper_type;
};

struct PackPlan {
  std::string name;  // "permanence-2026-12-15": the zip's and PDF's base name
  std::vector<PackEntry> entries;
  std::vector<MissingPaper> missing;
  // Received papers recorded as on file elsewhere (book --on-file-elsewhere): not in the zip.
  std::vector<MissingPaper> held_elsewhere;
};

// Throws PanelError "no_case_data" for a received matching or finance paper whose case file does
// not fill it, and "unsafe_file" for a submitted file outside the office folder.
PackPlan plan_pack(const AgendaInputs& inputs);

// "01-2-LCS900102-care-plan.pdf" for the second paper of item 1; item 0 is the agenda,
// "00-agenda.docx".
std::string pack_file_name(int item_number, int paper_number, const std::string& case_ref,
                           const std::string& paper_type, const std::string& extension);

// Whether a received paper of `type` can only go into the pack as a submitted file: panelpack
// renders referral, matching and finance-request papers from the case file (the last two only
// when the case file has their section); every other paper is a document someone sends.
bool needs_submitted_file(const std::string& type, const CaseSummary& summary);

// ".docx" from "templates/referral.docx"; empty when there is none.
std::string extension_of(const std::string& path);

}  // namespace panelpack::panel
