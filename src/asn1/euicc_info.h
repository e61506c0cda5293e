// SPDX-License-Identifier: Apache-2.0
// EUICCInfo1 (BF20) and EUICCInfo2 (BF22): eUICC capabilities sent in
// ES9+.InitiateAuthentication and inside euiccSigned1 (SGP.22 §5.7.8, §5.7.9, §4.3).
// View types borrow from the decoded buffer; see asn1/common.h.
#pragma once

#include <optional>
#include <vector>

#include "asn1/common.h"
#include "der/writer.h"

namespace smdp::asn1 {

template <class S>
struct EUICCInfo1T {
  static constexpr der::Tag kTag = 0xBF20;
  Octets<S> svn{};                                               // [2] VersionType
  std::vector<Octets<S>> euicc_ci_pkid_list_for_verification{};  // [9] SubjectKeyIdentifiers
  std::vector<Octets<S>> euicc_ci_pkid_list_for_signing{};       // [10]
  Octets<S> extensions{};
  ByteView raw{};

  static Result<EUICCInfo1T> decode(ByteView der,
                                    der::Tag tag = kTag) requires std::same_as<S, View>;
  void encode_to(der::Writer& out, der::Tag tag = kTag) const;
  Bytes encode() const;
};
using EUICCInfo1 = EUICCInfo1T<Owned>;
using EUICCInfo1View = EUICCInfo1T<View>;

template <class S>
struct CertificationDataObjectT {
  static constexpr der::Tag kTag = 0x30;
  Text<S> platform_label{};      // [0]
  Text<S> discovery_base_url{};  // [1]
  Octets<S> extensions{};
  ByteView raw{};

  static Result<CertificationDataObjectT> decode(
      ByteView der, der::Tag tag = kTag) requires std::same_as<S, View>;
  void encode_to(der::Writer& out, der::Tag tag = kTag) const;
  Bytes encode() const;
};
using CertificationDataObject = CertificationDataObjectT<Owned>;
using CertificationDataObjectView = CertificationDataObjectT<View>;

// BIT STRING fields hold DER contents octets (see has_bit / make_bit_string).
template <class S>
struct EUICCInfo2T {
  static constexpr der::Tag kTag = 0xBF22;
  Octets<S> profile_version{};                                   // [1] VersionType
  Octets<S> svn{};                                               // [2] VersionType
  Octets<S> euicc_firmware_ver{};                                // [3] VersionType
  Octets<S> ext_card_resource{};                                 // [4] OCTET STRING
  Octets<S> uicc_capability{};                                   // [5] BIT STRING
  std::optional<Octets<S>> ts102241_version{};                   // [6] VersionType
  std::optional<Octets<S>> globalplatform_version{};             // [7] VersionType
  Octets<S> rsp_capability{};                                    // [8] BIT STRING
  std::vector<Octets<S>> euicc_ci_pkid_list_for_verification{};  // [9]
  std::vector<Octets<S>> euicc_ci_pkid_list_for_signing{};       // [10]
  std::optional<std::uint64_t> euicc_category{};                 // [11] INTEGER
  std::optional<Octets<S>> forbidden_profile_policy_rules{};     // [25] PprIds BIT STRING
  // The next two have no tag in the ASN.1; AUTOMATIC TAGS does not apply because the
  // SEQUENCE has tagged components (X.680 §25.3), so they carry universal tags.
  Octets<S> pp_version{};                                                  // 04 VersionType
  Text<S> sas_acreditation_number{};                                       // 0C, 0..64 characters
  std::optional<CertificationDataObjectT<S>> certification_data_object{};  // [12]
  std::optional<Octets<S>> tre_properties{};                               // [13] BIT STRING
  std::optional<Text<S>> tre_product_reference{};                          // [14]
  std::optional<std::vector<Octets<S>>> additional_euicc_profile_package_versions{};  // [15]
  Octets<S> extensions{};
  ByteView raw{};

  static Result<EUICCInfo2T> decode(ByteView der,
                                    der::Tag tag = kTag) requires std::same_as<S, View>;
  void encode_to(der::Writer& out, der::Tag tag = kTag) const;
  Bytes encode() const;
};
using EUICCInfo2 = EUICCInfo2T<Owned>;
using EUICCInfo2View = EUICCInfo2T<View>;

}  // namespace smdp::asn1
