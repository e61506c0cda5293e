// SPDX-License-Identifier: Apache-2.0
// NotificationMetadata (BF2F, SGP.22 §5.7.10): what every eUICC notification reports
// (sequence number, operation, target FQDN, ICCID).
// View types borrow from the decoded buffer; see asn1/common.h.
#pragma once

#include <optional>

#include "asn1/common.h"
#include "der/writer.h"

namespace smdp::asn1 {

// In OtherSignedNotification this is tbsOtherNotification: the signature covers `raw`.
template <class S>
struct NotificationMetadataT {
  static constexpr der::Tag kTag = 0xBF2F;
  std::uint64_t seq_number = 0;              // [0] INTEGER
  Octets<S> profile_management_operation{};  // [1] NotificationEvent BIT STRING contents
  Text<S> notification_address{};            // 0C FQDN
  std::optional<Octets<S>> iccid{};          // 5A, 10 octets
  Octets<S> extensions{};
  ByteView raw{};

  static Result<NotificationMetadataT> decode(ByteView der,
                                              der::Tag tag = kTag) requires std::same_as<S, View>;
  void encode_to(der::Writer& out, der::Tag tag = kTag) const;
  Bytes encode() const;
};
using NotificationMetadata = NotificationMetadataT<Owned>;
using NotificationMetadataView = NotificationMetadataT<View>;

}  // namespace smdp::asn1
