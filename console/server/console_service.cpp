// The console module (libpanelpack_console_server.so): the HTTP server on Poco::Net, with TLS
// through Poco NetSSL and OpenSSL. console_server.cpp loads it when `panelpack serve` starts a
// server, so that the other commands start without those libraries.

#include "console/server/console_service.hpp"

#include <system_error>

#include <openssl/ssl.h>

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/ThreadPool.h>

#include "console/server/page_templates.hpp"
#include "console/server/request_routes.hpp"
#include "console/server/sign_in_throttle.hpp"
#include "console/server/static_files.hpp"
#include "office/console/console_store.hpp"
#include "office/error.hpp"

namespace panelpack::console {

namespace fs = std::filesystem;
using office::OfficeError;

namespace {

constexpr const char* kServiceName = "Permanence panel office";

// The design systems' folders inside node_modules, by the URL prefix they are served under.
constexpr const char* kGovukFolder = "govuk-frontend/dist/govuk";
constexpr const char* kMojFolder = "@ministryofjustice/frontend/moj";

void require_installed(const fs::path& assets, const fs::path& file) {
  std::error_code error;
  if (fs::is_regular_file(assets / file, error)) return;
  throw OfficeError(OfficeError::Code::machine_failure,
                    assets.string() + ": the console's front-end files are not installed (no " +
                        file.string() +
                        "); run 'bash scripts/install-frontend.sh' in panelpack's source "
                        "folder, or name the folder they are in with --assets DIR");
}

StaticFiles static_files(const ServerSettings& settings) {
  require_installed(settings.assets, fs::path(kGovukFolder) / "govuk-frontend.min.css");
  require_installed(settings.assets, fs::path(kMojFolder) / "moj-frontend.min.css");
  StaticFiles files;
  // GDS Transport is licensed for gov.uk services only: its fonts are never served.
  files.mount("/assets/govuk/", settings.assets / kGovukFolder, {"assets/fonts"});
  files.mount("/assets/moj/", settings.assets / kMojFolder);
  files.mount("/assets/console/", settings.templates / "static");
  return files;
}

std::optional<Poco::Net::IPAddress> proxy_address(const std::optional<std::string>& proxy) {
  if (!proxy) return std::nullopt;
  Poco::Net::IPAddress address;
  if (!Poco::Net::IPAddress::tryParse(*proxy, address)) {
    throw OfficeError(OfficeError::Code::bad_argument,
                      "--behind-proxy " + *proxy +
                          ": not an IP address; name the proxy's "
                          "address as it connects, such as 127.0.0.1");
  }
  return address;
}

// Mozilla's "intermediate" TLS 1.2 ciphers: forward secrecy and AEAD only (TLS 1.3's own
// suites are OpenSSL's defaults, all of them modern).
constexpr const char* kTls12Ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
    "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

// The server's TLS context: the certificate and key, TLS 1.2 at least, no compression (CRIME).
Poco::Net::Context::Ptr tls_context(const ServerSettings& settings) {
  Poco::Net::initializeSSL();
  try {
    Poco::Net::Context::Ptr context =
        new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, settings.tls_key->string(),
                               settings.tls_certificate->string(), "",
                               Poco::Net::Context::VERIFY_NONE, 9, false, kTls12Ciphers);
    context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
    SSL_CTX_set_options(context->sslContext(),
                        SSL_OP_NO_COMPRESSION | SSL_OP_CIPHER_SERVER_PREFERENCE);
    return context;
  } catch (const Poco::Exception& error) {
    throw OfficeError(OfficeError::Code::bad_input,
                      "--tls-cert " + settings.tls_certificate->string() + " --tls-key " +
                          settings.tls_key->string() +
                          ": cannot be used for TLS: " + error.displayText() +
                          "; give a PEM certificate and its unencrypted PEM private key");
  }
}

office::console::ConsolePolicy policy_of(const ServerSettings& settings) {
  office::console::ConsolePolicy policy;
  policy.session_idle = settings.session_idle;
  return policy;
}

struct Running {
  Running(PageTemplates pages_, StaticFiles files_, const ServerSettings& settings)
      : pages(std::move(pages_)),
        files(std::move(files_)),
        proxy(proxy_address(settings.proxy)),
        store(settings.office_root, settings.panel_ids, office::console::system_now,
              policy_of(settings)) {}

  PageTemplates pages;
  StaticFiles files;
  std::optional<Poco::Net::IPAddress> proxy;
  office::console::ConsoleStore store;
  SignInThrottle throttle;
  HashGate hashes;
  PackJobs pack_jobs;
  // The server's own pool, so that stop() can wait for its threads and no others.
  Poco::ThreadPool pool{2, 16};
  std::unique_ptr<Poco::Net::HTTPServer> server;
};

// The server behind ConsoleServer, which has checked the settings before loading the module.
class Service final : public ConsoleService {
 public:
  explicit Service(ServerSettings settings) : settings_(std::move(settings)) {
    auto files = static_files(settings_);
    auto pages = PageTemplates::load(settings_.templates);
    running_ = std::make_unique<Running>(std::move(pages), std::move(files), settings_);
  }
  ~Service() override { stop(); }

  ListenAddress start() override {
    Running& running = *running_;
    Poco::Net::ServerSocket socket;
    if (settings_.tls_certificate && settings_.tls_key) {
      socket = Poco::Net::SecureServerSocket(tls_context(settings_));
    }
    try {
      socket.bind(Poco::Net::SocketAddress(settings_.listen.host, settings_.listen.port),
                  /*reuseAddress=*/true);
      socket.listen(64);
    } catch (const Poco::Exception& error) {
      throw OfficeError(OfficeError::Code::machine_failure,
                        "--listen " + settings_.listen.to_string() + ": cannot listen there: " +
                            error.displayText() + "; choose another port, or stop what uses it");
    }
    auto params = Poco::makeAuto<Poco::Net::HTTPServerParams>();
    params->setMaxThreads(16);
    params->setMaxQueued(64);
    params->setTimeout(Poco::Timespan(30, 0));           // a request must arrive within 30 s
    params->setKeepAliveTimeout(Poco::Timespan(10, 0));  // idle connections close after 10 s
    // Secure cookies when the browser's connection is TLS: the console's own, or the proxy's.
    const bool secure = settings_.tls_certificate.has_value() || running.proxy.has_value();
    ConsoleSite site{
        running.pages,     running.files,    OfficeHeading{kServiceName, settings_.authority},
        running.proxy,     running.store,    running.throttle,
        running.hashes,    secure,           settings_.office_root,
        settings_.machine, running.pack_jobs};
    running.server = std::make_unique<Poco::Net::HTTPServer>(
        Poco::makeShared<RequestRoutes>(std::move(site)), running.pool, socket, params);
    running.server->start();
    return ListenAddress{settings_.listen.host, socket.address().port()};
  }

  void stop() override {
    if (!running_ || !running_->server) return;
    // Not aborting: each connection's request in flight finishes, then its socket is shut.
    running_->server->stopAll(false);
    running_->pool.joinAll();
    // A pack being built is finished, not cut: its folder is replaced only when it is whole.
    running_->pack_jobs.wait_all();
    running_->server.reset();
  }

 private:
  ServerSettings settings_;
  std::unique_ptr<Running> running_;
};

}  // namespace
}  // namespace panelpack::console

panelpack::console::ConsoleService* panelpack_console_service(
    const panelpack::console::ServerSettings* settings) {
  return new panelpack::console::Service(*settings);
}
