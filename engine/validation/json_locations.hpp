#pragma once
// Where each value of a JSON text begins, by JSON pointer: nlohmann keeps no positions, so the
// text is scanned a second time.

#include <map>
#include <string>
#include <string_view>

namespace panelpack::validation {

// "/a~1b/0" for the key "a/b" then index 0: '~' becomes "~0" and '/' becomes "~1" (RFC 6901).
std::string escape_pointer_token(std::string_view token);

// Maps the JSON pointer of every value in `text` ("" for the whole document) to the 1-based line
// where the value starts. `text` should be JSON that parsed (a leading UTF-8 byte-order mark is
// skipped); a malformed text maps what it could read before the fault. A repeated key keeps its
// last occurrence, as nlohmann does.
std::map<std::string, int> value_lines(std::string_view text);

}  // namespace panelpack::validation
