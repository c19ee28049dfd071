#include "office/pack/pack_inputs.hpp"

#include <algorithm>
#include <map>
#include <system_error>

#include "office/files.hpp"
#include "text/sha256.hpp"

namespace panelpack::office {

namespace fs = std::filesystem;

namespace {

// The pseudo-file naming the plan: a paper received or gone changes it even when the
// bookings file says the same (a receipt whose time has now come).
constexpr const char* kPlanInput = "(pack plan)";

std::string plan_text(const panel::PackPlan& plan) {
  std::string text = plan.name + "\n";
  for (const panel::PackEntry& entry : plan.entries) text += "entry " + entry.file_name + "\n";
  for (const panel::MissingPaper& paper : plan.missing) {
    text += "missing " + std::to_string(paper.item_number) + " " + paper.case_ref + " " +
            paper.paper_type + "\n";
  }
  return text;
}

// The path as the office names it: from the office folder when inside it.
std::string office_name(const Workspace& workspace, const fs::path& path) {
  const fs::path relative = path.lexically_normal().lexically_relative(workspace.root());
  return relative.empty() ? path.string() : relative.generic_string();
}

std::string file_digest(const fs::path& path) {
  std::error_code error;
  if (!fs::is_regular_file(path, error)) return "missing";
  return text::sha256_hex(read_input(path.string()));
}

}  // namespace

std::string inputs_fingerprint(const std::vector<PackInput>& files) {
  std::string text;
  for (const PackInput& input : files) text += input.file + '\0' + input.sha256 + '\n';
  return text::sha256_hex(text);
}

PackInputs pack_inputs(const Workspace& workspace, const SittingContext& context,
                       const panel::PackPlan& plan) {
  std::map<std::string, fs::path> paths;
  const auto add = [&](const fs::path& path) { paths.emplace(office_name(workspace, path), path); };
  add(workspace.root() / "office.json");
  add(workspace.bookings_path(context.panel->id, context.sitting.date));
  for (const auto& [case_ref, file] : context.cases) add(workspace.case_path(case_ref));
  for (const panel::PackEntry& entry : plan.entries) {
    if (!entry.template_path.empty()) add(workspace.resolve(entry.template_path));
    if (!entry.submitted_file.empty()) add(workspace.resolve(entry.submitted_file));
  }
  PackInputs inputs;
  for (const auto& [name, path] : paths) inputs.files.push_back({name, file_digest(path)});
  inputs.files.push_back({kPlanInput, text::sha256_hex(plan_text(plan))});
  inputs.fingerprint = inputs_fingerprint(inputs.files);
  return inputs;
}

std::string changed_inputs(const PackInputs& built, const PackInputs& now) {
  std::map<std::string, std::string> before;
  for (const PackInput& input : built.files) before[input.file] = input.sha256;
  std::string changed;
  const auto note = [&](const std::string& file) {
    changed += (changed.empty() ? "" : ", ") + file;
  };
  for (const PackInput& input : now.files) {
    const auto found = before.find(input.file);
    if (found == before.end() || found->second != input.sha256) note(input.file);
    if (found != before.end()) before.erase(found);
  }
  for (const auto& [file, digest] : before) note(file);
  if (changed.empty() && built.fingerprint != now.fingerprint) changed = "(the list of files)";
  return changed;
}

}  // namespace panelpack::office
