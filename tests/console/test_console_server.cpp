// The console's server parts through console/ alone: listen addresses and the loopback rule,
// static files that never leave their folder, page templates that escape every value, and a
// server that answers with the security headers and stops cleanly. The browser test
// (test_console_start.mjs) drives the same server through `panelpack serve`.

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <tuple>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <gtest/gtest.h>

#include "console/server/console_server.hpp"
#include "console/server/listen_address.hpp"
#include "console/server/page_templates.hpp"
#include "console/server/security_headers.hpp"
#include "console/server/static_files.hpp"
#include "office/error.hpp"
#include "support/temporary_folder.hpp"

namespace panelpack::console {
namespace {

namespace fs = std::filesystem;
using panelpack::testing::TemporaryFolder;

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

TEST(ListenAddress, ReadsIpv4Ipv6AndAPortAlone) {
  const ListenAddress v4 = parse_listen_address("127.0.0.1:8080");
  EXPECT_EQ(v4.host, "127.0.0.1");
  EXPECT_EQ(v4.port, 8080);
  EXPECT_TRUE(v4.is_loopback());
  const ListenAddress v6 = parse_listen_address("[::1]:0");
  EXPECT_EQ(v6.host, "::1");
  EXPECT_EQ(v6.port, 0);
  EXPECT_TRUE(v6.is_loopback());
  EXPECT_EQ(v6.to_string(), "[::1]:0");
  EXPECT_EQ(parse_listen_address(":9000").host, "127.0.0.1");
  EXPECT_TRUE(parse_listen_address("127.3.2.1:1").is_loopback());
}

TEST(ListenAddress, OtherAddressesAreNotLoopback) {
  EXPECT_FALSE(parse_listen_address("0.0.0.0:8080").is_loopback());
  EXPECT_FALSE(parse_listen_address("192.0.2.10:8080").is_loopback());
  EXPECT_FALSE(parse_listen_address("[2001:db8::1]:8080").is_loopback());
}

TEST(ListenAddress, RefusesHostNamesAndBadPorts) {
  EXPECT_THROW(parse_listen_address("localhost:8080"), std::invalid_argument);
  EXPECT_THROW(parse_listen_address("127.0.0.1"), std::invalid_argument);
  EXPECT_THROW(parse_listen_address("127.0.0.1:65536"), std::invalid_argument);
  EXPECT_THROW(parse_listen_address("127.0.0.1:80x"), std::invalid_argument);
  try {
    parse_listen_address("127.0.0.1:http");
    FAIL() << "a port in words was taken";
  } catch (const std::invalid_argument& error) {
    EXPECT_NE(std::string(error.what()).find("'http' is not a port"), std::string::npos);
  }
}

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    write(root_.path() / "secret.json", "{}");
    write(root_.path() / "mounted" / "style.css", "body{}");
    write(root_.path() / "mounted" / "notes.txt", "not a served type");
    write(root_.path() / "mounted" / ".hidden.css", "");
    write(root_.path() / "mounted" / "assets" / "fonts" / "font.css", "");
    fs::create_symlink(root_.path() / "secret.json", root_.path() / "mounted" / "escape.css");
    files_.mount("/assets/x/", root_.path() / "mounted", {"assets/fonts"});
  }
  TemporaryFolder root_{"panelpack-static"};
  StaticFiles files_;
};

TEST_F(StaticFilesTest, ServesAFileWithItsType) {
  const auto file = files_.find("/assets/x/style.css");
  ASSERT_TRUE(file.has_value());
  EXPECT_EQ(file->media_type, "text/css; charset=utf-8");
  EXPECT_EQ(file->path.filename(), "style.css");
}

TEST_F(StaticFilesTest, RefusesWhatCouldLeaveTheFolderOrIsNotServed) {
  for (const char* path :
       {"/assets/x/../secret.json", "/assets/x/./style.css", "/assets/x//style.css",
        "/assets/x/..\\secret.json", "/assets/x/escape.css", "/assets/x/.hidden.css",
        "/assets/x/notes.txt", "/assets/x/assets/fonts/font.css", "/assets/x/", "/assets/x",
        "/assets/x/assets", "/assets/x/missing.css", "/secret.json"}) {
    EXPECT_FALSE(files_.find(path).has_value()) << path;
  }
  EXPECT_TRUE(files_.is_under_prefix("/assets/x/../secret.json"));
  EXPECT_FALSE(files_.is_under_prefix("/"));
}

TEST(PageTemplates, RendersThePageInsideTheLayoutWithValuesEscaped) {
  TemporaryFolder folder("panelpack-pages");
  write(folder.path() / "layout.mustache",
        "<title>{{page_title}}</title><main>{{> content}}</main>");
  write(folder.path() / "start.mustache", "<h1>{{authority}}</h1>");
  // Every other page the console has, whichever areas have added theirs.
  for (const std::string page : PageTemplates::kPages) {
    if (page != "start") write(folder.path() / (page + ".mustache"), page);
  }
  write(folder.path() / "start.mustache", "<h1>{{authority}}</h1>");
  const PageTemplates pages = PageTemplates::load(folder.path());
  const std::string html =
      pages.render("start", {{"page_title", "Start"}, {"authority", "<b>{{x}}</b> & Co"}});
  EXPECT_EQ(html, "<title>Start</title><main><h1>&lt;b&gt;{{x}}&lt;/b&gt; &amp; Co</h1></main>");
}

