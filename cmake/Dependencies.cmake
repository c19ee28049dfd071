# System packages only (Debian 12); see docs/building.md for the package names.
find_package(PkgConfig REQUIRED)
find_package(LibXml2 REQUIRED)
find_package(nlohmann_json 3.11 CONFIG REQUIRED)
find_package(ICU REQUIRED COMPONENTS uc)
# find_package(libzip CONFIG) fails on Debian 12 (its targets file names zipcmp): use pkg-config.
pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip)
find_package(Threads REQUIRED)
# kainjow Mustache (header only, no CMake config): the CLI's output file-name patterns.
find_path(KAINJOW_INCLUDE kainjow/mustache.hpp REQUIRED)
find_package(ZLIB REQUIRED)
# PDF packs: qpdf merges the converted documents and adds a bookmark per case.
pkg_check_modules(QPDF REQUIRED IMPORTED_TARGET libqpdf)
# SHA-256 of each pack file in its manifest.
find_package(OpenSSL REQUIRED COMPONENTS Crypto)
# The mailer: SMTP with STARTTLS (NetSSL), MIME (Net).
find_package(Poco 1.11 CONFIG REQUIRED COMPONENTS Foundation Net NetSSL Crypto)
# The outbox and the workspace's state.
find_package(SQLite3 REQUIRED)
# The console's accounts and sessions: Argon2id password hashes and random tokens.
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
# The submission mailbox (issue 15): IMAP with TLS through libcurl, real-world MIME through GMime.
find_package(CURL REQUIRED)
pkg_check_modules(GMIME REQUIRED IMPORTED_TARGET gmime-3.0)
