#include "text/base64.hpp"

#include <openssl/evp.h>

#include <limits>

namespace panelpack::text {

std::string base64(std::string_view bytes) {
  // EVP_EncodeBlock takes an int length; a larger input is encoded a block at a time.
  constexpr std::size_t kBlock = std::numeric_limits<int>::max() / 4 * 3;
  std::string encoded;
  encoded.reserve((bytes.size() + 2) / 3 * 4);
  do {
    const std::string_view block = bytes.substr(0, kBlock);
    bytes.remove_prefix(block.size());
    const std::size_t at = encoded.size();
    encoded.resize(at + (block.size() + 2) / 3 * 4 + 1);  // EVP_EncodeBlock adds a NUL
    const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(encoded.data() + at),
                                        reinterpret_cast<const unsigned char*>(block.data()),
                                        static_cast<int>(block.size()));
    encoded.resize(at + static_cast<std::size_t>(written));
  } while (!bytes.empty());
  return encoded;
}

}  // namespace panelpack::text
