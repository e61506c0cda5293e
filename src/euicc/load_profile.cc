// SPDX-License-Identifier: Apache-2.0
// ES10b.LoadBoundProfilePackage on the software eUICC (SGP.22 §5.7.6, §3.1.3.3): the BPP
// is processed by bpp_loader, the profile installed, and the signed
// ProfileInstallationResult kept as a pending notification (§3.5) whatever the outcome.
#include <algorithm>

#include "asn1/profile_installation_result.h"
#include "asn1/store_metadata.h"
#include "euicc/bpp_loader.h"
#include "euicc/card.h"
#include "euicc/card_errors.h"
#include "euicc/card_impl.h"

namespace smdp::euicc {
namespace {

// notificationInstall (NotificationEvent bit 0).
constexpr std::size_t kNotificationInstall = 0;
// EUICCResponse ::= SEQUENCE { peStatus SEQUENCE OF PEStatus { status ok(0) } }
// (SAIP), the answer of a profile whose every element was processed.
constexpr std::uint8_t kSimaResponseOk[] = {0x30, 0x07, 0xA0, 0x05, 0x30, 0x03, 0x80, 0x01, 0x00};
// ISD-P AIDs as eUICCs commonly number them: A0000005591010FFFFFFFF89000 0nn 00.
Bytes isdp_aid(std::size_t index) {
  return {
      0xA0, 0x00, 0x00, 0x05, 0x59,
      0x10, 0x10, 0xFF, 0xFF, 0xFF,
      0xFF, 0x89, 0x00, 0x00, static_cast<std::uint8_t>(0x10 + std::min<std::size_t>(index, 0xEF)),
      0x00};
}

}  // namespace

Result<Bytes> Card::load_bound_profile_package(ByteView bpp) {
  Impl& card = *impl_;
  if (!card.session || !card.session->dppb || !card.otsk) {
    return fail(CardErrc::no_session, "LoadBoundProfilePackage before PrepareDownload");
  }
  // The session ends with this command, whatever its outcome.
  const RspSession session = std::move(*card.session);
  card.session.reset();

  const SessionContext ctx{session.transaction_id, card.eid_bcd, *card.otsk,
                           session.dppb->public_key()};
  auto loaded = euicc::load_bound_profile_package(bpp, ctx);

  asn1::ProfileInstallationResultData data;
  data.transaction_id = session.transaction_id;
  data.notification_metadata.seq_number = static_cast<std::uint64_t>(card.take_seq_number());
  data.notification_metadata.profile_management_operation =
      asn1::make_bit_string({kNotificationInstall});
  data.notification_metadata.notification_address = session.server_address;
  data.smdp_oid = session.smdp_oid;

  std::optional<LoadError> error;
  if (!loaded) error = loaded.error();
  std::optional<asn1::StoreMetadataRequestView> metadata;
  if (loaded) {
    auto decoded = asn1::StoreMetadataRequestView::decode(loaded->store_metadata);
    if (!decoded) {
      error = LoadError{BppCommandId::store_metadata, ErrorReason::incorrect_input_values,
                        decoded.error().message()};
    } else {
      metadata = *decoded;
      data.notification_metadata.iccid = Bytes(metadata->iccid.begin(), metadata->iccid.end());
    }
  }
  if (metadata) {
    const std::string iccid = iccid_digits(metadata->iccid);
    std::uint64_t used = 0;
    for (const auto& p : card.profiles) used += p.profile_package.size();
    if (std::ranges::any_of(card.profiles, [&](const auto& p) { return p.iccid == iccid; })) {
      error = LoadError{BppCommandId::store_metadata,
                        ErrorReason::install_failed_due_to_iccid_already_exists_on_euicc,
                        "ICCID already installed"};
    } else if (used + loaded->profile_package.size() >
               static_cast<std::uint64_t>(std::max<std::int64_t>(card.config.free_nvm, 0))) {
      error = LoadError{BppCommandId::load_profile_elements,
                        ErrorReason::install_failed_due_to_insufficient_memory_for_profile,
                        "insufficient memory"};
    } else {
      asn1::SuccessResult success;
      success.aid = isdp_aid(card.profiles.size());
      success.sima_response.assign(std::begin(kSimaResponseOk), std::end(kSimaResponseOk));
      data.final_result.result = std::move(success);
      card.profiles.push_back(InstalledProfileInfo{
          .iccid = iccid,
          .profile_package = std::move(loaded->profile_package),
          .store_metadata = std::move(loaded->store_metadata),
          .used_ppk = loaded->used_ppk,
      });
      card.otsk.reset();  // one-time key: spent
    }
  }
  if (error) {
    asn1::ErrorResult failure;
    failure.bpp_command_id = static_cast<std::uint64_t>(error->command);
    failure.error_reason = static_cast<std::uint64_t>(error->reason);
    data.final_result.result = std::move(failure);
  }

  asn1::ProfileInstallationResult result;
  result.profile_installation_result_data = std::move(data);
  // euiccSignPIR covers the whole BF27 ProfileInstallationResultData.
  const Bytes signed_der = result.profile_installation_result_data.encode();
  const crypto::RawSignature signature = card.sign(signed_der);
  result.euicc_sign_pir.assign(signature.begin(), signature.end());
  Bytes der = result.encode();
  card.notifications.push_back(
      {static_cast<std::int64_t>(
           result.profile_installation_result_data.notification_metadata.seq_number),
       der});
  return der;
}

}  // namespace smdp::euicc
