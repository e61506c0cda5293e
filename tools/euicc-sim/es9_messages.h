// SPDX-License-Identifier: Apache-2.0
// ES9+ JSON messages, LPA side (SGP.22 §5.6, JSON binding §6.5): rendering the five
// requests an LPA sends and parsing the SM-DP+'s responses. Binary values travel as
// strict base64 (json/base64.h), transactionId as hex.
//
// Response parsing never throws: a body that is not what §6.5 describes (bad JSON,
// missing or mistyped field, bad base64 or hex, DER of the wrong tag, a non-200 HTTP
// status) is an Es9Errc value naming the field. A well-formed "Failed" or "Expired"
// answer is NOT an error here: it parses into a response whose `header` carries the
// subject/reason codes and whose payload fields are empty; the caller decides.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/bytes.h"
#include "base/error.h"
#include "https_client.h"

namespace smdp::lpa {

enum class Es9Errc {
  unexpected_http_status = 1,  // not 200 (or not 204 for handleNotification)
  invalid_json,                // body is not a JSON object
  missing_field,               // a mandatory member is absent
  invalid_field,  // wrong JSON type, bad base64/hex, DER not one TLV of the expected tag
};

}  // namespace smdp::lpa
SMDP_DECLARE_ERROR_ENUM(smdp::lpa, Es9Errc)

namespace smdp::lpa {

// header.functionExecutionStatus (§6.5.1.4).
struct StatusCodeData {
  std::string subject_code;        // e.g. "8.2.6"
  std::string reason_code;         // e.g. "3.8"
  std::string subject_identifier;  // optional, may be empty
  std::string message;             // optional, may be empty
};

struct FunctionExecutionStatus {
  std::string status;  // "Executed-Success", "Executed-WithWarning", "Failed", "Expired"
  std::optional<StatusCodeData> status_code_data;
  // ASN.1 binding (§6.6): the function's error INTEGER of a Failed answer.
  std::optional<std::uint64_t> asn1_error;
  // Executed-Success or Executed-WithWarning: the payload is present.
  bool succeeded() const;
  // "8.2.6/3.8", "asn1:6" for an ASN.1 error INTEGER, or "" without either.
  std::string codes() const;
};

// ---- Requests (bodies for Es9Transport::post) ----
std::string render_initiate_authentication_request(ByteView euicc_challenge, ByteView euicc_info1,
                                                   std::string_view smdp_address);
std::string render_authenticate_client_request(ByteView transaction_id,
                                               ByteView authenticate_server_response);
std::string render_get_bound_profile_package_request(ByteView transaction_id,
                                                     ByteView prepare_download_response);
std::string render_handle_notification_request(ByteView pending_notification);
std::string render_cancel_session_request(ByteView transaction_id,
                                          ByteView cancel_session_response);

// ---- Responses ----
// Every DER field holds the whole TLV as received (the exact signed bytes).
struct InitiateAuthenticationResponse {
  FunctionExecutionStatus header;
  Bytes transaction_id;            // 1..16 octets
  Bytes server_signed1;            // 30 ServerSigned1
  Bytes server_signature1;         // 5F37 TLV
  Bytes euicc_ci_pkid_to_be_used;  // 04 14 SubjectKeyIdentifier TLV
  Bytes server_certificate;        // 30 CERT.DPauth.ECDSA
};

struct AuthenticateClientResponse {
  FunctionExecutionStatus header;
  Bytes transaction_id;
  Bytes profile_metadata;  // BF25 StoreMetadataRequest
  Bytes smdp_signed2;      // 30 SmdpSigned2
  Bytes smdp_signature2;   // 5F37 TLV
  Bytes smdp_certificate;  // 30 CERT.DPpb.ECDSA
};

struct GetBoundProfilePackageResponse {
  FunctionExecutionStatus header;
  Bytes transaction_id;
  Bytes bound_profile_package;  // BF36
};

struct CancelSessionResponse {
  FunctionExecutionStatus header;
};

Result<InitiateAuthenticationResponse> parse_initiate_authentication_response(
    const HttpResponse& http);
Result<AuthenticateClientResponse> parse_authenticate_client_response(const HttpResponse& http);
Result<GetBoundProfilePackageResponse> parse_get_bound_profile_package_response(
    const HttpResponse& http);
Result<CancelSessionResponse> parse_cancel_session_response(const HttpResponse& http);
// handleNotification answers 204 with no body; anything else is unexpected_http_status.
// (The same in both bindings.)
Result<void> check_handle_notification_response(const HttpResponse& http);

// ---- The binding an LPA speaks: JSON (§6.5, the functions above) or ASN.1 (§6.6,
// es9_asn1_messages.h), as one table the download flow calls through.
struct Es9Codec {
  std::string (*initiate_authentication_request)(ByteView, ByteView, std::string_view);
  std::string (*authenticate_client_request)(ByteView, ByteView);
  std::string (*get_bound_profile_package_request)(ByteView, ByteView);
  std::string (*handle_notification_request)(ByteView);
  std::string (*cancel_session_request)(ByteView, ByteView);
  Result<InitiateAuthenticationResponse> (*initiate_authentication_response)(const HttpResponse&);
  Result<AuthenticateClientResponse> (*authenticate_client_response)(const HttpResponse&);
  Result<GetBoundProfilePackageResponse> (*get_bound_profile_package_response)(const HttpResponse&);
  Result<CancelSessionResponse> (*cancel_session_response)(const HttpResponse&);
};
const Es9Codec& es9_codec(Es9Binding binding);

}  // namespace smdp::lpa
