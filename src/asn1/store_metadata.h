// SPDX-License-Identifier: Apache-2.0
// StoreMetadataRequest (BF25): the Profile Metadata the SM-DP+ returns in
// ES9+.AuthenticateClient and binds into the BPP (SGP.22 §5.4.1, §5.5.3).
// View types borrow from the decoded buffer; see asn1/common.h.
#pragma once

#include <optional>
#include <vector>

#include "asn1/common.h"
#include "der/writer.h"

namespace smdp::asn1 {

// ProfileClass values; StoreMetadataRequest.profileClass DEFAULT operational.
inline constexpr std::uint64_t kProfileClassTest = 0;
inline constexpr std::uint64_t kProfileClassProvisioning = 1;
inline constexpr std::uint64_t kProfileClassOperational = 2;

template <class S>
struct NotificationConfigurationInformationT {
  static constexpr der::Tag kTag = 0x30;
  Octets<S> profile_management_operation{};  // [0] NotificationEvent BIT STRING contents
  Text<S> notification_address{};            // [1] FQDN
  Octets<S> extensions{};
  ByteView raw{};

  static Result<NotificationConfigurationInformationT> decode(
      ByteView der, der::Tag tag = kTag) requires std::same_as<S, View>;
  void encode_to(der::Writer& out, der::Tag tag = kTag) const;
  Bytes encode() const;
};
using NotificationConfigurationInformation = NotificationConfigurationInformationT<Owned>;
using NotificationConfigurationInformationView = NotificationConfigurationInformationT<View>;

template <class S>
struct OperatorIdT {
  static constexpr der::Tag kTag = 0x30;
  Octets<S> mcc_mnc{};              // [0] 3 octets, 3GPP TS 24.008 coding
  std::optional<Octets<S>> gid1{};  // [1]
  std::optional<Octets<S>> gid2{};  // [2]
  Octets<S> extensions{};
  ByteView raw{};

  static Result<OperatorIdT> decode(ByteView der,
                                    der::Tag tag = kTag) requires std::same_as<S, View>;
  void encode_to(der::Writer& out, der::Tag tag = kTag) const;
  Bytes encode() const;
};
using OperatorId = OperatorIdT<Owned>;
using OperatorIdView = OperatorIdT<View>;

template <class S>
struct StoreMetadataRequestT {
  static constexpr der::Tag kTag = 0xBF25;
  Octets<S> iccid{};                         // 5A, 10 octets
  Text<S> service_provider_name{};           // [17] 0..32 characters
  Text<S> profile_name{};                    // [18] 0..64 characters
  std::optional<std::uint64_t> icon_type{};  // [19] IconType: jpg(0), png(1)
  std::optional<Octets<S>> icon{};           // [20] 0..1024 octets
  // [21] ProfileClass. DER omits the DEFAULT, so decoding rejects an encoded
  // operational(2) and encoding omits it.
  std::uint64_t profile_class = kProfileClassOperational;
  std::optional<std::vector<NotificationConfigurationInformationT<S>>>
      notification_configuration_info{};            // [22]
  std::optional<OperatorIdT<S>> profile_owner{};    // [23]
  std::optional<Octets<S>> profile_policy_rules{};  // [25] PprIds BIT STRING
  // [34] / [35] VendorSpecificExtension: contents octets (a SEQUENCE OF SEQUENCE),
  // DER-checked, not interpreted.
  std::optional<Octets<S>> service_specific_data_stored_in_euicc{};
  std::optional<Octets<S>> service_specific_data_not_stored_in_euicc{};
  Octets<S> extensions{};
  ByteView raw{};

  static Result<StoreMetadataRequestT> decode(ByteView der,
                                              der::Tag tag = kTag) requires std::same_as<S, View>;
  void encode_to(der::Writer& out, der::Tag tag = kTag) const;
  Bytes encode() const;
};
using StoreMetadataRequest = StoreMetadataRequestT<Owned>;
using StoreMetadataRequestView = StoreMetadataRequestT<View>;

}  // namespace smdp::asn1
