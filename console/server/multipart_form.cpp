#include "console/server/multipart_form.hpp"

#include <fstream>
#include <istream>
#include <string>
#include <system_error>

#include <stdlib.h>

#include <Poco/Exception.h>
#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/Net/PartHandler.h>

namespace panelpack::console {

namespace fs = std::filesystem;

namespace {

// A body this far past the file's cap is not a form of this console: refused unread.
constexpr std::uintmax_t kLargestBody = kMaximumUploadBytes + (1ULL << 20);

// A folder only this process's user can read, for one upload.
fs::path new_upload_folder() {
  std::string pattern = (fs::temp_directory_path() / "panelpack-upload-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    throw FormTooLarge("the console could not make a temporary folder for the file");
  }
  return pattern;
}

// Writes the first named file part into `folder`, at most kMaximumUploadBytes of it; the rest
// of a longer file is read and dropped so the page can still answer.
class FileToFolder : public Poco::Net::PartHandler {
 public:
  explicit FileToFolder(fs::path folder) : folder_(std::move(folder)) {}

  void handlePart(const Poco::Net::MessageHeader& header, std::istream& stream) override {
    std::string disposition;
    Poco::Net::NameValueCollection parameters;
    Poco::Net::MessageHeader::splitParameters(header.get("Content-Disposition", ""), disposition,
                                              parameters);
    const std::string name = parameters.get("filename", "");
    if (upload_ || name.empty()) {
      drain(stream);  // an empty file input, or a second file: nothing to keep
      return;
    }
    UploadedFile upload;
    upload.field = parameters.get("name", "");
    upload.file = folder_ / "upload";
    std::ofstream out(upload.file, std::ios::binary);
    char buffer[64 * 1024];
    while (stream.read(buffer, sizeof buffer) || stream.gcount() > 0) {
      const auto got = static_cast<std::uintmax_t>(stream.gcount());
      if (upload.bytes + got > kMaximumUploadBytes) upload.too_large = true;
      if (!upload.too_large) out.write(buffer, static_cast<std::streamsize>(got));
      upload.bytes += got;
    }
    out.close();
    if (!out) throw FormTooLarge("the console could not keep the file sent");
    upload_ = std::move(upload);
  }

  std::optional<UploadedFile> take() { return std::move(upload_); }

 private:
  static void drain(std::istream& stream) {
    char buffer[16 * 1024];
    while (stream.read(buffer, sizeof buffer) || stream.gcount() > 0) {
    }
  }

  fs::path folder_;
  std::optional<UploadedFile> upload_;
};

}  // namespace

MultipartForm read_multipart_form(Poco::Net::HTTPServerRequest& request) {
  if (request.hasContentLength() &&
      static_cast<std::uintmax_t>(request.getContentLength64()) > kLargestBody) {
    throw FormTooLarge("the form is longer than " + std::to_string(kLargestBody) + " bytes");
  }
  MultipartForm form;
  form.folder = new_upload_folder();
  FileToFolder files(form.folder);
  Poco::Net::HTMLForm html;
  html.setFieldLimit(kMaximumFormFields);
  html.setValueLengthLimit(kMaximumValueBytes);
  try {
    html.load(request, request.stream(), files);
  } catch (const FormTooLarge&) {
    remove_upload(form.folder);
    throw;
  } catch (const Poco::Exception& error) {
    remove_upload(form.folder);
    throw FormTooLarge("the form is refused: " + error.message());
  }
  for (const auto& [name, value] : html) form.fields.emplace(name, value);
  form.upload = files.take();
  return form;
}

void remove_upload(const fs::path& folder) noexcept {
  if (folder.empty()) return;
  std::error_code ignored;
  fs::remove_all(folder, ignored);
}

}  // namespace panelpack::console
