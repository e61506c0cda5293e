// SPDX-License-Identifier: Apache-2.0
// The ES9+ ASN.1 binding's envelopes (SGP.22 §6.6): RemoteProfileProvisioningRequest and
// RemoteProfileProvisioningResponse, [2] CHOICEs (tag A2) whose single alternative is the
// function's own message, recognised by its tag. handleNotification has no response
// alternative (the answer is HTTP 204), and authenticateClientResponseEs11 (BF40, the
// SM-DS's) is kept whole: an SM-DP+ never sends it.
// View types borrow from the decoded buffer; see asn1/common.h.
#pragma once

#include <variant>

#include "asn1/authenticate_client.h"
#include "asn1/cancel_session.h"
#include "asn1/common.h"
#include "asn1/get_bound_profile_package.h"
#include "asn1/initiate_authentication.h"
#include "asn1/notification.h"
#include "der/writer.h"

namespace smdp::asn1 {

inline constexpr der::Tag kTagRemoteProfileProvisioning = 0xA2;

// AuthenticateClientResponseEs11 ([64], BF40), as one framed TLV.
template <class S>
struct AuthenticateClientResponseEs11T {
  static constexpr der::Tag kTag = 0xBF40;
  Octets<S> der{};  // the whole TLV
  ByteView raw{};

  static Result<AuthenticateClientResponseEs11T> decode(
      ByteView der, der::Tag tag = kTag) requires std::same_as<S, View>;
  void encode_to(der::Writer& out, der::Tag tag = kTag) const;
  Bytes encode() const;
};
using AuthenticateClientResponseEs11 = AuthenticateClientResponseEs11T<Owned>;
using AuthenticateClientResponseEs11View = AuthenticateClientResponseEs11T<View>;

template <class S>
struct RemoteProfileProvisioningRequestT {
  static constexpr der::Tag kTag = kTagRemoteProfileProvisioning;
  std::variant<InitiateAuthenticationRequestT<S>,  // BF39
               AuthenticateClientRequestT<S>,      // BF3B
               GetBoundProfilePackageRequestT<S>,  // BF3A
               CancelSessionRequestEs9T<S>,        // BF41
               HandleNotificationT<S>>             // BF3D
      request{};
  ByteView raw{};

  static Result<RemoteProfileProvisioningRequestT> decode(
      ByteView der, der::Tag tag = kTag) requires std::same_as<S, View>;
  void encode_to(der::Writer& out, der::Tag tag = kTag) const;
  Bytes encode() const;
};
using RemoteProfileProvisioningRequest = RemoteProfileProvisioningRequestT<Owned>;
using RemoteProfileProvisioningRequestView = RemoteProfileProvisioningRequestT<View>;

template <class S>
struct RemoteProfileProvisioningResponseT {
  static constexpr der::Tag kTag = kTagRemoteProfileProvisioning;
  std::variant<InitiateAuthenticationResponseT<S>,  // BF39
               AuthenticateClientResponseEs9T<S>,   // BF3B
               GetBoundProfilePackageResponseT<S>,  // BF3A
               CancelSessionResponseEs9T<S>,        // BF41
               AuthenticateClientResponseEs11T<S>>  // BF40
      response{};
  ByteView raw{};

  static Result<RemoteProfileProvisioningResponseT> decode(
      ByteView der, der::Tag tag = kTag) requires std::same_as<S, View>;
  void encode_to(der::Writer& out, der::Tag tag = kTag) const;
  Bytes encode() const;
};
using RemoteProfileProvisioningResponse = RemoteProfileProvisioningResponseT<Owned>;
using RemoteProfileProvisioningResponseView = RemoteProfileProvisioningResponseT<View>;

// A2 { `alternative` }: an envelope around a message already encoded (one TLV of an
// alternative's tag), so that signed parts travel as they were received or signed.
Bytes wrap_remote_provisioning(ByteView alternative);

}  // namespace smdp::asn1
