#include <gtest/gtest.h>

#include <string>

#include "panel/office_config.hpp"
#include "panel/panel_error.hpp"
#include "support/office_fixture.hpp"

namespace {

using nlohmann::json;
using panelpack::panel::PackAttachment;
using panelpack::panel::PanelError;
using panelpack::panel::parse_office_config;
using panelpack::panel::SmtpConfig;

json with_mail(json mail) {
  json office = panelpack::testing::office_json();
  office["mail"] = std::move(mail);
  return office;
}

json minimal_mail() {
  return {{"from", {{"name", "Fictional Panel"}, {"email", "panel@fictional.example.org"}}},
          {"smtp", {{"host", "smtp.fictional.example.org"}}}};
}

// The error's code and JSON pointer, "code@pointer".
std::string error_of(const json& mail) {
  try {
    parse_office_config(with_mail(mail));
  } catch (const PanelError& error) {
    return error.code() + "@" + error.where();
  }
  return "no error";
}

TEST(MailConfig, AnOfficeWithoutMailHasNone) {
  EXPECT_FALSE(parse_office_config(panelpack::testing::office_json()).mail.has_value());
}

TEST(MailConfig, DefaultsAreSubmissionWithStartTlsAndTheZipAttached) {
  const auto office = parse_office_config(with_mail(minimal_mail()));
  ASSERT_TRUE(office.mail.has_value());
  const auto& mail = *office.mail;
  EXPECT_EQ(mail.from.email, "panel@fictional.example.org");
  EXPECT_FALSE(mail.reply_to.has_value());
  EXPECT_EQ(mail.smtp.port, 587);
  EXPECT_EQ(mail.smtp.security, SmtpConfig::Security::starttls);
  EXPECT_EQ(mail.smtp.connect_timeout_seconds, 15);
  EXPECT_EQ(mail.smtp.read_timeout_seconds, 60);
  EXPECT_TRUE(mail.smtp.username.empty());
  EXPECT_EQ(mail.circulation.attach, PackAttachment::zip);
  EXPECT_TRUE(mail.circulation.zip_password.empty());
}

TEST(MailConfig, ReadsEveryField) {
  json mail = minimal_mail();
  mail["replyTo"] = {{"email", "admin@fictional.example.org"}};
  mail["smtp"] = {{"host", "127.0.0.1"},
                  {"port", 2525},
                  {"security", "plain"},
                  {"username", "relay"},
                  {"passwordEnv", "RELAY_PASSWORD"},
                  {"caFile", "ca.pem"},
                  {"connectTimeoutSeconds", 5},
                  {"readTimeoutSeconds", 30}};
  mail["circulation"] = {{"attach", "both"}, {"passwordFile", "secrets/zip-password"}};
  const auto parsed = *parse_office_config(with_mail(mail)).mail;
  EXPECT_EQ(parsed.reply_to->email, "admin@fictional.example.org");
  EXPECT_EQ(parsed.smtp.port, 2525);
  EXPECT_EQ(parsed.smtp.security, SmtpConfig::Security::plain);
  EXPECT_EQ(parsed.smtp.password.environment, "RELAY_PASSWORD");
  EXPECT_EQ(parsed.smtp.ca_file, "ca.pem");
  EXPECT_EQ(parsed.smtp.read_timeout_seconds, 30);
  EXPECT_EQ(parsed.smtp.drain_timeout_seconds, 120);  // the default
  EXPECT_EQ(parsed.circulation.attach, PackAttachment::both);
  EXPECT_TRUE(parsed.circulation.needs_pdf());
  EXPECT_TRUE(parsed.circulation.needs_zip());
  EXPECT_EQ(parsed.circulation.zip_password.file, "secrets/zip-password");
}

TEST(MailConfig, APasswordInOfficeJsonIsRefused) {
  json mail = minimal_mail();
  mail["smtp"]["username"] = "relay";
  mail["smtp"]["password"] = "hunter2";
  EXPECT_EQ(error_of(mail), "secret_in_configuration@/mail/smtp/password");
  json zip = minimal_mail();
  zip["circulation"] = {{"password", "a-zip-password"}};
  EXPECT_EQ(error_of(zip), "secret_in_configuration@/mail/circulation/password");
}

TEST(MailConfig, APasswordComesFromAFileOrTheEnvironmentNotBoth) {
  json mail = minimal_mail();
  mail["smtp"]["username"] = "relay";
  EXPECT_EQ(error_of(mail), "missing_secret@/mail/smtp/passwordFile");
  mail["smtp"]["passwordFile"] = "relay-password";
  mail["smtp"]["passwordEnv"] = "RELAY_PASSWORD";
  EXPECT_EQ(error_of(mail), "ambiguous_secret@/mail/smtp/passwordEnv");
}

TEST(MailConfig, BadValuesNameTheirPointer) {
  json security = minimal_mail();
  security["smtp"]["security"] = "tls";
  EXPECT_EQ(error_of(security), "invalid_field@/mail/smtp/security");
  json port = minimal_mail();
  port["smtp"]["port"] = 0;
  EXPECT_EQ(error_of(port), "invalid_field@/mail/smtp/port");
  json timeout = minimal_mail();
  timeout["smtp"]["readTimeoutSeconds"] = 0;
  EXPECT_EQ(error_of(timeout), "invalid_field@/mail/smtp/readTimeoutSeconds");
  json drain = minimal_mail();
  drain["smtp"]["drainTimeoutSeconds"] = 3601;
  EXPECT_EQ(error_of(drain), "invalid_field@/mail/smtp/drainTimeoutSeconds");
  json attach = minimal_mail();
  attach["circulation"] = {{"attach", "rar"}};
  EXPECT_EQ(error_of(attach), "invalid_field@/mail/circulation/attach");
  json no_from = minimal_mail();
  no_from.erase("from");
  EXPECT_EQ(error_of(no_from), "missing_field@/mail/from");
  json no_host = minimal_mail();
  no_host["smtp"].erase("host");
  EXPECT_EQ(error_of(no_host), "missing_field@/mail/smtp/host");
}

}  // namespace

