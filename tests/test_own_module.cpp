// text::load_own_module: the SMTP and console modules load from where CMake built them and
// give their entry points; a missing module or entry point is reported with the path tried.

#include <gtest/gtest.h>

#include <string>

#include "text/own_module.hpp"

namespace {

using panelpack::text::load_own_module;

TEST(OwnModule, TheSmtpModuleGivesItsEntryPoint) {
  const auto loaded =
      load_own_module("libpanelpack_smtp.so", SMTP_MODULE_BUILT, "panelpack_smtp_connection");
  EXPECT_NE(loaded.entry, nullptr) << loaded.failure;
  EXPECT_EQ(loaded.path, SMTP_MODULE_BUILT);
  EXPECT_EQ(loaded.failure, "");
}

TEST(OwnModule, TheConsoleModuleGivesItsEntryPoint) {
  const auto loaded = load_own_module("libpanelpack_console_server.so", CONSOLE_MODULE_BUILT,
                                      "panelpack_console_service");
  EXPECT_NE(loaded.entry, nullptr) << loaded.failure;
  EXPECT_EQ(loaded.failure, "");
}

TEST(OwnModule, AMissingModuleNamesThePathTried) {
  const auto loaded =
      load_own_module("libpanelpack_nothing.so", "/nonexistent/libpanelpack_nothing.so", "x");
  EXPECT_EQ(loaded.entry, nullptr);
  EXPECT_EQ(loaded.path, "/nonexistent/libpanelpack_nothing.so");
  EXPECT_NE(loaded.failure.find("/nonexistent/libpanelpack_nothing.so"), std::string::npos)
      << loaded.failure;
}

TEST(OwnModule, AMissingEntryPointNamesTheModule) {
  const auto loaded = load_own_module("libpanelpack_smtp.so", SMTP_MODULE_BUILT, "no_such_entry");
  EXPECT_EQ(loaded.entry, nullptr);
  EXPECT_EQ(loaded.failure, std::string(SMTP_MODULE_BUILT) + " has no no_such_entry");
}

}  // namespace
