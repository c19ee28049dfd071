#pragma once
// SHA-256 of bytes, as lower-case hex: what a pack's manifest lists for each file.

#include <string>
#include <string_view>

namespace panelpack::cli {

std::string sha256_hex(std::string_view bytes);

}  // namespace panelpack::cli
