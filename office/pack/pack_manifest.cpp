#include "office/pack/pack_manifest.hpp"

#include <system_error>

#include "office/pack/pack_writer.hpp"
#include "templating/atomic_file.hpp"

namespace panelpack::office {

namespace {

using ordered = nlohmann::ordered_json;

constexpr const char* kFromOffice = "office.json";
constexpr const char* kFromCommandLine = "command line";

ordered files_json(const PackResult& result) {
  ordered files = ordered::array();
  for (const PackedFile& file : result.documents) {
    const panel::PackEntry& entry = *file.entry;
    ordered row{{"file", file.file},
                {"size", file.size},
                {"sha256", file.sha256},
                {"item", entry.item_number}};
    row["caseRef"] = entry.case_ref.empty() ? ordered(nullptr) : ordered(entry.case_ref);
    row["paperType"] = entry.paper_type;
    row["source"] = entry.source == panel::PackSource::agenda           ? "agenda"
                    : entry.source == panel::PackSource::rendered_paper ? "filled"
                                                                        : "submitted";
    files.push_back(std::move(row));
  }
  return files;
}

ordered inputs_json(const PackInputs& inputs) {
  ordered files = ordered::array();
  for (const PackInput& input : inputs.files) {
    files.push_back({{"file", input.file}, {"sha256", input.sha256}});
  }
  return {{"fingerprint", inputs.fingerprint}, {"files", std::move(files)}};
}

}  // namespace

ordered pack_manifest_json(const SittingContext& context, const panel::PackPlan& plan,
                           const PackResult& result, const PackBuildOptions& options,
                           const PackInputs& inputs, panel::UtcInstant now) {
  ordered missing = ordered::array();
  for (const auto& paper : plan.missing) {
    missing.push_back({{"item", paper.item_number},
                       {"caseRef", paper.case_ref},
                       {"paperType", paper.paper_type}});
  }
  return {{"securityMarking", "OFFICIAL-SENSITIVE"},
          {"panel", context.panel->id},
          {"panelName", context.panel->name},
          {"date", context.sitting.date.iso()},
          {"generatedAt", panel::utc_to_local(now).iso8601()},
          {"files", files_json(result)},
          {"missing", std::move(missing)},
          {"zip", {{"file", result.zip_name}, {"encrypted", options.zip_encrypted}}},
          {"pdf", result.pdf_name ? ordered(*result.pdf_name) : ordered(nullptr)},
          {"options",
           {{"from", options.from_office ? kFromOffice : kFromCommandLine},
            {"zipEncrypted", options.zip_encrypted},
            {"pdf", options.pdf},
            {"pdfEncrypted", options.pdf_encrypted}}},
          {"inputs", inputs_json(inputs)}};
}

std::optional<PackManifest> read_pack_manifest(const std::filesystem::path& folder) {
  const auto path = folder / "manifest.json";
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) return std::nullopt;
  try {
    const auto json = nlohmann::json::parse(templating::read_file(path));
    PackManifest manifest;
    manifest.documents = json.at("files").size();
    manifest.zip_file = json.at("zip").at("file").get<std::string>();
    if (json.at("pdf").is_string()) manifest.pdf_file = json.at("pdf").get<std::string>();
    if (!json.contains("options") || !json.contains("inputs")) {
      // Written before manifests said how: whether by hand is unknown, so it is never
      // replaced, and with no inputs recorded it never counts as current.
      manifest.options = {json.at("zip").at("encrypted").get<bool>(), manifest.pdf_file.has_value(),
                          false, false};
      return manifest;
    }
    const auto& options = json.at("options");
    manifest.options.from_office = options.at("from").get<std::string>() == kFromOffice;
    manifest.options.zip_encrypted = options.at("zipEncrypted").get<bool>();
    manifest.options.pdf = options.at("pdf").get<bool>();
    manifest.options.pdf_encrypted = options.at("pdfEncrypted").get<bool>();
    for (const auto& input : json.at("inputs").at("files")) {
      manifest.inputs.files.push_back(
          {input.at("file").get<std::string>(), input.at("sha256").get<std::string>()});
    }
    manifest.inputs.fingerprint = json.at("inputs").at("fingerprint").get<std::string>();
    return manifest;
  } catch (const std::exception&) {
    return std::nullopt;  // unreadable: counts as no pack, built again
  }
}

}  // namespace panelpack::office
