// SPDX-License-Identifier: Apache-2.0
// Encodings this module produces for messages without a session fixture, checked by the
// independent asn1c oracle (tests/asn1c): it must decode them as the named RSPDefinitions
// type and re-encode the same DER. This pins the tagging choices made by hand (AUTOMATIC
// TAGS inside HandleNotification, CancelSessionRequestEs9, EuiccCancelSessionSigned ...).
// Built only when the oracle is (asn1c installed).
#if SMDPP_HAVE_ASN1C_ORACLE

#include <gtest/gtest.h>

#include "asn1/authenticate_client.h"
#include "asn1/cancel_session.h"
#include "asn1/get_bound_profile_package.h"
#include "asn1/initiate_authentication.h"
#include "asn1/notification.h"
#include "asn1/remote_provisioning.h"
#include "oracle_expect.h"
#include "samples.h"
#include "session.h"

namespace smdp::asn1 {
namespace {
using smdp::testing::hex;
using smdp::testing::asn1c::expect_oracle_agrees;

TEST(Asn1cOracle, when_optional_components_all_present_then_oracle_agrees) {
  expect_oracle_agrees("EUICCInfo2", testing::full_euicc_info2().encode());
  expect_oracle_agrees("EUICCInfo2", testing::minimal_euicc_info2().encode());
  expect_oracle_agrees("CtxParams1", testing::full_ctx_params1().encode());
  expect_oracle_agrees("StoreMetadataRequest", testing::full_store_metadata().encode());
  expect_oracle_agrees("SmdpSigned2", SmdpSigned2{hex("01"), true, hex("04aa"), {}, {}}.encode());
  expect_oracle_agrees("EUICCSigned2",
                       EUICCSigned2{hex("01"), hex("04aa"), Bytes(32, 1), {}, {}}.encode());
}

TEST(Asn1cOracle, when_notifications_built_then_oracle_agrees) {
  const testing::Session session{"session_nist"};
  const auto other = testing::other_signed_notification(session);
  expect_oracle_agrees("ProfileInstallationResult",
                       testing::failed_installation(hex("3000")).encode());
  expect_oracle_agrees("OtherSignedNotification", other.encode());
  expect_oracle_agrees("PendingNotification", PendingNotification{other, {}}.encode());
  expect_oracle_agrees("HandleNotification",
                       HandleNotification{PendingNotification{other, {}}, {}, {}}.encode());
  const Bytes pir = session.der("profileInstallationResult.der");
  auto pending = PendingNotificationView::decode(pir);
  ASSERT_TRUE(pending);
  expect_oracle_agrees("HandleNotification", HandleNotificationView{*pending, {}, {}}.encode());
}

TEST(Asn1cOracle, when_cancel_session_messages_built_then_oracle_agrees) {
  const auto ok = testing::signed_cancel_session();
  expect_oracle_agrees("CancelSessionResponse", CancelSessionResponse{ok, {}}.encode());
  expect_oracle_agrees("CancelSessionResponse",
                       CancelSessionResponse{std::uint64_t{5}, {}}.encode());
  expect_oracle_agrees("CancelSessionRequestEs9",
                       CancelSessionRequestEs9{hex("0102"), {ok, {}}, {}, {}}.encode());
  expect_oracle_agrees("CancelSessionResponseEs9",
                       CancelSessionResponseEs9{CancelSessionOk{}, {}}.encode());
  expect_oracle_agrees("CancelSessionResponseEs9",
                       CancelSessionResponseEs9{std::uint64_t{1}, {}}.encode());
}

TEST(Asn1cOracle, when_es9_response_choices_built_then_oracle_agrees) {
  const testing::Session session{"session_nist"};
  const Bytes ia_der = session.der("initiateAuthenticationOkEs9.der");
  auto ia = InitiateAuthenticationOkEs9View::decode(ia_der);
  ASSERT_TRUE(ia);
  expect_oracle_agrees("InitiateAuthenticationResponse",
                       InitiateAuthenticationResponseView{*ia, {}}.encode());
  const Bytes ac_der = session.der("authenticateClientOk.der");
  auto ac = AuthenticateClientOkView::decode(ac_der);
  ASSERT_TRUE(ac);
  expect_oracle_agrees("AuthenticateClientResponseEs9",
                       AuthenticateClientResponseEs9View{*ac, {}}.encode());
  GetBoundProfilePackageOk bpp{
      session.value("transactionId"), session.der("boundProfilePackage_session.der"), {}, {}};
  expect_oracle_agrees("GetBoundProfilePackageResponse",
                       GetBoundProfilePackageResponse{bpp, {}}.encode());
  expect_oracle_agrees("GetBoundProfilePackageResponse",
                       GetBoundProfilePackageResponse{std::uint64_t{95}, {}}.encode());
}

TEST(Asn1cOracle, when_error_alternatives_built_then_oracle_agrees) {
  const AuthenticateResponseError auth_error{hex("01"), 6, {}, {}};
  expect_oracle_agrees("AuthenticateServerResponse",
                       AuthenticateServerResponse{auth_error, {}}.encode());
  expect_oracle_agrees("AuthenticateClientRequest",
                       AuthenticateClientRequest{hex("01"), {auth_error, {}}, {}, {}}.encode());
  const PrepareDownloadResponseError download_error{hex("01"), 5, {}, {}};
  expect_oracle_agrees("PrepareDownloadResponse",
                       PrepareDownloadResponse{download_error, {}}.encode());
  expect_oracle_agrees(
      "GetBoundProfilePackageRequest",
      GetBoundProfilePackageRequest{hex("01"), {download_error, {}}, {}, {}}.encode());
}

// The ASN.1 binding's envelopes (§6.6) around each request and response alternative.
TEST(Asn1cOracle, when_remote_provisioning_envelopes_built_then_oracle_agrees) {
  const testing::Session session{"session_brp"};
  for (const char* file : {"initiateAuthenticationRequest.der", "authenticateClientRequest.der",
                           "getBoundProfilePackageRequest.der"})
    expect_oracle_agrees("RemoteProfileProvisioningRequest",
                         wrap_remote_provisioning(session.der(file)));
  const auto ok = testing::signed_cancel_session();
  expect_oracle_agrees(
      "RemoteProfileProvisioningRequest",
      wrap_remote_provisioning(CancelSessionRequestEs9{hex("0102"), {ok, {}}, {}, {}}.encode()));
  const auto other = testing::other_signed_notification(session);
  expect_oracle_agrees("RemoteProfileProvisioningRequest",
                       wrap_remote_provisioning(
                           HandleNotification{PendingNotification{other, {}}, {}, {}}.encode()));
  const Bytes ia = session.der("initiateAuthenticationOkEs9.der");
  auto ia_ok = InitiateAuthenticationOkEs9View::decode(ia);
  ASSERT_TRUE(ia_ok);
  expect_oracle_agrees(
      "RemoteProfileProvisioningResponse",
      RemoteProfileProvisioningResponseView{InitiateAuthenticationResponseView{*ia_ok, {}}, {}}
          .encode());
  for (const char* error : {"bf3903810103",
                            "bf3b038101"
                            "7f",
                            "bf3a0381015f", "bf4103810101", "bf4102a000"})
    expect_oracle_agrees("RemoteProfileProvisioningResponse", wrap_remote_provisioning(hex(error)));
}

}  // namespace
}  // namespace smdp::asn1

#endif  // SMDPP_HAVE_ASN1C_ORACLE
