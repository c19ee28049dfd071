#pragma once
// The data a document is filled from, with the words of its codes beside them ("legal.status":
// "C1" gains "legal.statusLabel": "Interim care order (s38)"), taken from the "x-labels" of
// docs/schema/, so no template needs to know the tables and no code reaches a document.

#include <string_view>

#include <nlohmann/json.hpp>

namespace panelpack::office {

// Adds the words for a document of schema kind `kind` ("case", "agenda", "decision").
void add_code_labels(nlohmann::json& data, std::string_view kind);

// Adds the words for the kind the data's keys suggest (as validate guesses it); nothing when
// they suggest none: `render` fills any JSON, not only the office's.
void add_code_labels_for_guessed_kind(nlohmann::json& data);

// A case file as a sitting's paper is filled from it: its words, and "sitting" (the panel's
// id, name, type and its words, the date, weekday, start time and when papers are due, taken
// from the sitting's agenda data), so an AEP referral is titled for the AEP panel.
nlohmann::json case_data_for_sitting(const nlohmann::json& case_data, const nlohmann::json& agenda);

}  // namespace panelpack::office
