// SPDX-License-Identifier: Apache-2.0
#include "server/es2_endpoint.h"

#include <algorithm>
#include <array>
#include <chrono>

#include "base/log.h"
#include "crypto/hash.h"
#include "json/fields.h"
#include "json/header.h"
#include "json/status.h"
#include "pki/certificate.h"

namespace smdp::server {
namespace {

constexpr std::string_view kPrefix = "/gsma/rsp2/es2plus/";
constexpr std::array<std::string_view, 4> kFunctions{"downloadOrder", "confirmOrder", "cancelOrder",
                                                     "releaseProfile"};

es2::Answer failure(core::StatusCode code, std::string message) {
  return {json::render_failure(code, message), code, std::move(message), {}};
}

}  // namespace

Result<std::vector<Bytes>> operator_client_cas(core::OperatorStore& operators) {
  auto all = operators.list_operators();
  if (!all) return std::unexpected(all.error());
  std::vector<Bytes> cas;
  for (const core::OperatorRecord& op : *all) {
    if (std::ranges::find(cas, op.client_ca) == cas.end()) cas.push_back(op.client_ca);
  }
  return cas;
}

Es2Endpoint::Es2Endpoint(es2::Es2Functions& functions, core::OperatorStore& operators,
                         const core::Clock& clock, http::Registry& metrics)
    : functions_(functions),
      operators_(operators),
      clock_(clock),
      requests_(metrics.counter("smdp_es2_requests_total",
                                "ES2+ calls by operator, function, status and subject/reason code.",
                                {"operator", "function", "status", "code"})),
      latency_(metrics.histogram("smdp_es2_request_seconds", "ES2+ call latency.", {"function"})) {}

Result<std::optional<core::OperatorRecord>> Es2Endpoint::authenticate(
    const http::Request& request) {
  using Found = std::optional<core::OperatorRecord>;
  if (request.peer_certificates.empty()) return Found();
  auto leaf = pki::Certificate::from_der(request.peer_certificates.front());
  if (!leaf) return Found();
  const std::optional<std::string> cn = leaf->common_name();
  if (!cn) return Found();
  auto all = operators_.list_operators();
  if (!all) return std::unexpected(all.error());
  for (core::OperatorRecord& op : *all) {
    if (op.client_cn == *cn && op.client_ca == request.peer_certificates.back())
      return Found(std::move(op));
  }
  return Found();
}

http::Response Es2Endpoint::handle(const http::Request& request) {
  const auto started = std::chrono::steady_clock::now();
  http::Response response;
  const auto protocol = request.header("x-admin-protocol");
  const bool protocol_ok = json::supported_admin_protocol(protocol);
  response.headers.emplace_back("X-Admin-Protocol", json::answered_admin_protocol(protocol));
  std::string_view path = request.target;
  path = path.substr(0, path.find('?'));
  const std::string_view function =
      path.starts_with(kPrefix) ? path.substr(kPrefix.size()) : std::string_view{};
  if (std::ranges::find(kFunctions, function) == kFunctions.end()) {
    response.status = 404;
    return response;
  }
  if (request.method != "POST") {
    response.status = 405;
    response.headers.emplace_back("Allow", "POST");
    return response;
  }
  const Result<std::optional<core::OperatorRecord>> found = authenticate(request);
  if (!found) {
    // The store cannot say who the caller is (database down): a transient server fault,
    // not a refusal of the caller.
    log::warn("es2.unavailable",
              {{"error", found.error().message()}, {"peer", request.remote_address}});
    response.status = 503;
    response.headers.emplace_back("Retry-After", "5");
    return response;
  }
  const std::optional<core::OperatorRecord>& op = *found;
  if (!op) {
    log::warn("es2.refused", {{"reason", "client certificate matches no operator"},
                              {"peer", request.remote_address}});
    response.status = 403;
    return response;
  }

  es2::Answer a;
  std::string call_id;
  auto body = json::parse_body(request.body);
  if (!protocol_ok) {
    a = failure(core::kUnsupportedProtocolVersion,
                "X-Admin-Protocol missing or not gsma/rsp/v2.x.y");
  } else if (!body) {
    a = failure(json::status_code(body.error()), body.error().message());
  } else if (auto header = json::read_request_header(*body); !header) {
    a = failure(json::status_code(header.error()), header.error().message());
  } else if (header->function_requester_identifier != op->name) {
    a = failure(core::kRequesterNotAllowed, "functionRequesterIdentifier is not this operator's");
  } else {
    call_id = header->function_call_identifier;
    const auto digest = crypto::sha256(as_bytes(request.body));
    const core::FunctionCallRecord call{
        op->name,     call_id,     std::string(function), Bytes(digest.begin(), digest.end()),
        std::nullopt, clock_.now()};
    auto begun = operators_.begin_function_call(call);
    if (!begun) {
      a = failure(core::kExecutionError, "store unavailable");
    } else if (const std::optional<core::FunctionCallRecord>& earlier = *begun; earlier) {
      if (earlier->request_sha256 != call.request_sha256 || earlier->function != function)
        a = failure(core::kInvalidParameter,
                    "functionCallIdentifier already used for another request");
      else if (!earlier->response)
        a = failure(core::kBusy, "the call with this functionCallIdentifier is still running");
      else
        a = {*earlier->response, std::nullopt, "resend: the original response", {}};
    } else {
      std::optional<es2::Answer> answer = functions_.call(*op, function, *body);
      a = answer ? std::move(*answer) : failure(core::kExecutionError, "unknown function");
      const bool internal = a.code && *a.code == core::kExecutionError;
      const auto recorded = internal ? operators_.abandon_function_call(op->name, call_id)
                                     : operators_.complete_function_call(op->name, call_id, a.body);
      if (!recorded)
        log::warn("es2.call_log",
                  {{"functionCallIdentifier", call_id}, {"error", recorded.error().message()}});
    }
  }
  response.headers.emplace_back("Content-Type", "application/json");
  response.body = std::move(a.body);

  const std::string status = a.code ? "Failed" : "Executed-Success";
  const std::string code =
      a.code ? std::string(a.code->subject) + "/" + std::string(a.code->reason) : "";
  const auto elapsed = std::chrono::steady_clock::now() - started;
  requests_.inc({op->name, std::string(function), status, code});
  latency_.observe({std::string(function)}, std::chrono::duration<double>(elapsed).count());
  log::write(a.code ? log::Level::warn : log::Level::info, "es2.call",
             {{"operator", op->name},
              {"function", std::string(function)},
              {"functionCallIdentifier", call_id},
              {"iccid", a.iccid},
              {"status", status},
              {"code", code},
              {"message", a.message},
              {"ms", std::to_string(std::chrono::duration<double, std::milli>(elapsed).count())}});
  return response;
}

}  // namespace smdp::server
