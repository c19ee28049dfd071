#pragma once
// What a sitting's pack is made from, each file with its SHA-256: office.json, the bookings
// file, the booked cases' files, the templates and the submitted papers, and the pack plan
// itself (which papers it holds and which are missing, as at the moment it is worked out).
// The pack's manifest records them, so `tick` can tell whether a built pack is still current.

#include <string>
#include <vector>

#include "office/sitting/sitting_context.hpp"
#include "office/workspace.hpp"
#include "panel/pack_plan.hpp"

namespace panelpack::office {

struct PackInput {
  std::string file;    // from the office folder, as office.json and the bookings name it
  std::string sha256;  // "missing" when the file is not there

  bool operator==(const PackInput&) const = default;
};

struct PackInputs {
  std::vector<PackInput> files;  // sorted by file, each once
  std::string fingerprint;       // SHA-256 of the whole list

  bool operator==(const PackInputs& other) const { return fingerprint == other.fingerprint; }
};

// Reads every file the pack depends on now. Throws OfficeError (machine_failure) when one
// is there but cannot be read.
PackInputs pack_inputs(const Workspace& workspace, const SittingContext& context,
                       const panel::PackPlan& plan);

// The fingerprint of `files` as pack_inputs computes it.
std::string inputs_fingerprint(const std::vector<PackInput>& files);

// "bookings/permanence/2026-12-15.json, cases/LCS900102.json": what differs between two lists,
// by file name only; empty when they agree.
std::string changed_inputs(const PackInputs& built, const PackInputs& now);

}  // namespace panelpack::office
