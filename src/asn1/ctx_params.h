// SPDX-License-Identifier: Apache-2.0
// CtxParams1 and the Device Information it carries (SGP.22 §5.7.13 AuthenticateServer,
// §4.2 Device Information): matchingId, TAC, IMEI and the device's radio capabilities.
// All components are AUTOMATIC-tagged [0], [1], ... in order. View types borrow from
// the decoded buffer; see asn1/common.h.
#pragma once

#include <optional>

#include "asn1/common.h"
#include "der/writer.h"

namespace smdp::asn1 {

template <class S>
struct DeviceAdditionalFeatureSupportT {
  static constexpr der::Tag kTag = 0x30;
  std::optional<Octets<S>> nai_support{};  // [0] VersionType
  Octets<S> extensions{};
  ByteView raw{};

  static Result<DeviceAdditionalFeatureSupportT> decode(
      ByteView der, der::Tag tag = kTag) requires std::same_as<S, View>;
  void encode_to(der::Writer& out, der::Tag tag = kTag) const;
  Bytes encode() const;
};
using DeviceAdditionalFeatureSupport = DeviceAdditionalFeatureSupportT<Owned>;
using DeviceAdditionalFeatureSupportView = DeviceAdditionalFeatureSupportT<View>;

// Each release is a VersionType (3 octets).
template <class S>
struct DeviceCapabilitiesT {
  static constexpr der::Tag kTag = 0x30;
  std::optional<Octets<S>> gsm_supported_release{};            // [0]
  std::optional<Octets<S>> utran_supported_release{};          // [1]
  std::optional<Octets<S>> cdma2000onex_supported_release{};   // [2]
  std::optional<Octets<S>> cdma2000hrpd_supported_release{};   // [3]
  std::optional<Octets<S>> cdma2000ehrpd_supported_release{};  // [4]
  std::optional<Octets<S>> eutran_epc_supported_release{};     // [5]
  std::optional<Octets<S>> contactless_supported_release{};    // [6]
  std::optional<Octets<S>> rsp_crl_supported_version{};        // [7]
  std::optional<Octets<S>> nr_epc_supported_release{};         // [8]
  std::optional<Octets<S>> nr5gc_supported_release{};          // [9]
  std::optional<Octets<S>> eutran5gc_supported_release{};      // [10]
  std::optional<Octets<S>> lpa_svn{};                          // [11]
  std::optional<Octets<S>> cat_supported_classes{};            // [12] BIT STRING contents
  std::optional<std::uint64_t> euicc_form_factor_type{};       // [13] INTEGER (>= 0 accepted)
  std::optional<DeviceAdditionalFeatureSupportT<S>> device_additional_feature_support{};  // [14]
  Octets<S> extensions{};
  ByteView raw{};

  static Result<DeviceCapabilitiesT> decode(ByteView der,
                                            der::Tag tag = kTag) requires std::same_as<S, View>;
  void encode_to(der::Writer& out, der::Tag tag = kTag) const;
  Bytes encode() const;
};
using DeviceCapabilities = DeviceCapabilitiesT<Owned>;
using DeviceCapabilitiesView = DeviceCapabilitiesT<View>;

template <class S>
struct DeviceInfoT {
  static constexpr der::Tag kTag = 0x30;
  Octets<S> tac{};                               // [0] Octet4
  DeviceCapabilitiesT<S> device_capabilities{};  // [1]
  std::optional<Octets<S>> imei{};               // [2] Octet8
  Octets<S> extensions{};
  ByteView raw{};

  static Result<DeviceInfoT> decode(ByteView der,
                                    der::Tag tag = kTag) requires std::same_as<S, View>;
  void encode_to(der::Writer& out, der::Tag tag = kTag) const;
  Bytes encode() const;
};
using DeviceInfo = DeviceInfoT<Owned>;
using DeviceInfoView = DeviceInfoT<View>;

template <class S>
struct CtxParamsForCommonAuthenticationT {
  static constexpr der::Tag kTag = 0x30;
  std::optional<Text<S>> matching_id{};  // [0] Activation Code token, EventID, or absent
  DeviceInfoT<S> device_info{};          // [1]
  Octets<S> extensions{};
  ByteView raw{};

  static Result<CtxParamsForCommonAuthenticationT> decode(
      ByteView der, der::Tag tag = kTag) requires std::same_as<S, View>;
  void encode_to(der::Writer& out, der::Tag tag = kTag) const;
  Bytes encode() const;
};
using CtxParamsForCommonAuthentication = CtxParamsForCommonAuthenticationT<Owned>;
using CtxParamsForCommonAuthenticationView = CtxParamsForCommonAuthenticationT<View>;

// CtxParams1 ::= CHOICE { ctxParamsForCommonAuthentication [0] } -- the only
// alternative in SGP.22 v2.5; any other is rejected with Errc::unknown_alternative.
// An untagged CHOICE: its encoding is the alternative's TLV (A0), `raw` is that TLV.
template <class S>
struct CtxParams1T {
  CtxParamsForCommonAuthenticationT<S> ctx_params_for_common_authentication{};
  ByteView raw{};

  static Result<CtxParams1T> decode(ByteView der) requires std::same_as<S, View>;
  void encode_to(der::Writer& out) const;
  Bytes encode() const;
};
using CtxParams1 = CtxParams1T<Owned>;
using CtxParams1View = CtxParams1T<View>;

}  // namespace smdp::asn1
