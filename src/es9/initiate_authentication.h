// SPDX-License-Identifier: Apache-2.0
// ES9+.InitiateAuthentication in the JSON binding (SGP.22 §5.6.1, §6.5.2.6): request
// {euiccChallenge, euiccInfo1, smdpAddress}; response {transactionId, serverSigned1,
// serverSignature1, euiccCiPKIdToBeUsed, serverCertificate}.
#pragma once

#include <string>
#include <string_view>

#include "asn1/euicc_info.h"
#include "es9/request.h"

namespace smdp::es9 {

struct InitiateAuthenticationRequest {
  Bytes euicc_challenge;                       // 16 octets
  DerField<asn1::EUICCInfo1View> euicc_info1;  // BF20
  std::string smdp_address;                    // as received (compare case-insensitively)
};

// Parses a request body; errors as in es9/request.h, naming the field. A smdpAddress
// that is not ours is not checked here (8.8.1/3.8 is the caller's decision).
Result<InitiateAuthenticationRequest> parse_initiate_authentication_request(
    std::string_view json_body);

// The parts of the success response, as the SM-DP+ produced them.
struct InitiateAuthenticationResponse {
  ByteView transaction_id;            // 1..16 octets, rendered as hex
  ByteView server_signed1;            // DER of ServerSigned1 (30 ...)
  ByteView server_signature1;         // 5F37 value (r||s), rendered as the whole 5F37 TLV
  ByteView euicc_ci_pkid_to_be_used;  // SKI value, rendered as the whole 04 TLV
  ByteView server_certificate;        // CERT.DPauth.ECDSA, whole DER
};

// The Executed-Success body.
std::string render_initiate_authentication_response(const InitiateAuthenticationResponse& r);

}  // namespace smdp::es9
