#include "office/console/console_crypto.hpp"

#include <sodium.h>

#include <array>
#include <mutex>

#include "office/error.hpp"

namespace panelpack::office::console {
namespace {

// The interactive limits (64 MiB, 2 passes): a sign-in costs a fraction of a second on one
// core, and twenty people signing in at once need about 1.3 GB at most (docs/console.md).
constexpr unsigned long long kOpsLimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
constexpr std::size_t kMemLimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;

void ensure_sodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) {
      throw OfficeError(OfficeError::Code::machine_failure,
                        "libsodium could not start (sodium_init failed): the machine has no "
                        "source of random numbers");
    }
  });
}

}  // namespace

std::string hash_password(std::string_view password) {
  ensure_sodium();
  std::array<char, crypto_pwhash_STRBYTES> hash{};
  if (crypto_pwhash_str(hash.data(), password.data(), password.size(), kOpsLimit, kMemLimit) != 0) {
    throw OfficeError(OfficeError::Code::machine_failure,
                      "hashing a password ran out of memory (Argon2id needs 64 MiB)");
  }
  return std::string(hash.data());
}

bool password_matches(std::string_view password, const std::string& hash) {
  ensure_sodium();
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool hash_needs_renewal(const std::string& hash) {
  ensure_sodium();
  return crypto_pwhash_str_needs_rehash(hash.c_str(), kOpsLimit, kMemLimit) != 0;
}

const std::string& dummy_password_hash() {
  static const std::string hash = hash_password(random_token());
  return hash;
}

std::string random_token(std::size_t bytes) {
  ensure_sodium();
  std::string random(bytes, '\0');
  randombytes_buf(random.data(), random.size());
  std::string text(sodium_base64_encoded_len(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                   '\0');
  sodium_bin2base64(text.data(), text.size(), reinterpret_cast<const unsigned char*>(random.data()),
                    random.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero(random.data(), random.size());
  text.resize(text.find('\0'));
  return text;
}

std::string one_time_password() {
  ensure_sodium();
  static constexpr std::string_view kAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
  std::string password;
  for (int i = 0; i < 16; ++i) {
    if (i > 0 && i % 4 == 0) password += '-';
    // randombytes_uniform: no modulo bias.
    password += kAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kAlphabet.size()))];
  }
  return password;
}

std::string sha256_hex(std::string_view text) {
  ensure_sodium();
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(text.data()),
                     text.size());
  std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return std::string(hex.data());
}

bool constant_time_equal(std::string_view left, std::string_view right) {
  ensure_sodium();
  if (left.size() != right.size()) return false;  // a token's length is no secret
  return sodium_memcmp(left.data(), right.data(), left.size()) == 0;
}

}  // namespace panelpack::office::console
