#pragma once
// What the console needs from libsodium, in one place: Argon2id password hashes, random tokens
// and one-time passwords, SHA-256 of a token, and comparison in constant time. sodium_init runs
// once, on first use, so no other command pays for it.

#include <string>
#include <string_view>

namespace panelpack::office::console {

// crypto_pwhash_str (Argon2id, OPSLIMIT/MEMLIMIT_INTERACTIVE): "$argon2id$v=19$m=65536,t=2,...".
std::string hash_password(std::string_view password);
// True when `password` matches the stored `hash` (crypto_pwhash_str_verify).
bool password_matches(std::string_view password, const std::string& hash);
// True when `hash` was made with other limits than hash_password's: rehash at the next sign-in.
bool hash_needs_renewal(const std::string& hash);
// A hash of a random password no one knows, made once: an unknown user's sign-in is checked
// against it so that it takes as long as a known user's.
const std::string& dummy_password_hash();

// `bytes` random bytes (randombytes_buf) as unpadded URL-safe base64: a session or CSRF token.
std::string random_token(std::size_t bytes = 32);
// 16 characters from an alphabet without look-alikes (no 0/O, 1/I/L), in 4 groups of 4:
// "K7QM-3XRT-HW9P-CN4E" (about 79 bits).
std::string one_time_password();
// SHA-256 of `text` as 64 lowercase hex digits (crypto_hash_sha256).
std::string sha256_hex(std::string_view text);
// Equal texts, compared in time that depends only on their length (sodium_memcmp).
bool constant_time_equal(std::string_view left, std::string_view right);

}  // namespace panelpack::office::console
