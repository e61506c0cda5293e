// SPDX-License-Identifier: Apache-2.0
// ES9+.InitiateAuthentication, SM-DP+ side (SGP.22 §5.6.1, §3.0.1 steps 6-10).
#include "asn1/initiate_authentication.h"

#include <algorithm>

#include "asn1/common.h"
#include "core/rsp_common.h"
#include "core/rsp_server.h"
#include "der/writer.h"

namespace smdp::core {
namespace {

bool contains(const std::vector<ByteView>& list, ByteView ski) {
  return std::ranges::any_of(list, [&](ByteView s) { return std::ranges::equal(s, ski); });
}

}  // namespace

Outcome<InitiateAuthenticationResult> RspServer::initiate_authentication(
    const InitiateAuthenticationRequest& request) {
  if (!detail::same_address(request.smdp_address, config_.smdp_address))
    return detail::refuse(kInvalidSmdpAddress, "smdpAddress is not this SM-DP+");
  const auto& info1 = request.euicc_info1.view;
  if (info1.svn.empty() || info1.svn[0] != config_.supported_svn_major)
    return detail::refuse(kSvnUnsupported, "eUICC SVN not supported");

  // The CI: one the eUICC can verify our CERT.DPauth with (ForVerification) and that
  // we hold a credential group for; the eUICC's order is its preference. It must also
  // be one the eUICC signs under (ForSigning), so that we can verify CERT.EUICC.
  const std::vector<ByteView> for_signing(info1.euicc_ci_pkid_list_for_signing.begin(),
                                          info1.euicc_ci_pkid_list_for_signing.end());
  const auto ours = certificates_.signing_ci_skis();
  const bool any_signing_ci_known = std::ranges::any_of(
      for_signing, [&](ByteView ski) { return certificates_.cis().find(ski) != nullptr; });
  if (!any_signing_ci_known)
    return detail::refuse(kSecurityConfigurationUnsupported,
                          "no CI in euiccCiPKIdListForSigning is supported");
  const pki::Credential* dpauth = nullptr;
  Bytes ci_ski;
  for (ByteView ski : info1.euicc_ci_pkid_list_for_verification) {
    if (!contains(for_signing, ski)) continue;
    dpauth = certificates_.dpauth_for(ski);
    if (dpauth != nullptr) {
      ci_ski.assign(ski.begin(), ski.end());
      break;
    }
  }
  if (dpauth == nullptr)
    return detail::refuse(kServerCertificateUnavailable,
                          "no CERT.DPauth chains to a CI the eUICC can verify");

  const TimePoint now = clock_.now();
  RspSession session;
  session.transaction_id = rng_.bytes(16);
  session.state = SessionState::initiated;
  session.created_at = now;
  session.expires_at = now + config_.session_ttl;
  session.smdp_address = request.smdp_address;
  session.euicc_challenge = request.euicc_challenge;
  session.server_challenge = rng_.bytes(16);
  session.euicc_info1 = *request.euicc_info1.der;
  session.ci_pkid = ci_ski;

  asn1::ServerSigned1 signed1;
  signed1.transaction_id = session.transaction_id;
  signed1.euicc_challenge = session.euicc_challenge;
  signed1.server_address = config_.smdp_address;
  signed1.server_challenge = session.server_challenge;
  InitiateAuthenticationResult result;
  result.transaction_id = session.transaction_id;
  result.server_signed1 = signed1.encode();
  auto signature = detail::sign(dpauth->key, result.server_signed1);
  if (!signature) return detail::refuse(kExecutionError, "signing failed");
  result.server_signature1 = detail::signature_tlv(*signature);
  result.euicc_ci_pkid_to_be_used = der::tlv(asn1::kTagOctetString, ci_ski);
  result.server_certificate = dpauth->cert.der();

  if (auto created = store_.create_session(session); !created)
    return detail::store_fault(created.error(), "create_session");
  return result;
}

}  // namespace smdp::core
