// SPDX-License-Identifier: Apache-2.0
#include "server/service.h"

#include <atomic>
#include <map>

#include "base/key_use.h"
#include "base/log.h"
#include "bus/jetstream_dispatcher.h"
#include "bus/relay.h"
#include "core/key_provider.h"
#include "http/admin.h"
#include "http/metrics.h"
#include "http/process_metrics.h"
#include "server/es2_endpoint.h"
#include "server/es9_endpoint.h"
#include "server/housekeeping.h"
#include "store/pg_connection.h"
#include "store/sql_store.h"

namespace smdp::server {

// Members are destroyed in reverse order: whatever runs a thread (housekeeping, the
// servers, the dispatcher) is declared after what it uses, so it stops first.
struct Service::Parts {
  std::atomic<bool> stopping{false};  // set by stop(): /readyz then answers 503
  std::unique_ptr<store::SqlStore> store;
  std::unique_ptr<core::ProfileSource> profiles;
  std::unique_ptr<pki::CertificateSet> certificates;
  http::Registry metrics;
  std::unique_ptr<Housekeeping> housekeeping;
  std::unique_ptr<core::Callbacks> callbacks;
  std::unique_ptr<core::RspServer> rsp;
  std::unique_ptr<Es9Endpoint> endpoint;
  std::unique_ptr<http::Server> es9;
  std::unique_ptr<es2::Es2Functions> es2_functions;
  std::unique_ptr<Es2Endpoint> es2_endpoint;
  std::unique_ptr<http::Server> es2;
  std::unique_ptr<bus::Dispatcher> dispatcher;
  std::unique_ptr<bus::JetStream> bus;
  std::unique_ptr<bus::Relay> relay;
  std::unique_ptr<bus::JetStreamDispatcher> bus_dispatcher;
  std::unique_ptr<http::Server> admin;
};

namespace {

// CERT.DP.TLS of each curve, the first group's of that curve, P-256 first (a client that
// lists both curves gets it: OpenSSL 3.0 cannot sign with brainpool in TLS 1.3); `first`
// is set to the first group's (nullptr when no group has one).
std::vector<http::TlsCredential> tls_per_curve(const pki::CertificateSet& certificates,
                                               const pki::Credential*& first) {
  std::vector<http::TlsCredential> out;
  std::vector<crypto::Curve> curves;
  for (const Bytes& ski : certificates.signing_ci_skis()) {
    const pki::Credential* tls = certificates.tls_for(ski);
    if (tls == nullptr || std::ranges::find(curves, tls->cert.curve()) != curves.end()) continue;
    if (first == nullptr) first = tls;
    curves.push_back(tls->cert.curve());
    http::TlsCredential credential{{tls->cert.der()}, {}, tls->key.shared_pkey(), tls->key.label()};
    if (tls->cert.curve() == crypto::Curve::nist_p256)
      out.insert(out.begin(), std::move(credential));
    else
      out.push_back(std::move(credential));
  }
  return out;
}

// ES2+: the operators' functions behind mutual TLS (server/es2_endpoint.h).
Result<void> start_es2(Service::Parts& parts, ServiceConfig& config,
                       const std::vector<http::TlsCredential>& tls, const pki::Credential& first,
                       crypto::Rng& rng, const core::Clock& clock) {
  if (!config.es2) return {};
  auto cas = operator_client_cas(*parts.store);
  if (!cas) return std::unexpected(in_context(cas.error(), "operators"));
  if (cas->empty())
    log::warn("service.es2_no_operators",
              {{"hint", "no operator is configured: every ES2+ client is refused"}});
  config.es2->tls = http::TlsConfig{tls, {}, config.tls};
  config.es2->tls->profile.client_sigalgs = config.es2_client_sigalgs;
  // A CA nobody uses still makes the server ask for a certificate.
  config.es2->tls->client_ca_der = cas->empty() ? std::vector<Bytes>{first.cert.der()} : *cas;
  config.es2->metrics = &parts.metrics;
  std::vector<std::string> smds;
  for (const bus::SmdsEndpoint& s : config.dispatcher.smds) smds.push_back(s.address);
  parts.es2_functions =
      std::make_unique<es2::Es2Functions>(es2::Es2Config{config.rsp.smdp_address, std::move(smds)},
                                          *parts.store, *parts.store, rng, clock);
  parts.es2_endpoint =
      std::make_unique<Es2Endpoint>(*parts.es2_functions, *parts.store, clock, parts.metrics);
  Es2Endpoint* endpoint = parts.es2_endpoint.get();
  auto server = http::Server::start(
      *config.es2, [endpoint](const http::Request& r) { return endpoint->handle(r); });
  if (!server) return std::unexpected(in_context(server.error(), "ES2+ listener"));
  parts.es2 = std::move(*server);
  return {};
}

// The PostgreSQL engine's round trips and statements (store/pg_connection.h), per
// process: smdp_db_round_trips_total and smdp_db_statements_total (0 on SQLite).
void register_database_metrics(http::Registry& metrics) {
  http::Counter& trips =
      metrics.counter("smdp_db_round_trips_total", "Network round trips to PostgreSQL.");
  http::Counter& statements =
      metrics.counter("smdp_db_statements_total", "SQL statements run on PostgreSQL.");
  metrics.add_collector(
      [&trips, &statements, seen = std::make_shared<std::pair<std::uint64_t, std::uint64_t>>()] {
        const std::uint64_t t = store::pg_round_trips();
        const std::uint64_t s = store::pg_statements();
        trips.inc({}, static_cast<double>(t - seen->first));
        statements.inc({}, static_cast<double>(s - seen->second));
        *seen = {t, s};
      });
}

// What the SM-DP+'s private keys did (base/key_use.h): smdp_key_operations_total{key,
// operation}, e.g. {key="dpauth-prime256v1",operation="sign"}.
void register_key_metrics(http::Registry& metrics) {
  http::Counter& uses = metrics.counter(
      "smdp_key_operations_total",
      "Private-key operations by key (role-curve) and operation (sign, tls-handshake).",
      {"key", "operation"});
  metrics.add_collector([&uses, seen = std::make_shared<std::map<std::string, std::uint64_t>>()] {
    for (const KeyUse& u : key_uses()) {
      std::uint64_t& before = (*seen)[u.key + '\n' + u.operation];
      uses.inc({u.key, u.operation}, static_cast<double>(u.count - before));
      before = u.count;
    }
  });
}

// /readyz: the database answers with this build's schema, and the listeners run (they
// all started with the service; stop() stops them).
Result<void> ready(Service::Parts& parts) {
  if (parts.stopping)
    return std::unexpected(Error{std::make_error_code(std::errc::not_connected), "stopping"});
  if (parts.bus && !parts.bus->connected())
    return std::unexpected(
        Error{std::make_error_code(std::errc::not_connected), "message bus not connected"});
  return parts.store->check_ready();
}

// The bus's roles (ServiceConfig::bus): the relay, and the dispatcher consuming from the
// bus instead of polling the store.
Result<void> start_bus(Service::Parts& parts, const ServiceConfig& config,
                       const bus::NatsConfig& bus_config, const core::Clock& clock) {
  auto bus = bus::JetStream::connect(bus_config);
  if (!bus) return std::unexpected(in_context(bus.error(), "message bus"));
  parts.bus = std::move(*bus);
  if (parts.bus->connected()) {
    if (auto r = parts.bus->ensure_streams(); !r)
      return std::unexpected(in_context(r.error(), "message bus"));
  }
  if (config.relay) {
    parts.relay = std::make_unique<bus::Relay>(
        bus::RelayConfig{.holder = parts.housekeeping->holder(),
                         .outbox_lease = config.dispatcher.lease},
        *parts.bus, *parts.store, *parts.store, *parts.store, clock, &parts.metrics);
    parts.relay->start();
  }
  if (config.dispatch) {
    parts.bus_dispatcher = std::make_unique<bus::JetStreamDispatcher>(*parts.bus, *parts.dispatcher,
                                                                      *parts.store, &parts.metrics);
    parts.bus_dispatcher->start();
  }
  return {};
}

}  // namespace

Service::Service(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}
Service::~Service() { stop(std::chrono::seconds{0}); }

Result<std::unique_ptr<Service>> Service::start(ServiceConfig config, const core::Clock& clock,
                                                crypto::Rng& rng) {
  auto parts = std::make_unique<Parts>();
  auto store = store::SqlStore::open(config.database_path);
  if (!store) return std::unexpected(in_context(store.error(), "database"));
  parts->store = std::move(*store);
  auto certificates = pki::CertificateSet::load(config.certificates, clock.now());
  if (!certificates) return std::unexpected(in_context(certificates.error(), "certificates"));
  parts->certificates = std::make_unique<pki::CertificateSet>(std::move(*certificates));

  const pki::Credential* tls = nullptr;  // the first: the dispatcher's client certificate
  const std::vector<http::TlsCredential> tls_credentials = tls_per_curve(*parts->certificates, tls);
  if (tls == nullptr)
    return std::unexpected(Error{std::make_error_code(std::errc::invalid_argument),
                                 "no credential group has a TLS certificate (CERT.DP.TLS)"});
  config.es9.tls = http::TlsConfig{tls_credentials, {}, config.tls};
  config.es9.metrics = &parts->metrics;

  // The data key seals subscription secrets; without it only registered packages serve.
  std::optional<Bytes> data_key;
  core::FileKeyProvider keys(config.keys_dir);
  if (auto key = keys.key(core::kSubscriptionsKey))
    data_key = std::move(*key);
  else
    log::warn("service.no_data_key",
              {{"keysDir", config.keys_dir}, {"error", key.error().message()}});
  parts->profiles = std::make_unique<core::ProfileSource>(parts->store.get(), std::move(data_key));
  parts->callbacks = std::make_unique<core::Callbacks>(*parts->store, *parts->store, *parts->store);
  parts->rsp =
      std::make_unique<core::RspServer>(config.rsp, *parts->store, *parts->profiles,
                                        *parts->certificates, rng, clock, parts->callbacks.get());
  parts->housekeeping = std::make_unique<Housekeeping>(
      *parts->store, *parts->store, *parts->profiles, parts->metrics, rng, clock);
  parts->endpoint = std::make_unique<Es9Endpoint>(*parts->rsp, parts->metrics);
  Es9Endpoint* endpoint = parts->endpoint.get();
  if (config.serve_es9) {
    auto es9 = http::Server::start(
        config.es9, [endpoint](const http::Request& r) { return endpoint->handle(r); });
    if (!es9) return std::unexpected(in_context(es9.error(), "ES9+ listener"));
    parts->es9 = std::move(*es9);
  }
  if (auto r = start_es2(*parts, config, tls_credentials, *tls, rng, clock); !r)
    return std::unexpected(r.error());
  if (config.dispatcher.requester_id.empty())
    config.dispatcher.requester_id = config.rsp.smdp_address;
  if (config.dispatcher.client_certificate_chain_der.empty()) {
    config.dispatcher.client_certificate_chain_der = {tls->cert.der()};
    config.dispatcher.client_private_key = tls->key.shared_pkey();
  }
  parts->dispatcher = std::make_unique<bus::Dispatcher>(config.dispatcher, *parts->store,
                                                        *parts->store, clock, &parts->metrics);
  if (config.bus) {
    if (auto r = start_bus(*parts, config, *config.bus, clock); !r)
      return std::unexpected(r.error());
  } else if (config.dispatch) {
    parts->dispatcher->start();
  }
  if (config.admin) {
    http::register_process_metrics(parts->metrics);
    register_database_metrics(parts->metrics);
    register_key_metrics(parts->metrics);
    auto admin = http::Server::start(
        *config.admin,
        http::admin_handler(parts->metrics, [p = parts.get()] { return ready(*p); }));
    if (!admin) return std::unexpected(in_context(admin.error(), "admin listener"));
    parts->admin = std::move(*admin);
  }
  // Last: nothing runs in the background of a service that failed to start.
  if (config.housekeeping_interval.count() > 0)
    parts->housekeeping->start(config.housekeeping_interval);
  log::info("service.started",
            {{"smdpAddress", config.rsp.smdp_address},
             {"es9Port", parts->es9 ? std::to_string(parts->es9->port()) : ""},
             {"adminPort", parts->admin ? std::to_string(parts->admin->port()) : ""},
             {"es2Port", parts->es2 ? std::to_string(parts->es2->port()) : ""},
             {"database", store::redacted_location(config.database_path)},
             {"bus", config.bus ? bus::redacted_bus_url(config.bus->url) : ""}});
  return std::unique_ptr<Service>(new Service(std::move(parts)));
}

std::uint16_t Service::es9_port() const { return parts_->es9 ? parts_->es9->port() : 0; }
std::uint16_t Service::es2_port() const { return parts_->es2 ? parts_->es2->port() : 0; }
std::uint16_t Service::admin_port() const { return parts_->admin ? parts_->admin->port() : 0; }
core::Store& Service::store() { return *parts_->store; }
core::InventoryStore& Service::inventory() { return *parts_->store; }
core::ProfileSource& Service::profiles() { return *parts_->profiles; }
core::OperatorStore& Service::operators() { return *parts_->store; }
core::OutboxStore& Service::outbox() { return *parts_->store; }
bus::Dispatcher& Service::dispatcher() { return *parts_->dispatcher; }
void Service::housekeeping() { parts_->housekeeping->run_once(); }
const pki::CertificateSet& Service::certificates() const { return *parts_->certificates; }

void Service::stop(std::chrono::seconds grace) {
  parts_->stopping = true;
  if (parts_->housekeeping) parts_->housekeeping->stop();
  if (parts_->es9) parts_->es9->stop(grace);
  if (parts_->es2) parts_->es2->stop(grace);
  if (parts_->bus_dispatcher) parts_->bus_dispatcher->stop();
  if (parts_->relay) parts_->relay->stop();
  if (parts_->dispatcher) parts_->dispatcher->stop();
  if (parts_->admin) parts_->admin->stop(std::chrono::seconds{0});
}

}  // namespace smdp::server
