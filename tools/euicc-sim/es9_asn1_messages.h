// SPDX-License-Identifier: Apache-2.0
// ES9+ ASN.1 messages, LPA side (SGP.22 §6.6): the five requests in the
// RemoteProfileProvisioningRequest envelope (A2) and the SM-DP+'s
// RemoteProfileProvisioningResponse parsed into the same response types as the JSON
// binding (es9_messages.h). A function's error alternative parses into a "Failed" header
// whose asn1_error is the INTEGER (no subject/reason codes in this binding).
//
// Signed parts go out and come back as the exact TLVs the card produced or the SM-DP+
// sent. Parsing never throws: a non-200 answer (204 for handleNotification), a body that
// is not one RemoteProfileProvisioningResponse, or another function's alternative is an
// Es9Errc value.
#pragma once

#include <string>
#include <string_view>

#include "es9_messages.h"

namespace smdp::lpa::asn1_binding {

std::string render_initiate_authentication_request(ByteView euicc_challenge, ByteView euicc_info1,
                                                   std::string_view smdp_address);
std::string render_authenticate_client_request(ByteView transaction_id,
                                               ByteView authenticate_server_response);
std::string render_get_bound_profile_package_request(ByteView transaction_id,
                                                     ByteView prepare_download_response);
std::string render_handle_notification_request(ByteView pending_notification);
// `cancel_session_response` is the card's BF41; the envelope carries it as [1] (A1).
std::string render_cancel_session_request(ByteView transaction_id,
                                          ByteView cancel_session_response);

Result<InitiateAuthenticationResponse> parse_initiate_authentication_response(
    const HttpResponse& http);
Result<AuthenticateClientResponse> parse_authenticate_client_response(const HttpResponse& http);
Result<GetBoundProfilePackageResponse> parse_get_bound_profile_package_response(
    const HttpResponse& http);
Result<CancelSessionResponse> parse_cancel_session_response(const HttpResponse& http);

}  // namespace smdp::lpa::asn1_binding
