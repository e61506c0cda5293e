// SPDX-License-Identifier: Apache-2.0
// ES10b.PrepareDownload on the software eUICC (SGP.22 §5.7.5, §3.1.3.2): the card's
// checks of CERT.DPpb and smdpSigned2, the one-time key pair otPK/otSK.EUICC.ECKA and
// the signed euiccSigned2.
#include "asn1/prepare_download.h"

#include <algorithm>

#include "euicc/card.h"
#include "euicc/card_impl.h"

namespace smdp::euicc {
namespace {

DownloadErrorCode to_error(DpCertificateFault f) {
  return f == DpCertificateFault::unsupported_curve ? DownloadErrorCode::unsupported_curve
                                                    : DownloadErrorCode::invalid_certificate;
}

Bytes error_response(ByteView transaction_id, DownloadErrorCode code) {
  asn1::PrepareDownloadResponseError error;
  error.transaction_id.assign(transaction_id.begin(), transaction_id.end());
  error.download_error_code = static_cast<std::uint64_t>(code);
  asn1::PrepareDownloadResponse response;
  response.result = std::move(error);
  return response.encode();
}

}  // namespace

Result<Bytes> Card::prepare_download(ByteView request, std::chrono::sys_seconds now) {
  Impl& card = *impl_;
  auto req = asn1::PrepareDownloadRequestView::decode(request);
  if (!req) return std::unexpected(in_context(req.error(), "ES10b.PrepareDownload"));
  const asn1::SmdpSigned2View& signed2 = req->smdp_signed2;
  const ByteView tid = signed2.transaction_id;

  if (!card.session) return error_response(tid, DownloadErrorCode::no_session_context);
  RspSession& session = *card.session;

  // CERT.DPpb: issued by the CI of the session, and the same SM-DP+ as CERT.DPauth.
  auto dppb = check_dp_certificate(req->smdp_certificate, card.cis[session.ci_index],
                                   pki::Role::dp_pb, now);
  if (!dppb) return error_response(tid, to_error(dppb.error()));
  if (dppb->smdp_oid != session.smdp_oid) {
    return error_response(tid, DownloadErrorCode::invalid_certificate);
  }
  // smdpSignature2 covers smdpSigned2 || euiccSignature1 (the 5F37 TLV we sent).
  const Bytes signed_input = concat(signed2.raw, session.euicc_signature1_tlv);
  if (!dppb->certificate.public_key().verify(signed_input, req->smdp_signature2)) {
    return error_response(tid, DownloadErrorCode::invalid_signature);
  }
  if (!std::ranges::equal(tid, session.transaction_id)) {
    return error_response(tid, DownloadErrorCode::invalid_transaction_id);
  }
  // A Confirmation Code is required exactly when the SM-DP+ says so.
  if (signed2.cc_required_flag != req->hash_cc.has_value()) {
    return error_response(tid, DownloadErrorCode::undefined_error);
  }

  // Retry with bppEuiccOtpk: reuse the key pair if it is still the one we hold.
  const crypto::Curve curve = card.config.euicc_private_key.curve();
  const bool reuse = signed2.bpp_euicc_otpk && card.otsk &&
                     std::ranges::equal(*signed2.bpp_euicc_otpk, card.otsk->public_key().point());
  if (!reuse) {
    auto otsk = crypto::EcPrivateKey::generate(curve, *card.rng);
    if (!otsk) return std::unexpected(in_context(otsk.error(), "otSK.EUICC.ECKA"));
    card.otsk = std::move(*otsk);
  }

  asn1::EUICCSigned2View euicc_signed2;
  euicc_signed2.transaction_id = tid;
  euicc_signed2.euicc_otpk = card.otsk->public_key().point();
  euicc_signed2.hash_cc = req->hash_cc;
  const Bytes signed2_der = euicc_signed2.encode();
  // euiccSignature2 covers euiccSigned2 || smdpSignature2 (the 5F37 TLV received).
  const crypto::RawSignature signature = card.sign(concat(signed2_der, req->smdp_signature2_tlv));

  asn1::PrepareDownloadResponseOkT<asn1::View> ok;
  ok.euicc_signed2 = euicc_signed2;
  ok.euicc_signature2 = signature;
  asn1::PrepareDownloadResponseView response;
  response.result = ok;
  session.dppb = std::move(dppb->certificate);
  return response.encode();
}

}  // namespace smdp::euicc
