// SPDX-License-Identifier: Apache-2.0
// eUICC-side processing of a Bound Profile Package (SGP.22 §5.7.6, §2.5.4, §2.5.5).
#include "euicc/bpp_loader.h"

#include <openssl/crypto.h>

#include "asn1/bpp.h"
#include "binding/scp03t.h"
#include "binding/session_keys.h"
#include "der/der.h"

namespace smdp::euicc {
namespace {

std::unexpected<LoadError> refuse(BppCommandId cmd, ErrorReason reason, std::string detail) {
  return std::unexpected(LoadError{cmd, reason, std::move(detail)});
}

ErrorReason scp03t_reason(const Error& e) {
  return e.code == binding::Errc::security ? ErrorReason::scp03t_security_error
                                           : ErrorReason::scp03t_structure_error;
}

// Verifies and unwraps every TLV of one sequence on `channel`, concatenating plaintexts.
std::expected<Bytes, LoadError> unwrap_all(binding::Scp03tChannel& channel,
                                           const std::vector<Bytes>& tlvs, std::uint32_t tag,
                                           bool encrypted, BppCommandId cmd) {
  Bytes out;
  if (tlvs.empty()) return refuse(cmd, ErrorReason::scp03t_structure_error, "empty sequence");
  for (const Bytes& tlv : tlvs) {
    auto part =
        encrypted ? channel.verify_and_decrypt(tag, tlv) : channel.verify_mac_only(tag, tlv);
    if (!part) return refuse(cmd, scp03t_reason(part.error()), part.error().message());
    append(out, *part);
  }
  return out;
}

// BF23 checks (SGP.22 §5.7.6 steps for InitialiseSecureChannel) and session keys.
std::expected<binding::ChannelKeys, LoadError> initialise_secure_channel(
    ByteView bf23, const SessionContext& ctx) {
  constexpr auto cmd = BppCommandId::initialise_secure_channel;
  auto isc = asn1::InitialiseSecureChannelRequest::decode(bf23);
  if (!isc) return refuse(cmd, ErrorReason::incorrect_input_values, isc.error().message());
  if (isc->remote_op_id != asn1::kRemoteOpInstallBpp) {
    return refuse(cmd, ErrorReason::unsupported_remote_operation_type, "remoteOpId");
  }
  if (!equal_ct(isc->transaction_id, ctx.transaction_id)) {
    return refuse(cmd, ErrorReason::invalid_transaction_id, "transactionId");
  }
  const auto& crt = isc->control_ref_template;
  if (crt.key_type != asn1::kKeyTypeAes || crt.key_len != asn1::kKeyLength) {
    return refuse(cmd, ErrorReason::unsupported_crt_values, "CRT key type/length");
  }
  const Bytes signed_data = asn1::InitialiseSecureChannelRequest::signature_input(
      isc->signed_part, ctx.euicc_otsk.public_key().point());
  if (!ctx.pk_dppb.verify(signed_data, isc->smdp_sign)) {
    return refuse(cmd, ErrorReason::invalid_signature, "smdpSign");
  }
  auto shared = ctx.euicc_otsk.ecdh(isc->smdp_otpk);
  if (!shared) return refuse(cmd, ErrorReason::incorrect_input_values, "smdpOtpk");
  auto keys = binding::derive_session_keys(*shared, crt.host_id, ctx.eid);
  if (!keys) return refuse(cmd, ErrorReason::incorrect_input_values, keys.error().message());
  return *keys;
}

}  // namespace

std::expected<InstalledProfile, LoadError> load_bound_profile_package(ByteView bpp_tlv,
                                                                      const SessionContext& ctx) {
  auto bpp = asn1::BoundProfilePackage::decode(bpp_tlv);
  if (!bpp) {
    return refuse(BppCommandId::initialise_secure_channel, ErrorReason::incorrect_input_values,
                  bpp.error().message());
  }
  auto keys = initialise_secure_channel(bpp->initialise_secure_channel, ctx);
  if (!keys) return std::unexpected(keys.error());
  binding::Scp03tChannel channel(*keys);
  InstalledProfile out;

  auto configure = unwrap_all(channel, bpp->first_sequence_of_87, asn1::kTagEncryptedCommand, true,
                              BppCommandId::configure_isdp);
  if (!configure) return std::unexpected(configure.error());
  if (bpp->first_sequence_of_87.size() != 1 || !asn1::ConfigureIsdpRequest::decode(*configure)) {
    return refuse(BppCommandId::configure_isdp, ErrorReason::incorrect_input_values,
                  "ConfigureISDPRequest");
  }
  out.configure_isdp = std::move(*configure);

  auto metadata = unwrap_all(channel, bpp->sequence_of_88, asn1::kTagMacOnlyCommand, false,
                             BppCommandId::store_metadata);
  if (!metadata) return std::unexpected(metadata.error());
  auto bf25 = der::parse_single(*metadata);
  if (!bf25 || bf25->tag != 0xBF25) {
    return refuse(BppCommandId::store_metadata, ErrorReason::incorrect_input_values,
                  "StoreMetadataRequest");
  }
  out.store_metadata = std::move(*metadata);

  std::optional<binding::Scp03tChannel> ppk_channel;
  if (const auto& second = bpp->second_sequence_of_87; second.has_value()) {
    constexpr auto cmd = BppCommandId::replace_session_keys;
    auto replace_plain = unwrap_all(channel, *second, asn1::kTagEncryptedCommand, true, cmd);
    if (!replace_plain) return std::unexpected(replace_plain.error());
    auto replace = asn1::ReplaceSessionKeysRequest::decode(*replace_plain);
    OPENSSL_cleanse(replace_plain->data(), replace_plain->size());
    if (second->size() != 1 || !replace) {
      return refuse(cmd, ErrorReason::incorrect_input_values, "ReplaceSessionKeysRequest");
    }
    ppk_channel.emplace(binding::ChannelKeys(replace->ppk_enc, replace->ppk_cmac,
                                             replace->initial_mac_chaining_value));
    out.used_ppk = true;
  }

  auto profile = unwrap_all(ppk_channel ? *ppk_channel : channel, bpp->sequence_of_86,
                            asn1::kTagProfileSegment, true, BppCommandId::load_profile_elements);
  if (!profile) return std::unexpected(profile.error());
  // The profile is a sequence of ProfileElement TLVs: framing must be valid DER.
  if (auto v = der::validate_tree(*profile); !v) {
    return refuse(BppCommandId::load_profile_elements,
                  ErrorReason::install_failed_due_to_pe_processing_error, v.error().message());
  }
  out.profile_package = std::move(*profile);
  out.segment_count = bpp->sequence_of_86.size();
  return out;
}

}  // namespace smdp::euicc
