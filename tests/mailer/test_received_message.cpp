// parse_received_message (GMime, in the IMAP module) over messages made the way Outlook, an
// iPhone and forwarding clients make them (make_received_messages.py, run by CTest first into
// RECEIVED_MESSAGES_DIR). What each must hold is in that folder's expected.json, worked out from
// the bytes put in, not from a parser.

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>

#include "mailer/received_message.hpp"
#include "text/sha256.hpp"

namespace {

namespace mailer = panelpack::mailer;
using nlohmann::json;

std::string messages_dir() {
  const char* dir = std::getenv("RECEIVED_MESSAGES_DIR");
  return dir != nullptr ? dir : "";
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

json expected() {
  std::ifstream in(messages_dir() + "/expected.json");
  return json::parse(in);
}

mailer::ReceivedMessage parsed(const std::string& name) {
  return mailer::parse_received_message(read_file(messages_dir() + "/" + name + ".eml"));
}

class ReceivedMessages : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(messages_dir().empty()) << "RECEIVED_MESSAGES_DIR is not set (run through ctest)";
    ASSERT_FALSE(read_file(messages_dir() + "/expected.json").empty());
  }
};

TEST_F(ReceivedMessages, EachMessageReadsAsItsSenderWroteIt) {
  const json all = expected();
  ASSERT_EQ(all.size(), 8u);
  for (const auto& [name, want] : all.items()) {
    SCOPED_TRACE(name);
    const mailer::ReceivedMessage message = parsed(name);
    EXPECT_EQ(message.from_email, want.at("from_email").get<std::string>());
    EXPECT_EQ(message.from_name, want.at("from_name").get<std::string>());
    EXPECT_EQ(message.subject, want.at("subject").get<std::string>());
    EXPECT_EQ(message.message_id, want.at("message_id").get<std::string>());
    for (const json& words : want.at("text_contains")) {
      EXPECT_NE(message.text.find(words.get<std::string>()), std::string::npos)
          << "text lacks \"" << words.get<std::string>() << "\"; text is:\n"
          << message.text;
    }
    for (const json& words : want.at("text_lacks")) {
      EXPECT_EQ(message.text.find(words.get<std::string>()), std::string::npos)
          << "text has \"" << words.get<std::string>() << "\"";
    }
    if (!want.contains("files")) continue;
    ASSERT_EQ(message.files.size(), want.at("files").size());
    for (std::size_t i = 0; i < message.files.size(); ++i) {
      const json& file = want.at("files").at(i);
      EXPECT_EQ(message.files[i].filename, file.at("filename").get<std::string>());
      EXPECT_EQ(message.files[i].content_type, file.at("content_type").get<std::string>());
      EXPECT_EQ(message.files[i].bytes.size(), file.at("size").get<std::size_t>());
      EXPECT_EQ(panelpack::text::sha256_hex(message.files[i].bytes),
                file.at("sha256").get<std::string>());
      EXPECT_EQ(message.files[i].forwarded, file.at("forwarded").get<bool>());
    }
  }
}

TEST_F(ReceivedMessages, OutlooksRfc2231NameIsDecodedToUtf8) {
  const mailer::ReceivedMessage message = parsed("outlook");
  ASSERT_EQ(message.files.size(), 1u);
  EXPECT_EQ(message.files[0].filename,
            "Chronologie \xE2\x80\x93 L\xC3\xA9"
            "a.docx");
  EXPECT_EQ(message.files[0].bytes.substr(0, 2), "PK");  // the zip itself, base64 undone
  // The plain alternative is the text; the HTML one is not added to it.
  EXPECT_EQ(message.text,
            "Hello,\n\nPlease find the chronology for LCS900108 attached.\n\nJo Smith");
}

TEST_F(ReceivedMessages, APhonesRawUtf8NameAndTheTextAroundTheFileAreKept) {
  const mailer::ReceivedMessage message = parsed("iphone");
  ASSERT_EQ(message.files.size(), 1u);
  EXPECT_EQ(message.files[0].filename, "Care plan \xE2\x80\x93 Zo\xC3\xAB.pdf");
  EXPECT_EQ(message.text, "Here\xE2\x80\x99s the care plan for LCS900215.\n\nSent from my iPhone");
}

TEST_F(ReceivedMessages, AForwardedMessagesFileIsMarkedAndItsSubjectAndTextFollow) {
  const mailer::ReceivedMessage message = parsed("forwarded");
  ASSERT_EQ(message.files.size(), 1u);
  EXPECT_TRUE(message.files[0].forwarded);
  EXPECT_EQ(message.files[0].filename, "Matching report.pdf");
  EXPECT_EQ(message.text,
            "Forwarding Alex's matching report for the panel.\n\nMatching report LCS900331\n"
            "Morgan, the matching report is attached for sign-off.");
}

TEST_F(ReceivedMessages, AFolderInAFileNameIsDropped) {
  const mailer::ReceivedMessage message = parsed("two_attachments");
  ASSERT_EQ(message.files.size(), 2u);
  EXPECT_EQ(message.files[1].filename, "Plan.docx");
  EXPECT_FALSE(message.files[0].forwarded);
}

TEST_F(ReceivedMessages, ATruncatedMessageIsReadAsFarAsItGoes) {
  const mailer::ReceivedMessage message = parsed("broken");
  ASSERT_EQ(message.files.size(), 1u);
  EXPECT_EQ(message.files[0].filename, "cut.pdf");
  EXPECT_EQ(message.files[0].bytes.substr(0, 5), "%PDF-");
}

// Each message cut short and with bytes overwritten, many ways (a fixed seed, so a failure
// repeats): read without crashing, and no file name ever carries a folder or a line break.
TEST_F(ReceivedMessages, MangledCopiesNeverCrashOrYieldAPath) {
  std::mt19937 random(15);
  std::size_t files_seen = 0;
  const json all = expected();
  for (const auto& [name, want] : all.items()) {
    const std::string raw = read_file(messages_dir() + "/" + name + ".eml");
    for (int round = 0; round < 300; ++round) {
      std::string mangled = raw.substr(0, random() % (raw.size() + 1));
      for (int flips = static_cast<int>(random() % 8); flips > 0 && !mangled.empty(); --flips) {
        mangled[random() % mangled.size()] = static_cast<char>(random() % 256);
      }
      const mailer::ReceivedMessage message = mailer::parse_received_message(mangled);
      for (const mailer::ReceivedFile& file : message.files) {
        ++files_seen;
        EXPECT_EQ(file.filename.find_first_of("/\\\r\n"), std::string::npos) << file.filename;
        EXPECT_FALSE(file.filename.empty());
      }
    }
  }
  EXPECT_GT(files_seen, 0u);
}

TEST(ReceivedMessageJunk, NothingThatIsNotAMessageCrashesIt) {
  EXPECT_TRUE(mailer::parse_received_message("").files.empty());
  EXPECT_TRUE(mailer::parse_received_message("\r\n\r\n").files.empty());
  std::string noise;
  for (int i = 0; i < 5000; ++i) noise += static_cast<char>((i * 7919) % 256);
  EXPECT_TRUE(mailer::parse_received_message(noise).files.empty());
  const mailer::ReceivedMessage no_boundary = mailer::parse_received_message(
      "From: a@b.example\r\nContent-Type: multipart/mixed\r\n\r\n--x\r\nhello\r\n");
  EXPECT_EQ(no_boundary.from_email, "a@b.example");
  EXPECT_TRUE(no_boundary.files.empty());
}

}  // namespace
