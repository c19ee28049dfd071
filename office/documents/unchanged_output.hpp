#pragma once
// What a failed render says about the file it would have written: outputs are written whole or
// not at all, so an older file of that name is still there, and the person should know it.

#include <filesystem>
#include <string>

namespace panelpack::office {

// "out/referral.docx was not changed: it still holds the form written at 14:05 on 5 December
// 2026" when `output` is an existing file (its time in local time); "nothing written" otherwise.
std::string unchanged_output_note(const std::filesystem::path& output);

}  // namespace panelpack::office