namespace {

// A panel's own circulation options over the office's mail.circulation, key by key.
TEST(MailConfig, APanelsCirculationReplacesTheOfficesKeyByKey) {
  json mail = minimal_mail();
  mail["circulation"] = {{"attach", "both"}, {"passwordFile", "secrets/office-password"}};
  json office = with_mail(mail);
  office["panels"][0]["circulation"] = {{"passwordFile", "secrets/panel-password"}};
  office["panels"][1]["circulation"] = {{"attach", "zip"}};
  const auto parsed = parse_office_config(office);
  const auto& own_password = parsed.panels[0].circulation;
  EXPECT_EQ(own_password.attach, PackAttachment::both);
  EXPECT_EQ(own_password.zip_password.file, "secrets/panel-password");
  EXPECT_EQ(own_password.password_setting, "/panels/0/circulation");
  const auto& own_attach = parsed.panels[1].circulation;
  EXPECT_EQ(own_attach.attach, PackAttachment::zip);
  EXPECT_EQ(own_attach.zip_password.file, "secrets/office-password");
  EXPECT_EQ(own_attach.password_setting, "/mail/circulation");
}

TEST(MailConfig, APanelsCirculationWithoutAMailSectionStillCounts) {
  json office = panelpack::testing::office_json();
  office["panels"][0]["circulation"] = {{"attach", "pdf"}, {"passwordEnv", "PACK_PASSWORD"}};
  const auto parsed = parse_office_config(office);
  EXPECT_EQ(parsed.panels[0].circulation.attach, PackAttachment::pdf);
  EXPECT_EQ(parsed.panels[0].circulation.zip_password.environment, "PACK_PASSWORD");
  EXPECT_TRUE(parsed.panels[1].circulation.zip_password.empty());
}

TEST(MailConfig, APanelsCirculationErrorsNameItsPointer) {
  json office = panelpack::testing::office_json();
  office["panels"][1]["circulation"] = {{"password", "typed-in-by-mistake"}};
  try {
    parse_office_config(office);
    FAIL() << "a password in office.json was accepted";
  } catch (const PanelError& error) {
    EXPECT_EQ(error.code() + "@" + error.where(),
              "secret_in_configuration@/panels/1/circulation/password");
  }
}

}  // namespace
