#include "office/intake/unmatched.hpp"

#include <algorithm>
#include <cctype>
#include <system_error>

#include <nlohmann/json.hpp>

#include "office/error.hpp"
#include "office/file_lock.hpp"
#include "office/files.hpp"
#include "panel/panel_error.hpp"
#include "text/sha256.hpp"

namespace panelpack::office {

namespace fs = std::filesystem;

namespace {

fs::path intake_folder(const Workspace& workspace) {
  return workspace.root() / "intake";
}
fs::path unmatched_folder(const Workspace& workspace) {
  return intake_folder(workspace) / "unmatched";
}
fs::path assigned_folder(const Workspace& workspace) {
  return intake_folder(workspace) / "assigned";
}

OfficeError machine(const fs::path& path, const std::string& what) {
  return OfficeError(OfficeError::Code::machine_failure, path.string() + ": " + what,
                     {path.string(), ""});
}

// "20261205T101500Z-3f2a9c01": sorts by arrival; the hash makes it the same for the same file
// of the same message, which is what makes a second add find the first.
std::string entry_id(const UnmatchedPaper& paper) {
  std::string when = panel::format_utc(paper.arrived);  // "2026-12-05T10:15:00Z"
  when.erase(std::remove_if(when.begin(), when.end(), [](char c) { return c == '-' || c == ':'; }),
             when.end());
  return when + "-" + text::sha256_hex(paper.message_key + "|" + paper.sha256).substr(0, 8);
}

// "paper.docx": the sender's extension when it is a plain one, so the download opens; never
// the sender's name itself (it may hold anything, a child's name included).
std::string stored_name(const std::string& filename) {
  const std::size_t dot = filename.rfind('.');
  if (dot == std::string::npos) return "paper";
  std::string extension = filename.substr(dot + 1);
  const bool plain = !extension.empty() && extension.size() <= 5 &&
                     std::all_of(extension.begin(), extension.end(),
                                 [](unsigned char c) { return std::isalnum(c) != 0; });
  if (!plain) return "paper";
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return "paper." + extension;
}

nlohmann::json to_json(const UnmatchedPaper& paper) {
  return {{"id", paper.id},
          {"arrived", panel::format_utc(paper.arrived)},
          {"fromEmail", paper.from_email},
          {"subject", paper.subject},
          {"filename", paper.filename},
          {"storedFile", paper.stored_file},
          {"sha256", paper.sha256},
          {"reason", paper.reason},
          {"messageKey", paper.message_key},
          {"guessedCaseRef", paper.guessed_case_ref},
          {"guessedPaperType", paper.guessed_paper_type}};
}

UnmatchedPaper read_entry(const fs::path& folder) {
  const fs::path path = folder / "entry.json";
  const auto json = nlohmann::json::parse(read_input(path.string()), nullptr, false);
  try {
    if (json.is_discarded() || !json.is_object()) throw std::invalid_argument("not an object");
    UnmatchedPaper paper;
    paper.id = json.at("id").get<std::string>();
    paper.arrived = panel::parse_instant(json.at("arrived").get<std::string>());
    paper.from_email = json.value("fromEmail", "");
    paper.subject = json.value("subject", "");
    paper.filename = json.value("filename", "");
    paper.stored_file = json.at("storedFile").get<std::string>();
    paper.sha256 = json.value("sha256", "");
    paper.reason = json.value("reason", "");
    paper.message_key = json.value("messageKey", "");
    paper.guessed_case_ref = json.value("guessedCaseRef", "");
    paper.guessed_paper_type = json.value("guessedPaperType", "");
    return paper;
  } catch (const std::exception&) {
    throw OfficeError(OfficeError::Code::bad_input,
                      path.string() +
                          ": not an entry panelpack intake wrote; restore it from a backup, or "
                          "move its folder out of intake/unmatched/ and file the paper by hand",
                      {path.string(), ""});
  }
}

// Owner only: the folders hold children's papers and the subjects that name them.
void owner_only(const fs::path& path, bool folder) {
  std::error_code ignored;
  fs::permissions(path,
                  folder ? fs::perms::owner_all : fs::perms::owner_read | fs::perms::owner_write,
                  fs::perm_options::replace, ignored);
}

}  // namespace

fs::path intake_lock_path(const Workspace& workspace) {
  return intake_folder(workspace) / ".intake.lock";
}

std::string add_unmatched(const Workspace& workspace, const UnmatchedPaper& paper,
                          const fs::path& file) {
  UnmatchedPaper entry = paper;
  entry.id = entry_id(paper);
  entry.stored_file = stored_name(paper.filename);
  const fs::path folder = unmatched_folder(workspace);
  const fs::path target = folder / entry.id;
  std::error_code error;
  fs::create_directories(folder, error);
  if (error) throw machine(folder, "cannot make the folder: " + error.message());
  owner_only(intake_folder(workspace), true);
  owner_only(folder, true);

  const FileLock lock(intake_lock_path(workspace));
  // Kept already, waiting or assigned since: the same paper, nothing to add.
  if (fs::exists(target / "entry.json", error) ||
      fs::exists(assigned_folder(workspace) / entry.id, error)) {
    return entry.id;
  }
  // Made whole beside its place, then renamed: a crash leaves a hidden folder, never half an
  // entry in the list.
  const fs::path work = folder / ("." + entry.id + ".part");
  fs::remove_all(work, error);
  fs::create_directories(work, error);
  if (error) throw machine(work, "cannot make the folder: " + error.message());
  owner_only(work, true);
  fs::copy_file(file, work / entry.stored_file, fs::copy_options::overwrite_existing, error);
  if (error) throw machine(work / entry.stored_file, "cannot copy the paper: " + error.message());
  owner_only(work / entry.stored_file, false);
  write_output(work / "entry.json", to_json(entry).dump(2) + "\n");
  owner_only(work / "entry.json", false);
  fs::remove_all(target, error);  // a folder without entry.json: left by nothing we write
  fs::rename(work, target, error);
  if (error) throw machine(target, "cannot keep the unmatched paper: " + error.message());
  return entry.id;
}

std::vector<UnmatchedPaper> list_unmatched(const Workspace& workspace) {
  std::vector<UnmatchedPaper> papers;
  const fs::path folder = unmatched_folder(workspace);
  std::error_code error;
  if (!fs::is_directory(folder, error)) return papers;
  fs::directory_iterator it(folder, error);
  if (error) throw machine(folder, "cannot read the folder: " + error.message());
  for (const fs::directory_entry& item : it) {
    const std::string name = item.path().filename().string();
    if (name.starts_with(".") || !item.is_directory(error)) continue;
    if (!fs::exists(item.path() / "entry.json", error)) continue;
    papers.push_back(read_entry(item.path()));
  }
  std::sort(papers.begin(), papers.end(),
            [](const UnmatchedPaper& a, const UnmatchedPaper& b) { return a.id < b.id; });
  return papers;
}

std::optional<UnmatchedPaper> find_unmatched(const Workspace& workspace, const std::string& id) {
  // An id is one folder name: anything else (a path, "..") names no entry.
  if (id.empty() || id.starts_with(".") || id.find('/') != std::string::npos ||
      id.find('\\') != std::string::npos) {
    return std::nullopt;
  }
  const fs::path folder = unmatched_folder(workspace) / id;
  std::error_code error;
  if (!fs::exists(folder / "entry.json", error)) return std::nullopt;
  return read_entry(folder);
}

fs::path unmatched_file(const Workspace& workspace, const UnmatchedPaper& paper) {
  return unmatched_folder(workspace) / paper.id / paper.stored_file;
}

}  // namespace panelpack::office
