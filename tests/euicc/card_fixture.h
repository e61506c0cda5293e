// SPDX-License-Identifier: Apache-2.0
// Shared setup of the software eUICC tests: the SGP.26 identities, an Rng that replays
// recorded values, and builders of the ES10b requests an LPA would send, signed with
// the SGP.26 SM-DP+ keys (SGP.22 §5.7.13, §5.7.5).
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <deque>
#include <string>

#include "asn1/authenticate_server.h"
#include "asn1/prepare_download.h"
#include "crypto/rng.h"
#include "der/writer.h"
#include "euicc/card.h"
#include "pki/certificate_set.h"
#include "testdata.h"

namespace smdp::euicc::test {

using namespace std::chrono_literals;
using smdp::testing::hex;

inline constexpr std::string_view kEid = "89049032123451234512345678901235";
inline constexpr std::string_view kAddress = "testsmdpplus1.example.com";
// Inside the validity of every SGP.26 certificate (DPauth/DPpb: 2020-04-01..2030-03-30).
inline const std::chrono::sys_seconds kNow{std::chrono::sys_days{2026y / 11 / 26}};

// Returns queued bytes first, then system randomness.
class ReplayRng final : public crypto::Rng {
 public:
  void queue(ByteView b) { pending_.insert(pending_.end(), b.begin(), b.end()); }
  void fill(std::span<std::uint8_t> out) override {
    for (auto& b : out) {
      if (pending_.empty()) {
        crypto::system_rng().fill({&b, 1});
      } else {
        b = pending_.front();
        pending_.pop_front();
      }
    }
  }

 private:
  std::deque<std::uint8_t> pending_;
};

// "NIST" or "BRP": the SGP.26 file suffix.
struct Sgp26 {
  explicit Sgp26(std::string curve_suffix)
      : suffix(std::move(curve_suffix)),
        ci(certificate("CertificateIssuer/CERT_CI_ECDSA")),
        dpauth(credential("DPauth/CERT_S_SM_DPauth_ECDSA", "DPauth/SK_S_SM_DPauth_ECDSA")),
        dppb(credential("DPpb/CERT_S_SM_DPpb_ECDSA", "DPpb/SK_S_SM_DPpb_ECDSA")),
        euicc(certificate("eUICC/CERT_EUICC_ECDSA")) {}

  CardConfig config() const {
    CardConfig c{.eid = std::string(kEid),
                 .euicc_certificate = euicc.der(),
                 .eum_certificate = smdp::testing::cert("EUM/CERT_EUM_ECDSA", suffix),
                 .ci_certificates = {ci.der()},
                 .euicc_private_key = key("eUICC/SK_EUICC_ECDSA")};
    return c;
  }
  pki::Credential ci_credential() const { return {ci, key("CertificateIssuer/SK_CI_ECDSA")}; }

  // certs/<stem>_<suffix>.der, .pem: the SGP.26 files of this curve.
  pki::Certificate certificate(const std::string& stem) const {
    auto c = pki::Certificate::from_file(smdp::testing::cert_path(stem, suffix));
    if (!c) throw std::runtime_error(c.error().message());
    return *c;
  }
  crypto::EcPrivateKey key(const std::string& stem) const {
    auto k = crypto::EcPrivateKey::from_pem_file(smdp::testing::cert_path(stem, suffix, ".pem"));
    if (!k) throw std::runtime_error(k.error().message());
    return std::move(*k);
  }
  pki::Credential credential(const std::string& cert_stem, const std::string& key_stem) const {
    auto c = pki::Credential::load(smdp::testing::cert_path(cert_stem, suffix),
                                   smdp::testing::cert_path(key_stem, suffix, ".pem"));
    if (!c) throw std::runtime_error(c.error().message());
    return *c;
  }

