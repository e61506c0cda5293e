// SPDX-License-Identifier: Apache-2.0
#include "server/service.h"

#include "base/log.h"
#include "http/admin.h"
#include "http/metrics.h"
#include "server/es9_endpoint.h"
#include "store/sqlite_store.h"

namespace smdp::server {

struct Service::Parts {
  std::unique_ptr<core::Store> store;
  std::unique_ptr<pki::CertificateSet> certificates;
  http::Registry metrics;
  std::unique_ptr<core::RspServer> rsp;
  std::unique_ptr<Es9Endpoint> endpoint;
  std::unique_ptr<http::Server> es9;
  std::unique_ptr<http::Server> admin;
};

Service::Service(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}
Service::~Service() { stop(std::chrono::seconds{0}); }

Result<std::unique_ptr<Service>> Service::start(ServiceConfig config, const core::Clock& clock,
                                                crypto::Rng& rng) {
  auto parts = std::make_unique<Parts>();
  auto store = store::SqliteStore::open(config.database_path);
  if (!store) return std::unexpected(in_context(store.error(), "database " + config.database_path));
  parts->store = std::move(*store);
  auto certificates = pki::CertificateSet::load(config.certificates, clock.now());
  if (!certificates) return std::unexpected(in_context(certificates.error(), "certificates"));
  parts->certificates = std::make_unique<pki::CertificateSet>(std::move(*certificates));

  const pki::Credential* tls = nullptr;
  for (const Bytes& ski : parts->certificates->signing_ci_skis()) {
    tls = parts->certificates->tls_for(ski);
    if (tls != nullptr) break;
  }
  if (tls == nullptr)
    return std::unexpected(Error{std::make_error_code(std::errc::invalid_argument),
                                 "no credential group has a TLS certificate (CERT.DP.TLS)"});
  config.es9.tls = http::TlsConfig{{tls->cert.der()}, tls->key.to_pem()};
  config.es9.metrics = &parts->metrics;

  parts->rsp = std::make_unique<core::RspServer>(config.rsp, *parts->store, *parts->certificates,
                                                 rng, clock);
  parts->endpoint = std::make_unique<Es9Endpoint>(*parts->rsp, parts->metrics);
  Es9Endpoint* endpoint = parts->endpoint.get();
  auto es9 = http::Server::start(
      config.es9, [endpoint](const http::Request& r) { return endpoint->handle(r); });
  if (!es9) return std::unexpected(in_context(es9.error(), "ES9+ listener"));
  parts->es9 = std::move(*es9);
  if (config.admin) {
    auto admin = http::Server::start(
        *config.admin, http::admin_handler(parts->metrics, [store = parts->store.get()] {
          return store->get_session(ByteView{}).has_value();  // the database answers
        }));
    if (!admin) return std::unexpected(in_context(admin.error(), "admin listener"));
    parts->admin = std::move(*admin);
  }
  log::info("service.started",
            {{"smdpAddress", config.rsp.smdp_address},
             {"es9Port", std::to_string(parts->es9->port())},
             {"adminPort", parts->admin ? std::to_string(parts->admin->port()) : ""},
             {"database", config.database_path}});
  return std::unique_ptr<Service>(new Service(std::move(parts)));
}

std::uint16_t Service::es9_port() const { return parts_->es9 ? parts_->es9->port() : 0; }
std::uint16_t Service::admin_port() const { return parts_->admin ? parts_->admin->port() : 0; }
core::Store& Service::store() { return *parts_->store; }
const pki::CertificateSet& Service::certificates() const { return *parts_->certificates; }

void Service::stop(std::chrono::seconds grace) {
  if (parts_->es9) parts_->es9->stop(grace);
  if (parts_->admin) parts_->admin->stop(std::chrono::seconds{0});
}

}  // namespace smdp::server
