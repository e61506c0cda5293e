// SPDX-License-Identifier: Apache-2.0
// ES10b.AuthenticateServer on the software eUICC (SGP.22 §5.7.13, §3.1.2 common mutual
// authentication): the card's checks of the SM-DP+ and its signed euiccSigned1.
#include "asn1/authenticate_server.h"

#include <algorithm>
#include <cctype>

#include "der/writer.h"
#include "euicc/card.h"
#include "euicc/card_impl.h"

namespace smdp::euicc {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::ranges::equal(a, b, [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

AuthenticateErrorCode to_error(DpCertificateFault f) {
  switch (f) {
    case DpCertificateFault::unsupported_curve:
      return AuthenticateErrorCode::unsupported_curve;
    case DpCertificateFault::wrong_role:
    case DpCertificateFault::no_smdp_oid:
      return AuthenticateErrorCode::invalid_oid;
    case DpCertificateFault::malformed:
    case DpCertificateFault::not_issued_by_ci:
    case DpCertificateFault::not_valid_now:
    case DpCertificateFault::wrong_usage:
      break;
  }
  return AuthenticateErrorCode::invalid_certificate;
}

Bytes error_response(ByteView transaction_id, AuthenticateErrorCode code) {
  asn1::AuthenticateResponseError error;
  error.transaction_id.assign(transaction_id.begin(), transaction_id.end());
  error.authenticate_error_code = static_cast<std::uint64_t>(code);
  asn1::AuthenticateServerResponse response;
  response.result = std::move(error);
  return response.encode();
}

}  // namespace

Result<Bytes> Card::authenticate_server(ByteView request, std::string_view expected_smdp_address,
                                        std::chrono::sys_seconds now) {
  Impl& card = *impl_;
  // A new AuthenticateServer starts a new session: the previous one is gone, and the
  // euiccChallenge is used once whatever the outcome.
  card.session.reset();
  const std::optional<Bytes> challenge = std::exchange(card.euicc_challenge, std::nullopt);

  auto req = asn1::AuthenticateServerRequestView::decode(request);
  if (!req) return std::unexpected(in_context(req.error(), "ES10b.AuthenticateServer"));
  const asn1::ServerSigned1View& signed1 = req->server_signed1;
  const ByteView tid = signed1.transaction_id;

  // The CI named by the SM-DP+ must be one the card holds for verification.
  const auto ski = std::ranges::find_if(card.ci_skis, [&](const Bytes& s) {
    return std::ranges::equal(s, req->euicc_ci_pkid_to_be_used);
  });
  if (ski == card.ci_skis.end()) return error_response(tid, AuthenticateErrorCode::ci_pk_unknown);
  const auto ci_index = static_cast<std::size_t>(ski - card.ci_skis.begin());
  const pki::Certificate& ci = card.cis[ci_index];

  auto dpauth = check_dp_certificate(req->server_certificate, ci, pki::Role::dp_auth, now);
  if (!dpauth) return error_response(tid, to_error(dpauth.error()));

  if (!dpauth->certificate.public_key().verify(signed1.raw, req->server_signature1)) {
    return error_response(tid, AuthenticateErrorCode::invalid_signature);
  }
  if (!challenge) return error_response(tid, AuthenticateErrorCode::no_session_context);
  if (!equal_ct(*challenge, signed1.euicc_challenge)) {
    return error_response(tid, AuthenticateErrorCode::euicc_challenge_mismatch);
  }
  // The SM-DP+ address the LPA contacted (SGP.22 §3.1.2: serverAddress is compared
  // with it); SGP.22 has no dedicated code for a mismatch.
  if (!iequals(signed1.server_address, expected_smdp_address)) {
    return error_response(tid, AuthenticateErrorCode::undefined_error);
  }

  // euiccSigned1, built from views into the request and into our EUICCInfo2.
  const Bytes info2_der = card.euicc_info2();
  auto info2 = asn1::EUICCInfo2View::decode(info2_der);
  if (!info2) return std::unexpected(in_context(info2.error(), "own EUICCInfo2"));
  asn1::EuiccSigned1View euicc_signed1;
  euicc_signed1.transaction_id = tid;
  euicc_signed1.server_address = signed1.server_address;
  euicc_signed1.server_challenge = signed1.server_challenge;
  euicc_signed1.euicc_info2 = *info2;
  euicc_signed1.ctx_params1 = req->ctx_params1;
  const Bytes signed_der = euicc_signed1.encode();
  const crypto::RawSignature signature = card.sign(signed_der);

  asn1::AuthenticateResponseOkT<asn1::View> ok;
  ok.euicc_signed1 = euicc_signed1;
  ok.euicc_signature1 = signature;
  ok.euicc_certificate = card.config.euicc_certificate;
  ok.eum_certificate = card.config.eum_certificate;
  asn1::AuthenticateServerResponseView response;
  response.result = ok;

  card.session = RspSession{
      .transaction_id = Bytes(tid.begin(), tid.end()),
      .server_address = std::string(signed1.server_address),
      .ci_index = ci_index,
      .dpauth = std::move(dpauth->certificate),
      .smdp_oid = std::move(dpauth->smdp_oid),
      .euicc_signature1_tlv = der::tlv(asn1::kTagSignature, signature),
      .dppb = std::nullopt,
  };
  return response.encode();
}

}  // namespace smdp::euicc
