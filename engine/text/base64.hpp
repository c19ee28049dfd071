#pragma once
// Base64 (RFC 4648 section 4, the standard alphabet with '=' padding), through OpenSSL.

#include <string>
#include <string_view>

namespace panelpack::text {

// `bytes` as one line of base64, without line breaks.
std::string base64(std::string_view bytes);

}  // namespace panelpack::text
