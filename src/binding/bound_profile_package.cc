// SPDX-License-Identifier: Apache-2.0
// SM-DP+ side of the BPP (SGP.22 §2.5.5, §3.1.3.3).
#include "binding/bound_profile_package.h"

#include <openssl/crypto.h>

#include "asn1/bpp.h"
#include "binding/scp03t.h"
#include "binding/session_keys.h"

namespace smdp::binding {
namespace {

struct OpenedSession {
  Bytes bf23;
  Bytes smdp_otpk;
  ChannelKeys keys;
};

// smdpSign over BF23's signed part || otPK.EUICC (§5.7.7), with SK.DPpb.
Result<void> sign(asn1::InitialiseSecureChannelRequest& isc, ByteView euicc_otpk,
                  const crypto::EcPrivateKey& sk_dppb) {
  isc.signed_part = isc.encode_signed_part();
  auto sig = sk_dppb.sign(
      asn1::InitialiseSecureChannelRequest::signature_input(isc.signed_part, euicc_otpk));
  if (!sig) return std::unexpected(sig.error());
  isc.smdp_sign.assign(sig->begin(), sig->end());
  return {};
}

// Key agreement and the signed BF23 (SGP.22 §2.6.7, §5.7.7 InitialiseSecureChannel).
Result<OpenedSession> open_session(const BindingInput& in, const crypto::EcPrivateKey& sk_dppb,
                                   crypto::Rng& rng) {
  auto otsk = crypto::EcPrivateKey::generate(sk_dppb.curve(), rng);
  if (!otsk) return std::unexpected(otsk.error());
  auto shared = otsk->ecdh(in.euicc_otpk);  // rejects points off the DPpb curve
  if (!shared) return std::unexpected(shared.error());
  auto keys = derive_session_keys(*shared, in.host_id, in.eid);
  OPENSSL_cleanse(shared->data(), shared->size());
  if (!keys) return std::unexpected(keys.error());

  asn1::InitialiseSecureChannelRequest isc;
  isc.transaction_id.assign(in.transaction_id.begin(), in.transaction_id.end());
  isc.control_ref_template.host_id.assign(in.host_id.begin(), in.host_id.end());
  isc.smdp_otpk = otsk->public_key().point();
  if (auto signed_isc = sign(isc, in.euicc_otpk, sk_dppb); !signed_isc)
    return std::unexpected(signed_isc.error());
  return OpenedSession{isc.encode(), isc.smdp_otpk, *keys};
}

// BF23 + A0 (ConfigureISDP) + A1 (StoreMetadata) on a fresh session channel.
Result<asn1::BoundProfilePackage> start_package(const BindingInput& in,
                                                const OpenedSession& session,
                                                Scp03tChannel& channel) {
  asn1::BoundProfilePackage bpp;
  bpp.initialise_secure_channel = session.bf23;
  auto first = protect_segments(channel, asn1::kTagEncryptedCommand, in.configure_isdp, true);
  if (!first) return std::unexpected(first.error());
  bpp.first_sequence_of_87 = std::move(*first);
  auto metadata = protect_segments(channel, asn1::kTagMacOnlyCommand, in.store_metadata, false);
  if (!metadata) return std::unexpected(metadata.error());
  bpp.sequence_of_88 = std::move(*metadata);
  return bpp;
}

}  // namespace

Result<BoundPackage> bind_profile_package(const BindingInput& in,
                                          const crypto::EcPrivateKey& sk_dppb, crypto::Rng& rng,
                                          ByteView profile_package) {
  auto session = open_session(in, sk_dppb, rng);
  if (!session) return std::unexpected(session.error());
  Scp03tChannel channel(session->keys);
  auto bpp = start_package(in, *session, channel);
  if (!bpp) return std::unexpected(bpp.error());
  auto segments = protect_segments(channel, asn1::kTagProfileSegment, profile_package, true);
  if (!segments) return std::unexpected(segments.error());
  bpp->sequence_of_86 = std::move(*segments);
  return BoundPackage{bpp->encode(), std::move(session->smdp_otpk)};
}

Result<BoundPackage> bind_protected_profile_package(const BindingInput& in,
                                                    const crypto::EcPrivateKey& sk_dppb,
                                                    crypto::Rng& rng,
                                                    const ProtectedProfilePackage& ppp) {
  auto session = open_session(in, sk_dppb, rng);
  if (!session) return std::unexpected(session.error());
  Scp03tChannel channel(session->keys);
  auto bpp = start_package(in, *session, channel);
  if (!bpp) return std::unexpected(bpp.error());
  asn1::ReplaceSessionKeysRequest replace;
  replace.initial_mac_chaining_value.assign(ppp.ppk.initial_mcv.begin(), ppp.ppk.initial_mcv.end());
  replace.ppk_enc.assign(ppp.ppk.s_enc.begin(), ppp.ppk.s_enc.end());
  replace.ppk_cmac.assign(ppp.ppk.s_mac.begin(), ppp.ppk.s_mac.end());
  Bytes replace_plain = replace.encode();
  auto second = channel.encrypt_and_mac(asn1::kTagEncryptedCommand, replace_plain);
  OPENSSL_cleanse(replace_plain.data(), replace_plain.size());
  if (!second) return std::unexpected(second.error());
  bpp->second_sequence_of_87 = std::vector<Bytes>{std::move(*second)};
  bpp->sequence_of_86 = ppp.segments;
  return BoundPackage{bpp->encode(), std::move(session->smdp_otpk)};
}

Result<Bytes> reissue_for_transaction(ByteView bpp, ByteView transaction_id, ByteView euicc_otpk,
                                      const crypto::EcPrivateKey& sk_dppb) {
  auto package = asn1::BoundProfilePackage::decode(bpp);
  if (!package) return std::unexpected(package.error());
  auto isc = asn1::InitialiseSecureChannelRequest::decode(package->initialise_secure_channel);
  if (!isc) return std::unexpected(isc.error());
  isc->transaction_id.assign(transaction_id.begin(), transaction_id.end());
  if (auto signed_isc = sign(*isc, euicc_otpk, sk_dppb); !signed_isc)
    return std::unexpected(signed_isc.error());
  package->initialise_secure_channel = isc->encode();
  return package->encode();
}

}  // namespace smdp::binding