  std::string suffix;
  pki::Certificate ci;
  pki::Credential dpauth;
  pki::Credential dppb;
  pki::Certificate euicc;
};

struct AuthParams {
  Bytes transaction_id = hex("0123456789abcdef0123456789abcdef");
  Bytes euicc_challenge;
  std::string server_address = std::string(kAddress);
  Bytes server_challenge = hex("ffeeddccbbaa99887766554433221100");
  bool tamper_after_signing = false;
};

inline asn1::CtxParams1 ctx_params1() {
  asn1::CtxParams1 ctx;
  ctx.ctx_params_for_common_authentication.matching_id = "TS48V7-NOBERTLV";
  ctx.ctx_params_for_common_authentication.device_info.tac = hex("35290611");
  ctx.ctx_params_for_common_authentication.device_info.device_capabilities
      .eutran_epc_supported_release = hex("0f0000");
  return ctx;
}

// AuthenticateServerRequest signed by `dp` (SK.DPauth.ECDSA) naming the CI `ci_ski`.
inline Bytes authenticate_server_request(const AuthParams& p, const pki::Credential& dp,
                                         ByteView ci_ski) {
  asn1::AuthenticateServerRequest req;
  req.server_signed1.transaction_id = p.transaction_id;
  req.server_signed1.euicc_challenge = p.euicc_challenge;
  req.server_signed1.server_address = p.server_address;
  req.server_signed1.server_challenge = p.server_challenge;
  auto sig = dp.key.sign(req.server_signed1.encode());
  if (!sig) throw std::runtime_error("sign");
  if (p.tamper_after_signing) req.server_signed1.server_challenge[0] ^= 1;
  req.server_signature1.assign(sig->begin(), sig->end());
  req.euicc_ci_pkid_to_be_used.assign(ci_ski.begin(), ci_ski.end());
  req.server_certificate = dp.cert.der();
  req.ctx_params1 = ctx_params1();
  return req.encode();
}

struct PrepareParams {
  Bytes transaction_id = hex("0123456789abcdef0123456789abcdef");
  bool cc_required = false;
  std::optional<Bytes> hash_cc;
  std::optional<Bytes> bpp_euicc_otpk;
};

inline PrepareParams prepare_params(std::optional<Bytes> tid, bool cc_required,
                                    std::optional<Bytes> hash_cc) {
  PrepareParams p;
  if (tid) p.transaction_id = *tid;
  p.cc_required = cc_required;
  p.hash_cc = std::move(hash_cc);
  return p;
}

// PrepareDownloadRequest signed by `dp` (SK.DPpb.ECDSA) over smdpSigned2 ||
// `euicc_signature1_tlv`.
inline Bytes prepare_download_request(const PrepareParams& p, const pki::Credential& dp,
                                      ByteView euicc_signature1_tlv) {
  asn1::PrepareDownloadRequest req;
  req.smdp_signed2.transaction_id = p.transaction_id;
  req.smdp_signed2.cc_required_flag = p.cc_required;
  req.smdp_signed2.bpp_euicc_otpk = p.bpp_euicc_otpk;
  auto sig = dp.key.sign(concat(req.smdp_signed2.encode(), euicc_signature1_tlv));
  if (!sig) throw std::runtime_error("sign");
  req.smdp_signature2.assign(sig->begin(), sig->end());
  req.hash_cc = p.hash_cc;
  req.smdp_certificate = dp.cert.der();
  return req.encode();
}

// The authenticateResponseOk of a response, or a test failure.
inline asn1::AuthenticateResponseOkView auth_ok(const Bytes& response) {
  auto r = asn1::AuthenticateServerResponseView::decode(response);
  if (!r) throw std::runtime_error("AuthenticateServerResponse: " + r.error().message());
  if (r->result.index() != 0) {
    throw std::runtime_error("authenticateResponseError " +
                             std::to_string(std::get<1>(r->result).authenticate_error_code));
  }
  return std::get<0>(r->result);
}

// The AuthenticateErrorCode of a response; -1 if it is a success.
inline std::int64_t auth_error(const Bytes& response) {
  auto r = asn1::AuthenticateServerResponseView::decode(response);
  if (!r) throw std::runtime_error("AuthenticateServerResponse: " + r.error().message());
  if (r->result.index() == 0) return -1;
  return static_cast<std::int64_t>(std::get<1>(r->result).authenticate_error_code);
}

// The DownloadErrorCode of a PrepareDownloadResponse; -1 if it is a success.
inline std::int64_t download_error(const Bytes& response) {
  auto r = asn1::PrepareDownloadResponseView::decode(response);
  if (!r) throw std::runtime_error("PrepareDownloadResponse: " + r.error().message());
  if (r->result.index() == 0) return -1;
  return static_cast<std::int64_t>(std::get<1>(r->result).download_error_code);
}

// Authenticates `card` with the SGP.26 DPauth; returns the euiccSignature1 TLV.
inline Bytes authenticate(Card& card, const Sgp26& pki, const AuthParams& base = {}) {
  AuthParams p = base;
  p.euicc_challenge = card.get_euicc_challenge();
  auto response = card.authenticate_server(
      authenticate_server_request(p, pki.dpauth, *pki.ci.subject_key_identifier()), kAddress, kNow);
  if (!response) throw std::runtime_error(response.error().message());
  const auto ok = auth_ok(*response);
  return Bytes(ok.euicc_signature1_tlv.begin(), ok.euicc_signature1_tlv.end());
}

}  // namespace smdp::euicc::test
