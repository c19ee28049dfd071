#pragma once
// A pack's manifest.json, the one place that writes it and reads it back: the pack's files
// with their SHA-256, the papers missing, the options it was built with and what it was made
// from (pack_inputs.hpp). docs/office.md, The pack, lists its fields.

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "office/pack/pack_inputs.hpp"
#include "office/sitting/sitting_context.hpp"
#include "panel/london_time.hpp"
#include "panel/pack_plan.hpp"

namespace panelpack::office {

struct PackResult;

// The options a pack was built with.
struct PackBuildOptions {
  bool zip_encrypted = false;
  bool pdf = false;
  bool pdf_encrypted = false;
  // True: exactly the panel's options in office.json. False: options given to `panelpack
  // pack` that differ from them, which `tick` never replaces.
  bool from_office = true;
};

// What `tick` needs of a built pack's manifest.
struct PackManifest {
  std::size_t documents = 0;
  std::string zip_file;
  std::optional<std::string> pdf_file;
  PackBuildOptions options;
  PackInputs inputs;
};

nlohmann::ordered_json pack_manifest_json(const SittingContext& context,
                                          const panel::PackPlan& plan, const PackResult& result,
                                          const PackBuildOptions& options, const PackInputs& inputs,
                                          panel::UtcInstant now);

// FOLDER/manifest.json read back; nothing when it is missing or unreadable. A manifest written
// before manifests recorded options and inputs reads as built by hand, with no inputs.
std::optional<PackManifest> read_pack_manifest(const std::filesystem::path& folder);

}  // namespace panelpack::office
