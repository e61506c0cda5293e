// SPDX-License-Identifier: Apache-2.0
#include "server/es2_endpoint.h"

#include <algorithm>
#include <array>
#include <chrono>

#include "base/log.h"
#include "crypto/hash.h"
#include "es9/json_fields.h"
#include "pki/certificate.h"

namespace smdp::server {
namespace {

constexpr std::string_view kPrefix = "/gsma/rsp2/es2plus/";
constexpr std::string_view kOurProtocol = "gsma/rsp/v2.5.0";
constexpr std::array<std::string_view, 4> kFunctions{"downloadOrder", "confirmOrder", "cancelOrder",
                                                     "releaseProfile"};

es2::Answer failure(es9::StatusCode code, std::string message) {
  return {es9::render_failure(code, message), code, std::move(message), {}};
}

// The request header's two identifiers (§6.5.1.1), or the refusal.
struct CallHeader {
  std::string requester;
  std::string call_id;
};
// One header identifier: mandatory, a string of 1 to 128 characters.
std::expected<std::string, es2::Answer> header_identifier(const nlohmann::json& header,
                                                          std::string_view name) {
  auto value = es9::detail::get_string(header, name);
  const std::string field = "header." + std::string(name);
  if (!value && value.error().code == es9::Errc::missing_parameter)
    return std::unexpected(failure(es9::kMandatoryElementMissing, field + " is missing"));
  if (!value || value->empty() || value->size() > 128)
    return std::unexpected(failure(es9::kInvalidParameter, field + ": 1 to 128 characters"));
  return std::move(*value);
}

std::expected<CallHeader, es2::Answer> call_header(const nlohmann::json& body) {
  if (!body.contains("header") || !body["header"].is_object())
    return std::unexpected(failure(es9::kMandatoryElementMissing, "header is missing"));
  const nlohmann::json& header = body["header"];
  auto requester = header_identifier(header, "functionRequesterIdentifier");
  if (!requester) return std::unexpected(std::move(requester.error()));
  auto call_id = header_identifier(header, "functionCallIdentifier");
  if (!call_id) return std::unexpected(std::move(call_id.error()));
  return CallHeader{std::move(*requester), std::move(*call_id)};
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

std::optional<core::OperatorRecord> Es2Endpoint::authenticate(const http::Request& request) {
  if (request.peer_certificates.empty()) return std::nullopt;
  auto leaf = pki::Certificate::from_der(request.peer_certificates.front());
  if (!leaf) return std::nullopt;
  const std::optional<std::string> cn = leaf->common_name();
  auto all = operators_.list_operators();
  if (!cn || !all) return std::nullopt;
  for (core::OperatorRecord& op : *all) {
    if (op.client_cn == *cn && op.client_ca == request.peer_certificates.back())
      return std::move(op);
  }
  return std::nullopt;
}

http::Response Es2Endpoint::handle(const http::Request& request) {
  const auto started = std::chrono::steady_clock::now();
  http::Response response;
  const auto protocol = request.header("x-admin-protocol");
  const bool protocol_ok = protocol && protocol->starts_with("gsma/rsp/v2.");
  response.headers.emplace_back("X-Admin-Protocol",
                                protocol_ok ? std::string(*protocol) : std::string(kOurProtocol));
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
  const std::optional<core::OperatorRecord> op = authenticate(request);
  if (!op) {
    log::warn("es2.refused", {{"reason", "client certificate matches no operator"},
                              {"peer", request.remote_address}});
    response.status = 403;
    return response;
  }

  es2::Answer a;
  std::string call_id;
  auto body = es9::detail::parse_body(request.body);
  if (!protocol_ok) {
    a = failure(es9::kUnsupportedProtocolVersion,
                "X-Admin-Protocol missing or not gsma/rsp/v2.x.y");
  } else if (!body) {
    a = failure(es9::status_code(body.error()), body.error().message());
  } else if (auto header = call_header(*body); !header) {
    a = std::move(header.error());
  } else if (header->requester != op->name) {
    a = failure(es9::kRequesterNotAllowed, "functionRequesterIdentifier is not this operator's");
  } else {
    call_id = header->call_id;
    const auto digest = crypto::sha256(as_bytes(request.body));
    const core::FunctionCallRecord call{
        op->name,     call_id,     std::string(function), Bytes(digest.begin(), digest.end()),
        std::nullopt, clock_.now()};
    auto begun = operators_.begin_function_call(call);
    if (!begun) {
      a = failure(es9::kExecutionError, "store unavailable");
    } else if (const std::optional<core::FunctionCallRecord>& earlier = *begun; earlier) {
      if (earlier->request_sha256 != call.request_sha256 || earlier->function != function)
        a = failure(es9::kInvalidParameter,
                    "functionCallIdentifier already used for another request");
      else if (!earlier->response)
        a = failure(es9::kBusy, "the call with this functionCallIdentifier is still running");
      else
        a = {*earlier->response, std::nullopt, "resend: the original response", {}};
    } else {
      std::optional<es2::Answer> answer = functions_.call(*op, function, *body);
      a = answer ? std::move(*answer) : failure(es9::kExecutionError, "unknown function");
      const bool internal = a.code && *a.code == es9::kExecutionError;
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
