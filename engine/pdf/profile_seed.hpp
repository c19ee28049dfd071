#pragma once
// What a worker's LibreOffice profile needs before soffice starts, so that a headless start is
// cheap. LibreOffice 7.x runs its graphics render self-tests (about 4 s of CPU: drawing 4096 px
// bitmaps) at every start whose profile has no ooSetupLastVersion at least the installed
// version, and only the GUI's "what's new" bar ever records it: a headless profile never gets
// it, so every --convert-to paid those tests. The seed records the version the profile runs.

#include <filesystem>
#include <string>

namespace panelpack::pdf::detail {

// The installed LibreOffice's "major.minor" (ooSetupVersion in share/registry/main.xcd beside
// the program folder of `soffice`, symlinks followed), or "" when that cannot be read (a
// wrapper script elsewhere, another layout): the profile is then left as it is.
std::string installed_version(const std::filesystem::path& soffice);

// Makes `profile`/user/registrymodifications.xcu hold ooSetupLastVersion = `version`: a new
// file for a new profile, the item added to one that lacks it; a profile that has it is left
// alone. Nothing when `version` is empty. Writes atomically (temporary file, then rename).
void seed_profile(const std::filesystem::path& profile, const std::string& version);

}  // namespace panelpack::pdf::detail
