#pragma once
// A POST sent as multipart/form-data (a form with a file input), for the routes that take
// files: its fields under the same caps as a urlencoded form's, and its one file streamed to
// a new folder of its own under the system's temporary folder, at most kMaximumUploadBytes.

#include <cstdint>
#include <filesystem>
#include <optional>

#include <Poco/Net/HTTPServerRequest.h>

#include "console/server/form_fields.hpp"
#include "console/server/request_context.hpp"

namespace panelpack::console {

// The largest file a form may send; the Sitting page says so beside its file input.
inline constexpr std::uintmax_t kMaximumUploadBytes = 20ULL << 20;

struct MultipartForm {
  FormFields fields;
  std::optional<UploadedFile> upload;  // the first file part with a file name, if any
  std::filesystem::path folder;        // where it is; the caller removes it (remove_upload)
};

// Reads the request's body. Throws FormTooLarge when the fields break the caps or the body is
// far past the file's cap; a file past its cap is kept short and marked too_large instead, so
// the page can say so beside the input.
MultipartForm read_multipart_form(Poco::Net::HTTPServerRequest& request);

// Removes an upload's folder and what is in it; never throws.
void remove_upload(const std::filesystem::path& folder) noexcept;

}  // namespace panelpack::console
