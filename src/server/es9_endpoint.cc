// SPDX-License-Identifier: Apache-2.0
#include "server/es9_endpoint.h"

#include <chrono>
#include <type_traits>
#include <variant>

#include "base/log.h"
#include "es9/authenticate_client.h"
#include "es9/cancel_session.h"
#include "es9/get_bound_profile_package.h"
#include "es9/handle_notification.h"
#include "es9/initiate_authentication.h"
#include "es9_asn1/binding.h"
#include "json/fields.h"
#include "json/header.h"
#include "json/status.h"

namespace smdp::server {
namespace {

constexpr std::string_view kPrefix = "/gsma/rsp2/es9plus/";
constexpr std::string_view kAsn1Path = "/gsma/rsp2/asn1";  // §6.6
constexpr std::string_view kAsn1ContentType = "application/x-gsma-rsp-asn1";
constexpr std::string_view kProtocolHeader = "x-admin-protocol";

}  // namespace

struct Es9Endpoint::Answer {
  int http_status = 200;
  std::string function;  // for metrics and the log; "unknown" when not recognised
  std::string content_type = "application/json";
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

void Es9Endpoint::noted(const core::NotificationOutcome& n, Answer& a) {
  using Kind = core::NotificationOutcome::Kind;
  if (n.kind == Kind::ignored) {
    a.message = "notification ignored: " + n.reason;
    return;
  }
  a.message = std::string(n.kind == Kind::recorded ? "recorded " : "duplicate ") + n.event +
              (n.result.empty() ? "" : " " + n.result);
  if (n.kind == Kind::recorded && n.event == "install")
    downloads_.inc({n.result == "installed" ? "installed" : "error"});
}

Es9Endpoint::Answer Es9Endpoint::dispatch(std::string_view function, const std::string& body) {
  Answer a;
  a.function = function;
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
    noted(rsp_.handle_notification(*req), a);
  } else {
    a.http_status = 404;
    a.function = "unknown";
    a.message = "unknown ES9+ function";
  }
  return a;
}

// §6.6: the function is the envelope's alternative; refusals are its error INTEGER
// (es9_asn1/error_codes.h), or HTTP 500 where InitiateAuthentication has none.
Es9Endpoint::Answer Es9Endpoint::dispatch_asn1(const std::string& body) {
  Answer a;
  a.content_type = std::string(kAsn1ContentType);
  auto req = es9_asn1::parse_request(as_bytes(body));
  if (!req) {
    a.http_status = 400;
    a.function = "unknown";
    a.code = core::kInvalidParameter;
    a.message = "not a RemoteProfileProvisioningRequest: " + req.error().message();
    return a;
  }
  const es9_asn1::Function function = es9_asn1::function_of(*req);
  a.function = es9_asn1::function_name(function);
  auto der = [](const Bytes& b) { return std::string(b.begin(), b.end()); };
  auto call = [this](const auto& r) {
    if constexpr (std::is_same_v<std::decay_t<decltype(r)>, core::AuthenticateClientRequest>)
      return rsp_.authenticate_client(r);
    else
      return rsp_.get_bound_profile_package(r);
  };
  auto answer = [&](const auto& outcome) {
    if (outcome) return;
    a.code = outcome.error().code;
    a.message = outcome.error().message;
    if (auto value = es9_asn1::error_code(function, *a.code))
      a.body = der(es9_asn1::render_error(function, *value));
    else
      a.http_status = 500;
  };
  std::visit(
      [&](const auto& r) {
        using R = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<R, core::HandleNotificationRequest>) {
          a.http_status = 204;  // no response alternative; as in the JSON binding
          noted(rsp_.handle_notification(r), a);
        } else if constexpr (std::is_same_v<R, core::InitiateAuthenticationRequest>) {
          auto out = rsp_.initiate_authentication(r);
          answer(out);
          if (out) {
            a.transaction_id = to_hex(out->transaction_id);
            a.body = der(es9_asn1::render_response(*out));
          }
        } else {
          a.transaction_id = to_hex(r.transaction_id);
          if constexpr (std::is_same_v<R, core::CancelSessionRequest>) {
            auto out = rsp_.cancel_session(r);
            answer(out);
            if (out) a.body = der(es9_asn1::render_cancel_session_ok());
          } else {
            auto out = call(r);
            answer(out);
            if (out) a.body = der(es9_asn1::render_response(*out));
          }
        }
      },
      *req);
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
  const bool asn1 = path == kAsn1Path;
  if (!asn1 && !path.starts_with(kPrefix)) {
    response.status = 404;
    return response;
  }
  if (request.method != "POST") {
    response.status = 405;
    response.headers.emplace_back("Allow", "POST");
    return response;
  }

  Answer a;
  if (!protocol_ok) {
    a.code = core::kUnsupportedProtocolVersion;
    a.message = "X-Admin-Protocol missing or not gsma/rsp/v2.x.y";
    if (asn1) {
      a.http_status = 400;  // the envelope has no way to say it (README)
      a.function = "unknown";
    } else {
      a.function = path.substr(kPrefix.size());
      a.body = json::render_failure(*a.code, a.message);
    }
  } else {
    a = asn1 ? dispatch_asn1(request.body) : dispatch(path.substr(kPrefix.size()), request.body);
  }
  response.status = a.http_status;
  if (!a.body.empty()) {
    response.headers.emplace_back("Content-Type", a.content_type);
    response.body = std::move(a.body);
  }

  const std::string& fn = a.function;
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
