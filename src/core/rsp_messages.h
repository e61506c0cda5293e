// SPDX-License-Identifier: Apache-2.0
// The ES9+ functions' inputs and outputs in core's terms (SGP.22 §5.6.1-§5.6.5): what a
// binding (JSON §6.5.2, ASN.1 §6.6) decodes a request into and renders a result from.
// DER fields keep the bytes received (asn1/der_field.h); results hold each field as it
// goes on the wire (signatures as their 5F37 TLV).
#pragma once

#include <optional>
#include <string>

#include "asn1/authenticate_server.h"
#include "asn1/cancel_session.h"
#include "asn1/der_field.h"
#include "asn1/euicc_info.h"
#include "asn1/notification.h"
#include "asn1/prepare_download.h"
#include "base/bytes.h"

namespace smdp::core {

using asn1::DerField;

// §5.6.1 ES9+.InitiateAuthentication.
struct InitiateAuthenticationRequest {
  Bytes euicc_challenge;                       // 16 octets
  DerField<asn1::EUICCInfo1View> euicc_info1;  // BF20
  std::string smdp_address;                    // as received (compared case-insensitively)
};
struct InitiateAuthenticationResult {
  Bytes transaction_id;            // 1..16 octets
  Bytes server_signed1;            // DER of ServerSigned1 (30 ...)
  Bytes server_signature1;         // 5F37 TLV
  Bytes euicc_ci_pkid_to_be_used;  // SubjectKeyIdentifier as its 04 TLV
  Bytes server_certificate;        // CERT.DPauth.ECDSA, whole DER
};

// §5.6.3 ES9+.AuthenticateClient.
struct AuthenticateClientRequest {
  Bytes transaction_id;                                                         // 1..16 octets
  DerField<asn1::AuthenticateServerResponseView> authenticate_server_response;  // BF38
};
struct AuthenticateClientResult {
  Bytes transaction_id;
  Bytes profile_metadata;  // DER of StoreMetadataRequest (BF25 ...)
  Bytes smdp_signed2;      // DER of SmdpSigned2 (30 ...)
  Bytes smdp_signature2;   // 5F37 TLV
  Bytes smdp_certificate;  // CERT.DPpb.ECDSA, whole DER
};

// §5.6.2 ES9+.GetBoundProfilePackage.
struct GetBoundProfilePackageRequest {
  Bytes transaction_id;                                                   // 1..16 octets
  DerField<asn1::PrepareDownloadResponseView> prepare_download_response;  // BF21
};
struct GetBoundProfilePackageResult {
  Bytes transaction_id;
  Bytes bound_profile_package;  // DER of BoundProfilePackage (BF36 ...)
};

// §5.6.4 ES9+.HandleNotification.
struct HandleNotificationRequest {
  // ProfileInstallationResult (BF37) or OtherSignedNotification (30).
  DerField<asn1::PendingNotificationView> pending_notification;
};

// §5.6.5 ES9+.CancelSession.
struct CancelSessionRequest {
  Bytes transaction_id;                                               // 1..16 octets
  DerField<asn1::CancelSessionResponseView> cancel_session_response;  // BF41
};

// What a notification did, for logs and metrics (the ES9+ answer is 204 regardless).
struct NotificationOutcome {
  enum class Kind { recorded, duplicate, ignored } kind = Kind::ignored;
  std::string event;   // "install", "enable", ...
  std::string result;  // ProfileRecord::result for install notifications
  std::string reason;  // why it was ignored
  std::optional<std::string> iccid;
};

}  // namespace smdp::core
