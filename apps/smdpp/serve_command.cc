// SPDX-License-Identifier: Apache-2.0
// `smdpp serve`: the SM-DP+ until SIGTERM/SIGINT, with the roles --roles names (default
// all, on embedded defaults: SQLite, key files): es9 (ES9+ over HTTPS), es2 (ES2+ over
// HTTPS), dispatcher (the outbox: callbacks to operators, ES12 to SM-DSs), housekeeping,
// relay (with --bus: the outbox and domain events to NATS JetStream); and the admin port.
// Several instances with some roles each share one PostgreSQL database (--database
// postgresql://...) and, with --bus nats://..., one message bus.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <thread>

#include "base/log.h"
#include "base/strings.h"
#include "commands.h"
#include "core/clock.h"
#include "crypto/rng.h"
#include "http/server.h"
#include "pki/certificate.h"
#include "serve_hardening.h"
#include "server/service.h"
#include "service_options.h"
#include "store/sql_store.h"
#include "tls_options.h"
#include "token_options.h"

namespace smdpp {
namespace {

namespace fs = std::filesystem;
using namespace smdp;

struct ServeOptions {
  DataOptions data;
  std::string pki_dir;  // default <data_dir>/pki
  std::vector<std::string> ci_certs;
  std::vector<std::string>
      credentials;  // "dpauth.der,dpauth.key,dppb.der,dppb.key[,tls.der,tls.key]"
  std::string listen = "127.0.0.1:8443";
  std::string admin_listen = "127.0.0.1:8080";
  unsigned session_ttl = 600;
  unsigned retry_window = 24 * 3600;
  unsigned matching_id_failures = 10;
  unsigned matching_id_window = 3600;
  std::string binding = "session-keys";
  unsigned threads = 0;
  std::string log_level = "info";
  std::string keys_dir;             // default <data_dir>/keys
  std::string key_passphrase_file;  // pass-phrase of encrypted PEM key files
  unsigned housekeeping = 10;
  std::string es2_listen = "127.0.0.1:8444";
  std::vector<std::string> smds;  // ADDRESS=URL
  std::vector<std::string> smds_cas;
  unsigned outbox_poll_ms = 1000;
  unsigned outbox_backoff = 2;
  unsigned outbox_max_backoff = 600;
  unsigned outbox_give_up = 72 * 3600;
  unsigned outbox_lease = 120;
  bool dispatch = true;
  std::string bus;                      // nats://...; empty: the dispatcher polls the store
  std::vector<std::string> proxy_from;  // load balancers sending PROXY v2
  std::vector<std::string> roles = {"es9", "es2", "dispatcher", "housekeeping", "relay"};
  bool roles_given = false;
  TlsOptions tls;
  TokenOptions token;
};

std::expected<std::pair<std::string, std::uint16_t>, std::string> host_port(const std::string& s) {
  const auto colon = s.rfind(':');
  if (colon == std::string::npos) return std::unexpected("'" + s + "' is not HOST:PORT");
  try {
    const unsigned long port = std::stoul(s.substr(colon + 1));
    if (port > 65535) throw std::out_of_range("port");
    return std::pair{s.substr(0, colon), static_cast<std::uint16_t>(port)};
  } catch (const std::exception&) {
    return std::unexpected("'" + s + "' has no valid port");
  }
}

// The certificate set: explicit files, or the `smdpp pki init` layout
// (<pki>/{nist,brp}/{ci,dpauth,dppb,tls}.der + .key.pem).
std::expected<pki::CertificateSetConfig, std::string> certificate_config(const ServeOptions& o) {
  pki::CertificateSetConfig c;
  if (!o.credentials.empty() || !o.ci_certs.empty()) {
    c.ci_certs = o.ci_certs;
    for (const auto& group : o.credentials) {
      const std::vector<std::string> f = split_list(group);
      if (f.size() != 4 && f.size() != 6)
        return std::unexpected("--credentials needs 4 or 6 comma-separated files: " + group);
      c.credentials.push_back(
          {f[0], f[1], f[2], f[3], f.size() == 6 ? f[4] : "", f.size() == 6 ? f[5] : ""});
    }
    return c;
  }
  const fs::path pki = o.pki_dir.empty() ? fs::path(o.data.data_dir) / "pki" : fs::path(o.pki_dir);
  for (const char* curve : {"nist", "brp"}) {
    const fs::path d = pki / curve;
    if (!fs::exists(d / "ci.der")) continue;
    c.ci_certs.push_back(d / "ci.der");
    c.credentials.push_back({d / "dpauth.der", d / "dpauth.key.pem", d / "dppb.der",
                             d / "dppb.key.pem", fs::exists(d / "tls.der") ? d / "tls.der" : "",
                             fs::exists(d / "tls.der") ? d / "tls.key.pem" : ""});
  }
  if (c.ci_certs.empty())
    return std::unexpected("no PKI in " + pki.string() + " (run `smdpp pki init --out " +
                           pki.string() + "`)");
  return c;
}

// certificate_config() with the keys in the token (--pkcs11-module, --dpauth-key ...).
std::expected<pki::CertificateSetConfig, std::string> certificates_with_token(
    const ServeOptions& o) {
  auto c = certificate_config(o);
  if (!c) return c;
  if (auto held = add_token_keys(o.token, *c); !held) return std::unexpected(held.error());
  return c;
}

// The SM-DSs we may register events with (ES12, SGP.22 §5.8): "ADDRESS=URL" or
// "ADDRESS" (URL https://ADDRESS); their TLS certificates chain to --smds-ca, else to
// our trusted CIs (the SM-DS's CERT.DS.TLS is issued under the GSMA CI, §4.5.2).
std::expected<std::vector<bus::SmdsEndpoint>, std::string> smds_endpoints(
    const ServeOptions& o, const pki::CertificateSetConfig& certs) {
  std::vector<Bytes> cas;
  for (const std::string& file : o.smds_cas.empty() ? certs.ci_certs : o.smds_cas) {
    auto cert = pki::Certificate::from_file(file);
    if (!cert) return std::unexpected(file + ": " + cert.error().message());
    cas.push_back(cert->der());
  }
  std::vector<bus::SmdsEndpoint> out;
  for (const std::string& entry : o.smds) {
    const auto eq = entry.find('=');
    bus::SmdsEndpoint e;
    e.address = entry.substr(0, eq);
    e.url = eq == std::string::npos ? "https://" + e.address : entry.substr(eq + 1);
    if (e.address.empty() || !e.url.starts_with("https://"))
      return std::unexpected("--smds '" + entry + "': ADDRESS[=https://HOST[:PORT]]");
    e.trusted_ca_der = cas;
    out.push_back(std::move(e));
  }
  return out;
}

std::string config_es2_host(const ServeOptions& o) {
  return o.es2_listen.substr(0, o.es2_listen.rfind(':'));
}

int serve(const ServeOptions& o) {
  harden_process();
  if (o.log_level == "debug") log::set_level(log::Level::debug);
  if (o.log_level == "warn") log::set_level(log::Level::warn);
  server::ServiceConfig config;
  config.rsp.smdp_address = o.data.smdp_address;
  config.rsp.session_ttl = std::chrono::seconds{o.session_ttl};
  config.rsp.retry_window = std::chrono::seconds{o.retry_window};
  config.rsp.guess_limit = {.max_failures = static_cast<int>(o.matching_id_failures),
                            .window = std::chrono::seconds{o.matching_id_window}};
  config.rsp.binding_mode =
      o.binding == "ppk" ? core::BindingMode::ppk : core::BindingMode::session_keys;
  config.database_path = o.data.database_path();
  const auto has_role = [&](std::string_view r) {
    return std::ranges::find(o.roles, r) != o.roles.end();
  };
  config.serve_es9 = has_role("es9");
  config.keys_dir = o.keys_dir.empty() ? o.data.data_dir + "/keys" : o.keys_dir;
  config.housekeeping_interval =
      std::chrono::seconds{has_role("housekeeping") ? o.housekeeping : 0};
  auto certs = certificates_with_token(o);
  if (!certs) return std::cerr << "smdpp serve: " << certs.error() << "\n", 1;
  config.certificates = std::move(*certs);
  config.certificates.key_files.owner_only = true;
  if (!o.key_passphrase_file.empty()) {
    auto passphrase = read_passphrase_file(o.key_passphrase_file);
    if (!passphrase) return std::cerr << "smdpp serve: " << passphrase.error() << "\n", 1;
    config.certificates.key_files.passphrase = std::move(*passphrase);
  }
  if (auto db = check_database_private(config.database_path); !db)
    return std::cerr << "smdpp serve: " << db.error() << "\n", 1;
  auto es9 = host_port(o.listen);
  if (!es9) return std::cerr << "smdpp serve: --listen " << es9.error() << "\n", 2;
  config.es9.address = es9->first;
  config.es9.port = es9->second;
  config.es9.threads = o.threads;
  config.es9.proxy_protocol_from = o.proxy_from;
  if (o.admin_listen != "off") {
    auto admin = host_port(o.admin_listen);
    if (!admin) return std::cerr << "smdpp serve: --admin-listen " << admin.error() << "\n", 2;
    config.admin = http::ServerConfig{};
    config.admin->address = admin->first;
    config.admin->port = admin->second;
    config.admin->threads = 2;
  }
  if (o.es2_listen != "off" && has_role("es2")) {
    auto es2 = host_port(o.es2_listen);
    if (!es2) return std::cerr << "smdpp serve: --es2-listen " << es2.error() << "\n", 2;
    config.es2 = http::ServerConfig{};
    config.es2->address = es2->first;
    config.es2->port = es2->second;
    config.es2->threads = 2;
    config.es2->proxy_protocol_from = o.proxy_from;
  }
  auto smds = smds_endpoints(o, config.certificates);
  if (!smds) return std::cerr << "smdpp serve: " << smds.error() << "\n", 2;
  config.dispatcher.smds = std::move(*smds);
  config.dispatcher.poll_interval = std::chrono::milliseconds{o.outbox_poll_ms};
  config.dispatcher.initial_backoff = std::chrono::seconds{o.outbox_backoff};
  config.dispatcher.max_backoff = std::chrono::seconds{o.outbox_max_backoff};
  config.dispatcher.give_up_after = std::chrono::seconds{o.outbox_give_up};
  config.dispatcher.lease = std::chrono::seconds{o.outbox_lease};
  config.dispatch = o.dispatch && has_role("dispatcher");
  if (!o.bus.empty()) {
    config.bus = bus::NatsConfig{.url = o.bus};
    config.bus->ack_wait = std::chrono::seconds{o.outbox_lease / 2 > 0 ? o.outbox_lease / 2 : 1};
  } else if (o.roles_given && has_role("relay")) {
    return std::cerr << "smdpp serve: the relay role needs --bus nats://...\n", 2;
  }
  config.relay = has_role("relay");
  config.tls = o.tls.tls;
  config.es2_client_sigalgs = o.tls.es2_client_sigalgs;
  if (!store::is_postgresql_url(config.database_path)) {
    std::error_code ec;
    fs::create_directories(fs::path(config.database_path).parent_path(), ec);
  }

  static const core::SystemClock clock;
  auto service = server::Service::start(std::move(config), clock, crypto::system_rng());
  if (!service) return std::cerr << "smdpp serve: " << service.error().message() << "\n", 1;
  // "SM-DP+ <address>: ES9+ on ..., ES2+ on ..., admin on port N" (what runs here).
  std::vector<std::string> parts;
  if ((*service)->es9_port() != 0)
    parts.push_back("ES9+ on https://" + es9->first + ":" + std::to_string((*service)->es9_port()) +
                    "/gsma/rsp2/es9plus/");
  if ((*service)->es2_port() != 0)
    parts.push_back("ES2+ on https://" + config_es2_host(o) + ":" +
                    std::to_string((*service)->es2_port()) + "/gsma/rsp2/es2plus/");
  if ((*service)->admin_port() != 0)
    parts.push_back("admin on port " + std::to_string((*service)->admin_port()));
  std::cout << "SM-DP+ " << o.data.smdp_address << ":";
  for (std::size_t i = 0; i < parts.size(); ++i) std::cout << (i == 0 ? " " : ", ") << parts[i];
  std::cout << std::endl;
  http::wait_for_termination_signal();
  std::cout << "smdpp serve: stopping" << std::endl;
  (*service)->stop(std::chrono::seconds{10});
  return 0;
}

}  // namespace

int serve_main(int argc, char** argv) {
  CLI::App app("Run the SM-DP+ (ES9+, ES2+, outbox, admin port) until SIGTERM.", "smdpp serve");
  ServeOptions o;
  app.set_config("--config", "", "read options from a TOML/INI file");
  add_data_options(app, o.data);
  add_tls_options(app, o.tls);
  add_token_options(app, o.token);
  app.add_option("--pki", o.pki_dir, "PKI directory from `smdpp pki init` (default <data-dir>/pki)")
      ->envname("SMDPP_PKI");
  app.add_option("--ci-cert", o.ci_certs, "a trusted CI certificate (repeatable)");
  app.add_option("--credentials", o.credentials,
                 "DPAUTH_CERT,DPAUTH_KEY,DPPB_CERT,DPPB_KEY[,TLS_CERT,TLS_KEY] (repeatable)");
  app.add_option("--key-passphrase-file", o.key_passphrase_file,
                 "pass-phrase of encrypted PEM key files (first line; mode 0600)")
      ->envname("SMDPP_KEY_PASSPHRASE_FILE");
  app.add_option("--listen", o.listen, "ES9+ HTTPS listen address")
      ->envname("SMDPP_LISTEN")
      ->capture_default_str();
  app.add_option("--admin-listen", o.admin_listen, "admin HTTP listen address, or off")
      ->envname("SMDPP_ADMIN_LISTEN")
      ->capture_default_str();
  app.add_option("--session-ttl", o.session_ttl, "RSP session lifetime, seconds")
      ->envname("SMDPP_SESSION_TTL")
      ->capture_default_str();
  app.add_option("--retry-window", o.retry_window,
                 "seconds an order's Bound Profile Package is kept for a retry with the same "
                 "one-time key (SGP.22 3.1.3.2)")
      ->envname("SMDPP_RETRY_WINDOW")
      ->capture_default_str();
  app.add_option("--matching-id-failures", o.matching_id_failures,
                 "unknown matchingIds per EID within --matching-id-window before the EID is "
                 "refused for that long (0: no limit)")
      ->check(CLI::Range(0U, 1'000'000U))
      ->envname("SMDPP_MATCHING_ID_FAILURES")
      ->capture_default_str();
  app.add_option("--matching-id-window", o.matching_id_window,
                 "seconds: the window the failures are counted in, and the block after them")
      ->check(CLI::Range(1U, 30U * 24 * 3600))
      ->envname("SMDPP_MATCHING_ID_WINDOW")
      ->capture_default_str();
  app.add_option("--binding", o.binding, "session-keys or ppk")
      ->check(CLI::IsMember({"session-keys", "ppk"}))
      ->envname("SMDPP_BINDING")
      ->capture_default_str();
  app.add_option("--threads", o.threads, "handler threads (0: one per core)")
      ->envname("SMDPP_THREADS");
  app.add_option("--keys-dir", o.keys_dir, "data keys (default <data-dir>/keys)")
      ->envname("SMDPP_KEYS_DIR");
  app.add_option("--housekeeping", o.housekeeping,
                 "seconds between housekeeping passes: precompute, stock, purge (0: off)")
      ->envname("SMDPP_HOUSEKEEPING")
      ->capture_default_str();
  app.add_option("--es2-listen", o.es2_listen,
                 "ES2+ HTTPS listen address (operators, mutual TLS), or off")
      ->envname("SMDPP_ES2_LISTEN")
      ->capture_default_str();
  app.add_option("--smds", o.smds,
                 "an SM-DS orders may name: ADDRESS[=https://HOST[:PORT]] (repeatable)")
      ->envname("SMDPP_SMDS");
  app.add_option("--smds-ca", o.smds_cas,
                 "CA certificate for the SM-DSs' TLS (repeatable; default: the trusted CIs)")
      ->envname("SMDPP_SMDS_CA");
  app.add_option("--outbox-poll-ms", o.outbox_poll_ms, "outbox polling period, milliseconds")
      ->envname("SMDPP_OUTBOX_POLL_MS")
      ->capture_default_str();
  app.add_option("--outbox-backoff", o.outbox_backoff, "first retry delay, seconds (doubles)")
      ->envname("SMDPP_OUTBOX_BACKOFF")
      ->capture_default_str();
  app.add_option("--outbox-max-backoff", o.outbox_max_backoff, "longest retry delay, seconds")
      ->envname("SMDPP_OUTBOX_MAX_BACKOFF")
      ->capture_default_str();
  app.add_option("--outbox-give-up", o.outbox_give_up,
                 "seconds after which an undelivered message becomes undeliverable")
      ->envname("SMDPP_OUTBOX_GIVE_UP")
      ->capture_default_str();
  app.add_option("--outbox-lease", o.outbox_lease,
                 "seconds a claimed message is reserved for this process's delivery; after a "
                 "crash it is retried when the lease ends")
      ->envname("SMDPP_OUTBOX_LEASE")
      ->capture_default_str();
  CLI::Option* roles =
      app.add_option("--roles", o.roles,
                     "what this instance does: es9, es2, dispatcher, housekeeping, relay "
                     "(comma-separated; default all; relay needs --bus)")
          ->delimiter(',')
          ->check(CLI::IsMember({"es9", "es2", "dispatcher", "housekeeping", "relay"}))
          ->envname("SMDPP_ROLES");
  app.add_option("--bus", o.bus,
                 "NATS JetStream URL (nats://host:4222, several comma-separated): the relay "
                 "publishes the outbox and domain events there and dispatchers consume them; "
                 "default: none (the dispatcher polls the database)")
      ->envname("SMDPP_BUS");
  app.add_option("--proxy-protocol-from", o.proxy_from,
                 "IP addresses of load balancers that send the PROXY protocol v2 header "
                 "(HAProxy send-proxy-v2) on the ES9+ and ES2+ listeners; their header is "
                 "required and names the client (comma-separated; default none)")
      ->delimiter(',')
      ->envname("SMDPP_PROXY_PROTOCOL_FROM");
  app.add_flag("!--no-dispatch", o.dispatch,
               "do not deliver the outbox from this process (another one does)")
      ->envname("SMDPP_NO_DISPATCH");
  app.add_option("--log-level", o.log_level, "debug, info or warn")
      ->check(CLI::IsMember({"debug", "info", "warn"}))
      ->envname("SMDPP_LOG_LEVEL");
  return smdp::cli::run(app, argc, argv, [&] {
    o.roles_given = roles->count() > 0;
    return serve(o);
  });
}

}  // namespace smdpp
