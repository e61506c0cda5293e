// SPDX-License-Identifier: Apache-2.0
// The SM-DP+ service as `smdpp serve` runs it (and as the end-to-end tests start it
// in-process): the store, our certificates, the ES9+ function provider, the ES9+ HTTPS
// endpoint and the admin port (/healthz, /metrics). Construction is where configuration
// errors surface, each with a clear message; after start() everything serves until
// stop().
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "base/error.h"
#include "bus/dispatcher.h"
#include "bus/nats.h"
#include "core/clock.h"
#include "core/inventory_store.h"
#include "core/operator_store.h"
#include "core/outbox.h"
#include "core/profile_source.h"
#include "core/rsp_server.h"
#include "core/store.h"
#include "crypto/rng.h"
#include "http/server.h"
#include "pki/certificate_set.h"

namespace smdp::server {

struct ServiceConfig {
  core::RspServerConfig rsp;  // smdp_address is required
  // The store (store/sql_store.h): a SQLite file, or a postgresql:// URL of a database
  // migrated beforehand (`smdpp db migrate`).
  std::string database_path = "var/smdpp.db";
  // The ES9+ role (LPAs); false: no ES9+ listener in this process. With es2 absent,
  // dispatch false and housekeeping_interval zero, these are the roles of `smdpp serve
  // --roles` (every one by default).
  bool serve_es9 = true;
  pki::CertificateSetConfig certificates;   // CIs and DPauth/DPpb(/TLS) groups
  http::ServerConfig es9;                   // `tls` is filled from the certificates
  std::optional<http::ServerConfig> admin;  // plain HTTP; absent = no admin port
  // Directory of the data keys (core/key_provider.h). Without the "subscriptions" key,
  // inventory profiles cannot be downloaded (registered packages still can).
  std::string keys_dir = "var/keys";
  // Housekeeping period: pre-computed packages topped up, inventory events logged,
  // stock gauges refreshed, finished sessions purged. Zero: no housekeeping thread.
  std::chrono::seconds housekeeping_interval{10};
  // ES2+ for operators (HTTPS, mutual TLS with the operators' client CAs, our TLS
  // certificate); absent = no ES2+ listener. Operators added later need a restart to
  // have their CA trusted.
  std::optional<http::ServerConfig> es2;
  // Outbox delivery (HandleDownloadProgressInfo, ES12). requester_id defaults to the
  // SM-DP+ address and the client certificate to our TLS one. `dispatch` false: no
  // dispatcher thread in this process (another role delivers).
  bus::DispatcherConfig dispatcher;
  bool dispatch = true;
  // The message bus (bus/nats.h): absent, the dispatcher polls the outbox in the store
  // (the embedded default). Present: the relay role (`relay`) publishes the outbox and
  // the domain events to NATS JetStream (bus/relay.h), and the dispatcher (`dispatch`)
  // takes its work from there (bus/jetstream_dispatcher.h).
  std::optional<bus::NatsConfig> bus;
  bool relay = true;
  // The TLS profile of ES9+ and ES2+ (SGP.22 §2.6.6; http::TlsProfile has the defaults).
  // ES2+ lists es2_client_sigalgs in its CertificateRequest, so that operators' client
  // certificates and keys (RSA or ECDSA with SHA-2) keep working.
  http::TlsProfile tls;
  std::string es2_client_sigalgs = kEs2ClientSigalgs;
  static constexpr const char* kEs2ClientSigalgs =
      "ECDSA+SHA256:ECDSA+SHA384:ECDSA+SHA512:rsa_pss_rsae_sha256:rsa_pss_rsae_sha384:"
      "rsa_pss_rsae_sha512:RSA+SHA256:RSA+SHA384:RSA+SHA512";
};

class Service {
 public:
  // Opens the store (a SQLite file is migrated; a PostgreSQL database must be already),
  // loads and checks the certificates (valid at clock.now()), and starts the listeners
  // of its roles. TLS presents, per connection, the TLS
  // certificate on a curve the client lists (P-256 when it lists both; per curve, the
  // first credential group's): one listener serves P-256 and brainpoolP256r1 clients. `clock` and
  // `rng` must outlive the service.
  // The admin port's /readyz: the database answers and its schema is this build's, the
  // message bus (when configured) is connected, and the listeners run.
  static Result<std::unique_ptr<Service>> start(ServiceConfig config, const core::Clock& clock,
                                                crypto::Rng& rng);
  ~Service();

  std::uint16_t es9_port() const;
  std::uint16_t admin_port() const;  // 0 without an admin port
  std::uint16_t es2_port() const;    // 0 without ES2+
  core::Store& store();
  core::InventoryStore& inventory();
  core::ProfileSource& profiles();
  core::OperatorStore& operators();
  core::OutboxStore& outbox();
  bus::Dispatcher& dispatcher();
  // One housekeeping pass now (what the housekeeping thread runs periodically).
  void housekeeping();
  const pki::CertificateSet& certificates() const;

  // Graceful: in-flight ES9+/ES2+ calls finish within `grace`; the dispatcher finishes
  // the delivery in progress.
  void stop(std::chrono::seconds grace);

  struct Parts;  // the implementation's

 private:
  explicit Service(std::unique_ptr<Parts> parts);
  std::unique_ptr<Parts> parts_;
};

}  // namespace smdp::server
