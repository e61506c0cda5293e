// SPDX-License-Identifier: Apache-2.0
// ProfileInstallationResult (BF37, SGP.22 §5.7.6 LoadBoundProfilePackage, §4.5): the
// eUICC's signed result of a profile download, sent to the SM-DP+ in
// ES9+.HandleNotification. euiccSignPIR covers the BF27 ProfileInstallationResultData.
// View types borrow from the decoded buffer; see asn1/common.h.
#pragma once

#include <optional>
#include <variant>

#include "asn1/common.h"
#include "asn1/notification_metadata.h"
#include "der/writer.h"

namespace smdp::asn1 {

template <class S>
struct SuccessResultT {
  static constexpr der::Tag kTag = 0x30;
  Octets<S> aid{};            // 4F, ISD-P AID, 5..16 octets
  Octets<S> sima_response{};  // 04, EUICCResponse(s) per SAIP
  Octets<S> extensions{};
  ByteView raw{};

  static Result<SuccessResultT> decode(ByteView der,
                                       der::Tag tag = kTag) requires std::same_as<S, View>;
  void encode_to(der::Writer& out, der::Tag tag = kTag) const;
  Bytes encode() const;
};
using SuccessResult = SuccessResultT<Owned>;
using SuccessResultView = SuccessResultT<View>;

template <class S>
struct ErrorResultT {
  static constexpr der::Tag kTag = 0x30;
  std::uint64_t bpp_command_id = 0;          // [0] BppCommandId
  std::uint64_t error_reason = 0;            // [1] ErrorReason
  std::optional<Octets<S>> sima_response{};  // [2]
  Octets<S> extensions{};
  ByteView raw{};

  static Result<ErrorResultT> decode(ByteView der,
                                     der::Tag tag = kTag) requires std::same_as<S, View>;
  void encode_to(der::Writer& out, der::Tag tag = kTag) const;
  Bytes encode() const;
};
using ErrorResult = ErrorResultT<Owned>;
using ErrorResultView = ErrorResultT<View>;

// finalResult [2] CHOICE { successResult [0], errorResult [1] }: A2 { A0 | A1 }.
template <class S>
struct FinalResultT {
  static constexpr der::Tag kTag = 0xA2;
  std::variant<SuccessResultT<S>, ErrorResultT<S>> result{};
  ByteView raw{};

  static Result<FinalResultT> decode(ByteView der,
                                     der::Tag tag = kTag) requires std::same_as<S, View>;
  void encode_to(der::Writer& out, der::Tag tag = kTag) const;
  Bytes encode() const;
};
using FinalResult = FinalResultT<Owned>;
using FinalResultView = FinalResultT<View>;

// euiccSignPIR covers `raw` (this whole BF27 TLV).
template <class S>
struct ProfileInstallationResultDataT {
  static constexpr der::Tag kTag = 0xBF27;
  Octets<S> transaction_id{};                        // [0] TransactionId
  NotificationMetadataT<S> notification_metadata{};  // [47] BF2F
  Octets<S> smdp_oid{};                              // 06 OID contents (oid_to_text)
  FinalResultT<S> final_result{};                    // [2]
  Octets<S> extensions{};
  ByteView raw{};

  static Result<ProfileInstallationResultDataT> decode(
      ByteView der, der::Tag tag = kTag) requires std::same_as<S, View>;
  void encode_to(der::Writer& out, der::Tag tag = kTag) const;
  Bytes encode() const;
};
using ProfileInstallationResultData = ProfileInstallationResultDataT<Owned>;
using ProfileInstallationResultDataView = ProfileInstallationResultDataT<View>;

template <class S>
struct ProfileInstallationResultT {
  static constexpr der::Tag kTag = 0xBF37;
  ProfileInstallationResultDataT<S> profile_installation_result_data{};  // [39] BF27
  Octets<S> euicc_sign_pir{};                                            // 5F37 value
  ByteView euicc_sign_pir_tlv{};  // decoded: the whole 5F37 TLV
  Octets<S> extensions{};
  ByteView raw{};

  static Result<ProfileInstallationResultT> decode(
      ByteView der, der::Tag tag = kTag) requires std::same_as<S, View>;
  void encode_to(der::Writer& out, der::Tag tag = kTag) const;
  Bytes encode() const;
};
using ProfileInstallationResult = ProfileInstallationResultT<Owned>;
using ProfileInstallationResultView = ProfileInstallationResultT<View>;

}  // namespace smdp::asn1
