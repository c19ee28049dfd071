#pragma once
// SHA-256 digests as lower-case hex (64 characters), through OpenSSL.

#include <memory>
#include <string>
#include <string_view>

namespace panelpack::text {

// The digest of `bytes`. Throws std::runtime_error if OpenSSL fails (out of memory).
std::string sha256_hex(std::string_view bytes);

// The digest of bytes given a piece at a time (a file read in chunks).
class Sha256 {
 public:
  Sha256();  // throws std::runtime_error if OpenSSL fails
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void update(std::string_view bytes);
  // The digest of everything given; the object may not be updated afterwards.
  std::string finish_hex();

 private:
  struct Context;
  std::unique_ptr<Context> context_;
};

}  // namespace panelpack::text
