// SPDX-License-Identifier: Apache-2.0
#include "server/es9_endpoint.h"

#include <chrono>

#include "base/log.h"
#include "es9/authenticate_client.h"
#include "es9/cancel_session.h"
#include "es9/get_bound_profile_package.h"
#include "es9/handle_notification.h"
#include "es9/initiate_authentication.h"
#include "json/fields.h"
#include "json/header.h"
#include "json/status.h"

namespace smdp::server {
namespace {

constexpr std::string_view kPrefix = "/gsma/rsp2/es9plus/";
constexpr std::string_view kProtocolHeader = "x-admin-protocol";

}  // namespace

struct Es9Endpoint::Answer {
  int http_status = 200;
  std::string body;
  std::string transaction_id;  // hex, for the log
  std::optional<core::StatusCode> code;
  std::string message;
};

Es9Endpoint::Es9Endpoint(core::RspServer& rsp, http::Registry& metrics)
    : rsp_(rsp),
      requests_(metrics.counter("smdp_es9_requests_total", "ES9+ calls by function and status.",
                                {"function", "status"})),
      errors_(metrics.counter("smdp_es9_errors_total",
                              "ES9+ refusals by function and SGP.22 subject/reason code.",
                              {"function", "subject", "reason"})),
      latency_(metrics.histogram("smdp_es9_request_seconds", "ES9+ call latency.", {"function"})),
      downloads_(metrics.counter("smdp_downloads_total",
                                 "Profile downloads ended by an installation result.",
                                 {"result"})) {}

Es9Endpoint::Answer Es9Endpoint::dispatch(std::string_view function, const std::string& body) {
  Answer a;
  auto refused = [&](const core::Refusal& r) {
    a.code = r.code;
    a.message = r.message;
    a.body = json::render_failure(r.code, r.message);
  };
  auto unparsable = [&](const Error& e) {
    a.code = json::status_code(e);
    a.message = e.message();
    a.body = json::render_failure(e);
  };

  if (function == "initiateAuthentication") {
    auto req = es9::parse_initiate_authentication_request(body);
    if (!req) return unparsable(req.error()), a;
    auto r = rsp_.initiate_authentication(*req);
    if (!r) return refused(r.error()), a;
    a.transaction_id = to_hex(r->transaction_id);
    a.body = es9::render_initiate_authentication_response(*r);
  } else if (function == "authenticateClient") {
    auto req = es9::parse_authenticate_client_request(body);
    if (!req) return unparsable(req.error()), a;
    a.transaction_id = to_hex(req->transaction_id);
    auto r = rsp_.authenticate_client(*req);
    if (!r) return refused(r.error()), a;
    a.body = es9::render_authenticate_client_response(*r);
  } else if (function == "getBoundProfilePackage") {
    auto req = es9::parse_get_bound_profile_package_request(body);
    if (!req) return unparsable(req.error()), a;
    a.transaction_id = to_hex(req->transaction_id);
    auto r = rsp_.get_bound_profile_package(*req);
    if (!r) return refused(r.error()), a;
    a.body = es9::render_get_bound_profile_package_response(*r);
  } else if (function == "cancelSession") {
    auto req = es9::parse_cancel_session_request(body);
    if (!req) return unparsable(req.error()), a;
    a.transaction_id = to_hex(req->transaction_id);
    auto r = rsp_.cancel_session(*req);
    if (!r) return refused(r.error()), a;
    a.body = es9::render_cancel_session_response();
  } else if (function == "handleNotification") {
    // Always 204, also when the notification is rejected (SGP.22 §6.5.2.9); the log
    // and the metrics say what happened.
    a.http_status = 204;
    auto req = es9::parse_handle_notification_request(body);
    if (!req) {
      a.message = "unparsable notification: " + req.error().message();
      return a;
    }
    const core::NotificationOutcome n = rsp_.handle_notification(*req);
    using Kind = core::NotificationOutcome::Kind;
    if (n.kind == Kind::ignored) {
      a.message = "notification ignored: " + n.reason;
    } else {
      a.message = std::string(n.kind == Kind::recorded ? "recorded " : "duplicate ") + n.event +
                  (n.result.empty() ? "" : " " + n.result);
      if (n.kind == Kind::recorded && n.event == "install")
        downloads_.inc({n.result == "installed" ? "installed" : "error"});
    }
  } else {
    a.http_status = 404;
    a.message = "unknown ES9+ function";
  }
  return a;
}

http::Response Es9Endpoint::handle(const http::Request& request) {
  const auto started = std::chrono::steady_clock::now();
  http::Response response;
  const auto protocol = request.header(kProtocolHeader);
  const bool protocol_ok = json::supported_admin_protocol(protocol);
  response.headers.emplace_back("X-Admin-Protocol", json::answered_admin_protocol(protocol));
  std::string_view path = request.target;
  path = path.substr(0, path.find('?'));
  if (!path.starts_with(kPrefix)) {
    response.status = 404;
    return response;
  }
  const std::string_view function = path.substr(kPrefix.size());
  if (request.method != "POST") {
    response.status = 405;
    response.headers.emplace_back("Allow", "POST");
    return response;
  }

  Answer a;
  if (!protocol_ok) {
    a.code = core::kUnsupportedProtocolVersion;
    a.message = "X-Admin-Protocol missing or not gsma/rsp/v2.x.y";
    a.body = json::render_failure(*a.code, a.message);
  } else {
    a = dispatch(function, request.body);
  }
  response.status = a.http_status;
  if (!a.body.empty()) {
    response.headers.emplace_back("Content-Type", "application/json");
    response.body = std::move(a.body);
  }

  const std::string fn = a.http_status == 404 ? "unknown" : std::string(function);
  const std::string status = a.code ? "Failed" : "Executed-Success";
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  requests_.inc({fn, status});
  latency_.observe({fn}, seconds);
  if (a.code) errors_.inc({fn, std::string(a.code->subject), std::string(a.code->reason)});
  const std::string ms = std::to_string(
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
          .count());
  const std::string subject = a.code ? std::string(a.code->subject) : "";
  const std::string reason = a.code ? std::string(a.code->reason) : "";
  log::write(a.code ? log::Level::warn : log::Level::info, "es9.call",
             {{"function", fn},
              {"transactionId", a.transaction_id},
              {"status", status},
              {"subjectCode", subject},
              {"reasonCode", reason},
              {"message", a.message},
              {"ms", ms},
              {"peer", request.remote_address}});
  return response;
}

}  // namespace smdp::server