TEST(PageTemplates, RefusesUnescapedValuesAndMissingPages) {
  TemporaryFolder folder("panelpack-pages");
  write(folder.path() / "layout.mustache", "{{> content}}");
  write(folder.path() / "start.mustache", "<h1>{{{authority}}}</h1>");
  write(folder.path() / "not_found.mustache", "{{#open}}");
  try {
    PageTemplates::load(folder.path());
    FAIL() << "faulty templates were loaded";
  } catch (const office::OfficeError& error) {
    const std::string message = error.what();
    EXPECT_EQ(error.code(), office::OfficeError::Code::bad_input);
    EXPECT_NE(message.find("start.mustache: {{{authority}} would put a value into the page "
                           "unescaped"),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("sign_in.mustache: the console's page template is missing"),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("not_found.mustache: not valid Mustache"), std::string::npos) << message;
  }
}

// A real server on a free loopback port, with a stand-in for the npm install.
class ConsoleServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const fs::path assets = folder_.path() / "node_modules";
    write(assets / "govuk-frontend/dist/govuk/govuk-frontend.min.css", ".govuk{}");
    write(assets / "@ministryofjustice/frontend/moj/moj-frontend.min.css", ".moj{}");
    settings_.listen = {"127.0.0.1", 0};
    settings_.assets = assets;
    settings_.templates = fs::path(PANELPACK_SOURCE_DIR) / "templates" / "console";
    settings_.authority = "Testshire <County> Council";
    settings_.office_root = folder_.path() / "office";
  }

  // The status, the named header and the body of GET `path`.
  static std::tuple<int, std::string, std::string> get(std::uint16_t port, const std::string& path,
                                                       const std::string& header) {
    Poco::Net::HTTPClientSession session("127.0.0.1", port);
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, path,
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    session.sendRequest(request);
    Poco::Net::HTTPResponse response;
    std::istream& body = session.receiveResponse(response);
    std::ostringstream text;
    text << body.rdbuf();
    return {static_cast<int>(response.getStatus()), response.get(header, ""), text.str()};
  }

  TemporaryFolder folder_{"panelpack-console"};
  ServerSettings settings_;
};

TEST_F(ConsoleServerTest, AnswersWithSecurityHeadersAndStopsCleanly) {
  ConsoleServer server(settings_);
  const ListenAddress bound = server.start();
  ASSERT_NE(bound.port, 0);

  const auto [status, cache, html] = get(bound.port, "/", "Cache-Control");
  EXPECT_EQ(status, 200);
  EXPECT_EQ(cache, "no-store");
  EXPECT_NE(html.find("Testshire &lt;County&gt; Council"), std::string::npos);

  const auto [css_status, css_cache, css] =
      get(bound.port, "/assets/govuk/govuk-frontend.min.css", "Cache-Control");
  EXPECT_EQ(css_status, 200);
  EXPECT_EQ(css_cache, "public, max-age=3600");
  EXPECT_EQ(css, ".govuk{}");

  const auto [missing, csp, page] = get(bound.port, "/nothing", "Content-Security-Policy");
  EXPECT_EQ(missing, 404);
  EXPECT_EQ(csp, std::string(kContentSecurityPolicy));
  EXPECT_NE(page.find("Page not found"), std::string::npos);

  server.stop();
  EXPECT_THROW(get(bound.port, "/", "Cache-Control"), Poco::Exception);
}

TEST_F(ConsoleServerTest, BehindAProxyOnlyTheProxyIsAnswered) {
  settings_.proxy = "192.0.2.1";
  ConsoleServer server(settings_);
  const ListenAddress bound = server.start();
  const auto [status, frame, text] = get(bound.port, "/", "X-Frame-Options");
  EXPECT_EQ(status, 403);
  EXPECT_EQ(frame, "DENY");
  EXPECT_EQ(text, "The console answers only through its proxy.\n");
}

TEST_F(ConsoleServerTest, AProxyMustBeAnIpAddress) {
  settings_.proxy = "proxy.example";
  try {
    ConsoleServer server(settings_);
    FAIL() << "a proxy named by host name was taken";
  } catch (const office::OfficeError& error) {
    EXPECT_EQ(error.code(), office::OfficeError::Code::bad_argument);
    EXPECT_NE(std::string(error.what()).find("--behind-proxy proxy.example: not an IP address"),
              std::string::npos);
  }
}

TEST_F(ConsoleServerTest, AMissingInstallNamesTheScriptThatMakesIt) {
  settings_.assets = folder_.path() / "nowhere";
  try {
    ConsoleServer server(settings_);
    FAIL() << "a server started without its front-end files";
  } catch (const office::OfficeError& error) {
    EXPECT_EQ(error.code(), office::OfficeError::Code::machine_failure);
    EXPECT_NE(std::string(error.what()).find("bash scripts/install-frontend.sh"),
              std::string::npos);
  }
}

}  // namespace
}  // namespace panelpack::console
