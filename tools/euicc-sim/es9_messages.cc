// SPDX-License-Identifier: Apache-2.0
// ES9+ JSON messages, LPA side (SGP.22 §5.6, §6.5). See es9_messages.h.
#include "es9_messages.h"

#include <nlohmann/json.hpp>

#include "der/der.h"
#include "json/base64.h"

namespace smdp::lpa {
namespace {

std::string es9_errc_name(Es9Errc e) {
  switch (e) {
    case Es9Errc::unexpected_http_status:
      return "unexpected HTTP status from the SM-DP+";
    case Es9Errc::invalid_json:
      return "ES9+ response is not a JSON object";
    case Es9Errc::missing_field:
      return "ES9+ response lacks a mandatory field";
    case Es9Errc::invalid_field:
      return "ES9+ response field is invalid";
  }
  return "unknown ES9+ response error";
}

}  // namespace

SMDP_DEFINE_ERROR_CATEGORY(Es9Errc, "smdp.lpa.es9", es9_errc_name)

namespace {

using nlohmann::json;

std::string b64(ByteView v) { return smdp::json::base64_encode(v); }

std::string hex_upper(ByteView v) {
  std::string h = to_hex(v);
  for (char& c : h) {
    if (c >= 'a' && c <= 'f') c = static_cast<char>(c - 'a' + 'A');
  }
  return h;
}

Result<json> parse_object(const HttpResponse& http) {
  if (http.status != 200)
    return fail(Es9Errc::unexpected_http_status, "HTTP " + std::to_string(http.status));
  json j = json::parse(http.body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return fail(Es9Errc::invalid_json, "body");
  return j;
}

Result<std::string> get_string(const json& obj, std::string_view name, std::string_view path) {
  const auto it = obj.find(name);
  const std::string where = std::string(path) + std::string(name);
  if (it == obj.end()) return fail(Es9Errc::missing_field, where);
  if (!it->is_string()) return fail(Es9Errc::invalid_field, where + ": not a string");
  return it->get<std::string>();
}

std::optional<std::string> get_optional_string(const json& obj, std::string_view name) {
  const auto it = obj.find(name);
  if (it == obj.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

// Base64 of exactly one DER TLV with `tag`.
Result<Bytes> get_der(const json& obj, std::string_view name, der::Tag tag) {
  auto text = get_string(obj, name, "");
  if (!text) return std::unexpected(text.error());
  auto bytes = smdp::json::base64_decode(*text);
  if (!bytes) return fail(Es9Errc::invalid_field, std::string(name) + ": not base64");
  auto tlv = der::parse_single(*bytes);
  if (!tlv) return fail(Es9Errc::invalid_field, std::string(name) + ": " + tlv.error().message());
  if (tlv->tag != tag) return fail(Es9Errc::invalid_field, std::string(name) + ": wrong tag");
  return std::move(*bytes);
}

Result<Bytes> get_transaction_id(const json& obj) {
  auto text = get_string(obj, "transactionId", "");
  if (!text) return std::unexpected(text.error());
  auto bytes = from_hex(*text);
  if (!bytes || bytes->empty() || bytes->size() > 16)
    return fail(Es9Errc::invalid_field, "transactionId: not 1..16 octets in hex");
  return std::move(*bytes);
}

Result<FunctionExecutionStatus> get_header(const json& body) {
  const auto header = body.find("header");
  if (header == body.end()) return fail(Es9Errc::missing_field, "header");
  if (!header->is_object()) return fail(Es9Errc::invalid_field, "header: not an object");
  const auto fes = header->find("functionExecutionStatus");
  if (fes == header->end()) return fail(Es9Errc::missing_field, "header.functionExecutionStatus");
  if (!fes->is_object())
    return fail(Es9Errc::invalid_field, "header.functionExecutionStatus: not an object");
  FunctionExecutionStatus out;
  auto status = get_string(*fes, "status", "header.functionExecutionStatus.");
  if (!status) return std::unexpected(status.error());
  out.status = std::move(*status);
  if (out.status != "Executed-Success" && out.status != "Executed-WithWarning" &&
      out.status != "Failed" && out.status != "Expired")
    return fail(Es9Errc::invalid_field, "header.functionExecutionStatus.status: unknown value");
  const auto scd = fes->find("statusCodeData");
  if (scd != fes->end()) {
    const std::string path = "header.functionExecutionStatus.statusCodeData.";
    if (!scd->is_object()) return fail(Es9Errc::invalid_field, path + ": not an object");
    StatusCodeData data;
    auto subject = get_string(*scd, "subjectCode", path);
    if (!subject) return std::unexpected(subject.error());
    auto reason = get_string(*scd, "reasonCode", path);
    if (!reason) return std::unexpected(reason.error());
    data.subject_code = std::move(*subject);
    data.reason_code = std::move(*reason);
    data.subject_identifier = get_optional_string(*scd, "subjectIdentifier").value_or("");
    data.message = get_optional_string(*scd, "message").value_or("");
    out.status_code_data = std::move(data);
  } else if (out.status == "Failed") {
    return fail(Es9Errc::missing_field, "header.functionExecutionStatus.statusCodeData");
  }
  return out;
}

// Parses the body and its header; `payload` reads the rest when the function succeeded.
template <class T, class F>
Result<T> parse_response(const HttpResponse& http, F&& payload) {
  auto body = parse_object(http);
  if (!body) return std::unexpected(body.error());
  auto header = get_header(*body);
  if (!header) return std::unexpected(header.error());
  T out;
  out.header = std::move(*header);
  if (!out.header.succeeded()) return out;
  if (auto r = payload(*body, out); !r) return std::unexpected(r.error());
  return out;
}

// Assigns a field read by `get` or returns its error.
#define LPA_READ(dest, expr)                                             \
  do {                                                                   \
    auto lpa_read_value = (expr);                                        \
    if (!lpa_read_value) return std::unexpected(lpa_read_value.error()); \
    (dest) = std::move(*lpa_read_value);                                 \
  } while (false)

}  // namespace

bool FunctionExecutionStatus::succeeded() const {
  return status == "Executed-Success" || status == "Executed-WithWarning";
}

std::string FunctionExecutionStatus::codes() const {
  if (asn1_error) return "asn1:" + std::to_string(*asn1_error);
  if (!status_code_data) return {};
  return status_code_data->subject_code + "/" + status_code_data->reason_code;
}

std::string render_initiate_authentication_request(ByteView euicc_challenge, ByteView euicc_info1,
                                                   std::string_view smdp_address) {
  return json{{"euiccChallenge", b64(euicc_challenge)},
              {"euiccInfo1", b64(euicc_info1)},
              {"smdpAddress", std::string(smdp_address)}}
      .dump();
}

std::string render_authenticate_client_request(ByteView transaction_id,
                                               ByteView authenticate_server_response) {
  return json{{"transactionId", hex_upper(transaction_id)},
              {"authenticateServerResponse", b64(authenticate_server_response)}}
      .dump();
}

std::string render_get_bound_profile_package_request(ByteView transaction_id,
                                                     ByteView prepare_download_response) {
  return json{{"transactionId", hex_upper(transaction_id)},
              {"prepareDownloadResponse", b64(prepare_download_response)}}
      .dump();
}

std::string render_handle_notification_request(ByteView pending_notification) {
  return json{{"pendingNotification", b64(pending_notification)}}.dump();
}

std::string render_cancel_session_request(ByteView transaction_id,
                                          ByteView cancel_session_response) {
  return json{{"transactionId", hex_upper(transaction_id)},
              {"cancelSessionResponse", b64(cancel_session_response)}}
      .dump();
}

Result<InitiateAuthenticationResponse> parse_initiate_authentication_response(
    const HttpResponse& http) {
  return parse_response<InitiateAuthenticationResponse>(
      http, [](const json& body, InitiateAuthenticationResponse& out) -> Result<void> {
        LPA_READ(out.transaction_id, get_transaction_id(body));
        LPA_READ(out.server_signed1, get_der(body, "serverSigned1", 0x30));
        LPA_READ(out.server_signature1, get_der(body, "serverSignature1", 0x5F37));
        LPA_READ(out.euicc_ci_pkid_to_be_used, get_der(body, "euiccCiPKIdToBeUsed", 0x04));
        LPA_READ(out.server_certificate, get_der(body, "serverCertificate", 0x30));
        return {};
      });
}

Result<AuthenticateClientResponse> parse_authenticate_client_response(const HttpResponse& http) {
  return parse_response<AuthenticateClientResponse>(
      http, [](const json& body, AuthenticateClientResponse& out) -> Result<void> {
        LPA_READ(out.transaction_id, get_transaction_id(body));
        LPA_READ(out.profile_metadata, get_der(body, "profileMetadata", 0xBF25));
        LPA_READ(out.smdp_signed2, get_der(body, "smdpSigned2", 0x30));
        LPA_READ(out.smdp_signature2, get_der(body, "smdpSignature2", 0x5F37));
        LPA_READ(out.smdp_certificate, get_der(body, "smdpCertificate", 0x30));
        return {};
      });
}

Result<GetBoundProfilePackageResponse> parse_get_bound_profile_package_response(
    const HttpResponse& http) {
  return parse_response<GetBoundProfilePackageResponse>(
      http, [](const json& body, GetBoundProfilePackageResponse& out) -> Result<void> {
        LPA_READ(out.transaction_id, get_transaction_id(body));
        LPA_READ(out.bound_profile_package, get_der(body, "boundProfilePackage", 0xBF36));
        return {};
      });
}

Result<CancelSessionResponse> parse_cancel_session_response(const HttpResponse& http) {
  return parse_response<CancelSessionResponse>(
      http, [](const json&, CancelSessionResponse&) -> Result<void> { return {}; });
}

Result<void> check_handle_notification_response(const HttpResponse& http) {
  if (http.status != 204)
    return fail(Es9Errc::unexpected_http_status, "HTTP " + std::to_string(http.status));
  return {};
}

}  // namespace smdp::lpa
