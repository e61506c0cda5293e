// SPDX-License-Identifier: Apache-2.0
// The outbox dispatcher (DESIGN.md "dispatcher: outbox -> MNO, SM-DS"): delivers each
// outbox message (core/outbox.h) at least once, in order per ordering key (the ICCID),
// over HTTPS with our TLS client certificate:
//   es2   POST <operator callback_url>/gsma/rsp2/es2plus/handleDownloadProgressInfo,
//         the server certificate chaining to the operator's callback_ca;
//   es12  POST <SM-DS url>/gsma/rsp2/es12/<registerEvent|deleteEvent>, the server
//         certificate chaining to the SM-DS's configured CAs.
// The request header is added here: functionRequesterIdentifier = config requester_id,
// functionCallIdentifier = "<requester_id>:<message id>:<created_at>", the same on
// every retry, so the receiver can drop duplicates.
//
// Outcomes: HTTP 204, or 200 with Executed-Success/-WithWarning (or no body): delivered.
// 200 with Failed: undeliverable at once (the peer refused it; retrying cannot help),
// except ES12 RegisterEvent answered 8.9.5/3.3 (event exists) and DeleteEvent answered
// 8.9.5/3.9 (no such event), which mean an earlier attempt got through: delivered.
// Anything else (no answer, TLS failure, another HTTP status): retried after
// initial_backoff * 2^(attempts-1), capped at max_backoff, until the message is older
// than give_up_after; then undeliverable. Undeliverable messages stay in the outbox,
// visible to the operator (`smdpp outbox list`) and re-queueable (`smdpp outbox retry`).
//
// Several dispatchers (processes) may share one store: claims are leased. A message
// whose lease expires (its dispatcher died mid-delivery) is delivered again: at least
// once.
#pragma once

#include <openssl/types.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "base/bytes.h"
#include "bus/delivery.h"
#include "bus/poller.h"
#include "core/clock.h"
#include "core/operator_store.h"
#include "core/outbox.h"
#include "http/metrics.h"

namespace smdp::bus {

struct SmdsEndpoint {
  std::string address;                // as orders name it (smdsAddress), case-insensitive
  std::string url;                    // base URL, default "https://<address>"
  std::vector<Bytes> trusted_ca_der;  // its TLS certificate chains to one of these
};

struct DispatcherConfig {
  std::string requester_id;  // our functionRequesterIdentifier (the SM-DP+ address)
  std::vector<Bytes> client_certificate_chain_der;  // our TLS client certificate, leaf first
  std::shared_ptr<EVP_PKEY> client_private_key;     // its key (http::ClientConfig)
  std::vector<SmdsEndpoint> smds;
  std::chrono::milliseconds poll_interval{1000};
  std::chrono::seconds lease{120};
  std::chrono::seconds initial_backoff{2};
  std::chrono::seconds max_backoff{600};
  std::chrono::seconds give_up_after{std::chrono::hours{72}};
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds timeout{15000};
  std::size_t batch = 64;
};

class Dispatcher {
 public:
  // All references must outlive the dispatcher; `metrics` may be null.
  Dispatcher(DispatcherConfig config, core::OutboxStore& outbox, core::OperatorStore& operators,
             const core::Clock& clock, http::Registry* metrics);
  ~Dispatcher();
  Dispatcher(const Dispatcher&) = delete;
  Dispatcher& operator=(const Dispatcher&) = delete;

  // One pass: claims the due messages and tries each once. Returns how many were
  // delivered. Not concurrently with itself (the background thread calls it).
  int run_once();

  // One delivery attempt of a message claimed by this process or, with a bus, handed
  // over by the relay (bus/jetstream_dispatcher.h); its outcome recorded in the outbox
  // (finish_outbox: the lease dropped). Not concurrently with itself.
  Verdict attempt(core::OutboxMessage message);

  // Background thread: run_once() every poll_interval (at once again while a pass
  // delivered something). stop() waits for the pass in progress. Idempotent.
  void start();
  void stop();

  // The functionCallIdentifier a message is sent with.
  std::string function_call_id(const core::OutboxMessage& message) const;

 private:
  Verdict deliver(const core::OutboxMessage& message);
  void record(core::OutboxMessage claimed, const Verdict& attempt);

  struct Impl;
  DispatcherConfig config_;
  core::OutboxStore& outbox_;
  core::OperatorStore& operators_;
  const core::Clock& clock_;
  http::Counter* deliveries_ = nullptr;
  std::unique_ptr<Impl> impl_;
  Poller poller_;  // last: stops before what its passes use
};

}  // namespace smdp::bus
