#pragma once
// What a built pack's files really are: whether its zip and PDF are there and encrypted, read
// from the files themselves (libzip, qpdf), so a pack whose files were swapped or whose
// manifest says more than they do is never taken for stronger than it is.

#include <filesystem>

#include "office/pack/pack_manifest.hpp"
#include "panel/pack_decision.hpp"

namespace panelpack::office {

// The pack in `folder` as its files show it; `current` says whether its inputs still match.
// A zip or PDF that is missing or cannot be read counts as absent.
panel::PackFound inspect_pack(const std::filesystem::path& folder, const PackManifest& manifest,
                              bool current);

}  // namespace panelpack::office
