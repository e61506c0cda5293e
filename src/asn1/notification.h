// SPDX-License-Identifier: Apache-2.0
// ES9+.HandleNotification (SGP.22 §5.6.4): OtherSignedNotification, the
// PendingNotification CHOICE (it or a ProfileInstallationResult) and the BF3D request.
// View types borrow from the decoded buffer; see asn1/common.h.
#pragma once

#include <variant>

#include "asn1/common.h"
#include "asn1/notification_metadata.h"
#include "asn1/profile_installation_result.h"
#include "der/writer.h"

namespace smdp::asn1 {

template <class S>
struct OtherSignedNotificationT {
  static constexpr der::Tag kTag = 0x30;
  NotificationMetadataT<S> tbs_other_notification{};  // BF2F, `raw` is what is signed
  Octets<S> euicc_notification_signature{};           // 5F37 value
  ByteView euicc_notification_signature_tlv{};        // decoded: the whole 5F37 TLV
  Octets<S> euicc_certificate{};                      // CERT.EUICC.ECDSA, whole DER TLV
  Octets<S> eum_certificate{};                        // CERT.EUM.ECDSA, whole DER TLV
  Octets<S> extensions{};
  ByteView raw{};

  static Result<OtherSignedNotificationT> decode(
      ByteView der, der::Tag tag = kTag) requires std::same_as<S, View>;
  void encode_to(der::Writer& out, der::Tag tag = kTag) const;
  Bytes encode() const;
};
using OtherSignedNotification = OtherSignedNotificationT<Owned>;
using OtherSignedNotificationView = OtherSignedNotificationT<View>;

// PendingNotification ::= CHOICE { profileInstallationResult [55] (BF37),
// otherSignedNotification (30) }. Untagged: `raw` is the alternative's TLV.
template <class S>
struct PendingNotificationT {
  std::variant<ProfileInstallationResultT<S>, OtherSignedNotificationT<S>> notification{};
  ByteView raw{};

  static Result<PendingNotificationT> decode(ByteView der) requires std::same_as<S, View>;
  void encode_to(der::Writer& out) const;
  Bytes encode() const;
};
using PendingNotification = PendingNotificationT<Owned>;
using PendingNotificationView = PendingNotificationT<View>;

// HandleNotification ::= [61] SEQUENCE { pendingNotification PendingNotification }.
// AUTOMATIC TAGS gives the CHOICE component an explicit [0]: BF3D { A0 { BF37 | 30 } }.
// (The ES9+ JSON binding carries the PendingNotification alone.)
template <class S>
struct HandleNotificationT {
  static constexpr der::Tag kTag = 0xBF3D;
  PendingNotificationT<S> pending_notification{};
  Octets<S> extensions{};
  ByteView raw{};

  static Result<HandleNotificationT> decode(ByteView der,
                                            der::Tag tag = kTag) requires std::same_as<S, View>;
  void encode_to(der::Writer& out, der::Tag tag = kTag) const;
  Bytes encode() const;
};
using HandleNotification = HandleNotificationT<Owned>;
using HandleNotificationView = HandleNotificationT<View>;

}  // namespace smdp::asn1
