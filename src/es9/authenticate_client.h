// SPDX-License-Identifier: Apache-2.0
// ES9+.AuthenticateClient in the JSON binding (SGP.22 §5.6.3, §6.5.2.8): request
// {transactionId, authenticateServerResponse}; response {transactionId, profileMetadata,
// smdpSigned2, smdpSignature2, smdpCertificate}.
#pragma once

#include <string>
#include <string_view>

#include "asn1/authenticate_server.h"
#include "es9/request.h"

namespace smdp::es9 {

struct AuthenticateClientRequest {
  Bytes transaction_id;                                                         // 1..16 octets
  DerField<asn1::AuthenticateServerResponseView> authenticate_server_response;  // BF38
};

// Parses a request body; errors as in es9/request.h, naming the field. Whether the
// transactionId is known (8.10.1/3.9) is the caller's decision.
Result<AuthenticateClientRequest> parse_authenticate_client_request(std::string_view json_body);

// The parts of the success response, as the SM-DP+ produced them.
struct AuthenticateClientResponse {
  ByteView transaction_id;    // rendered as hex
  ByteView profile_metadata;  // DER of StoreMetadataRequest (BF25 ...)
  ByteView smdp_signed2;      // DER of SmdpSigned2 (30 ...)
  ByteView smdp_signature2;   // 5F37 value (r||s), rendered as the whole 5F37 TLV
  ByteView smdp_certificate;  // CERT.DPpb.ECDSA, whole DER
};

// The Executed-Success body.
std::string render_authenticate_client_response(const AuthenticateClientResponse& r);

}  // namespace smdp::es9
