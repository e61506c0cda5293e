// SPDX-License-Identifier: Apache-2.0
// The ES9+ HTTP endpoint: the JSON binding (SGP.22 §6.5), POST
// /gsma/rsp2/es9plus/<function>, and the ASN.1 binding (§6.6), POST /gsma/rsp2/asn1 with
// a RemoteProfileProvisioningRequest (application/x-gsma-rsp-asn1; HTTP 200 with the
// RemoteProfileProvisioningResponse, 204 for handleNotification, 400 for a body that is
// not that DER or a missing/unsupported X-Admin-Protocol, 500 for an InitiateAuthentication
// outcome its error INTEGER cannot carry). The binding is chosen per request by the path;
// a session may continue on the other one (the store holds it, not the binding).
// JSON: routes each function to core::RspServer, and turns every outcome into the
// binding's answer: HTTP 200 with a functionExecutionStatus header (also for refusals), 204 for
// handleNotification, 4xx only for HTTP-level faults (unknown path 404, wrong method 405).
// X-Admin-Protocol must be present and name a v2 protocol ("gsma/rsp/v2.x.y"); otherwise
// the call is refused with 1.3.2/3.1. The header is echoed in every answer.
//
// Every call is logged (function, transactionId, status and code, duration; never a
// matchingId, confirmation code or profile content) and counted in the metrics registry.
// Thread-safe.
#pragma once

#include "core/rsp_server.h"
#include "http/metrics.h"
#include "http/server.h"

namespace smdp::server {

class Es9Endpoint {
 public:
  // Both must outlive the endpoint; metric families are registered here.
  Es9Endpoint(core::RspServer& rsp, http::Registry& metrics);

  http::Response handle(const http::Request& request);

 private:
  struct Answer;
  Answer dispatch(std::string_view function, const std::string& body);
  Answer dispatch_asn1(const std::string& body);
  // What a notification did, into the answer's message and the download metric.
  void noted(const core::NotificationOutcome& n, Answer& a);

  core::RspServer& rsp_;
  http::Counter& requests_;
  http::Counter& errors_;
  http::Histogram& latency_;
  http::Counter& downloads_;
};

}  // namespace smdp::server
