// SPDX-License-Identifier: Apache-2.0
// The ES2+ HTTP endpoint (SGP.22 §5.3, JSON binding §6.5): POST
// /gsma/rsp2/es2plus/<function> over HTTPS with mutual TLS.
//
// - Authentication: the TLS layer has verified the client certificate against the
//   operators' CAs (http::TlsConfig::client_ca_der); the operator is the one whose CA
//   is the chain's trust anchor and whose client_cn is the leaf's common name. No match:
//   HTTP 403 and a warning in the log (an HTTP-level fault, SGP22-CODES.md). The store
//   unable to list the operators (database down): HTTP 503 with Retry-After, logged as
//   es2.unavailable, since no function answer can be addressed to an unknown caller.
// - The request header's functionRequesterIdentifier must be that operator's name
//   (1.1/1.2 otherwise); functionCallIdentifier is mandatory (1.6/2.2).
// - Idempotency: the first call with a functionCallIdentifier is recorded, and a
//   repeat of the same request returns the recorded response without acting again; a
//   different request under a used identifier is refused (1.6/2.1); a repeat while the
//   first still runs gets 1.2/4.4 (busy). Calls that failed on an internal fault are
//   not recorded, so their resend acts.
// - Answers: HTTP 200 with functionExecutionStatus (also for refusals); 404 unknown
//   path, 405 not POST; a body that is not a JSON object is 1.6/2.1, as on ES9+.
//   X-Admin-Protocol as on ES9+.
// - Every call is logged (operator, function, functionCallIdentifier, ICCID, status,
//   code, duration; never a matchingId, confirmation code or EID) and counted.
// Thread-safe.
#pragma once

#include "core/operator_store.h"
#include "es2/functions.h"
#include "http/metrics.h"
#include "http/server.h"

namespace smdp::server {

class Es2Endpoint {
 public:
  // All must outlive the endpoint; metric families are registered here.
  Es2Endpoint(es2::Es2Functions& functions, core::OperatorStore& operators,
              const core::Clock& clock, http::Registry& metrics);

  http::Response handle(const http::Request& request);

 private:
  // The calling operator (nullopt: none matches); an error when the store fails.
  Result<std::optional<core::OperatorRecord>> authenticate(const http::Request& request);

  es2::Es2Functions& functions_;
  core::OperatorStore& operators_;
  const core::Clock& clock_;
  http::Counter& requests_;
  http::Histogram& latency_;
};

// The CA certificates the ES2+ TLS server accepts client certificates from: every
// operator's client_ca, once each.
Result<std::vector<Bytes>> operator_client_cas(core::OperatorStore& operators);

}  // namespace smdp::server
