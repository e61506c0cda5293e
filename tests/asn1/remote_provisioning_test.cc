// SPDX-License-Identifier: Apache-2.0
// The ASN.1 binding's envelopes (SGP.22 §6.6): RemoteProfileProvisioningRequest and
// ...Response (A2), each alternative recognised by its tag, the messages inside kept as
// their own decoders read them; strict DER as every other codec.
#include "asn1/remote_provisioning.h"

#include <gtest/gtest.h>

#include "session.h"
#include "strictness.h"

namespace smdp::asn1 {
namespace {
using smdp::testing::hex;
using testing::hex_of;

class RemoteProvisioning : public ::testing::TestWithParam<const char*> {
 protected:
  const testing::Session s{GetParam()};
};

TEST_P(RemoteProvisioning, when_each_request_is_wrapped_then_it_decodes_as_its_alternative) {
  const std::pair<const char*, std::size_t> cases[] = {
      {"initiateAuthenticationRequest.der", 0},
      {"authenticateClientRequest.der", 1},
      {"getBoundProfilePackageRequest.der", 2},
  };
  for (const auto& [file, index] : cases) {
    SCOPED_TRACE(file);
    const Bytes inner = s.der(file);
    const Bytes der = wrap_remote_provisioning(inner);
    EXPECT_EQ(der[0], 0xA2);
    auto decoded = RemoteProfileProvisioningRequestView::decode(der);
    ASSERT_TRUE(decoded) << decoded.error().message();
    EXPECT_EQ(decoded->request.index(), index);
    EXPECT_EQ(decoded->encode(), der);
    testing::expect_strict(testing::codec_of<RemoteProfileProvisioningRequestView>(), der);
  }
}

TEST_P(RemoteProvisioning, when_a_notification_is_wrapped_then_it_is_the_handle_notification) {
  const Bytes pir = s.der("profileInstallationResult.der");
  auto pending = PendingNotificationView::decode(pir);
  ASSERT_TRUE(pending);
  const Bytes der = wrap_remote_provisioning(HandleNotificationView{*pending, {}, {}}.encode());
  auto decoded = RemoteProfileProvisioningRequestView::decode(der);
  ASSERT_TRUE(decoded) << decoded.error().message();
  const auto& n = std::get<HandleNotificationView>(decoded->request);
  EXPECT_EQ(hex_of(n.pending_notification.raw), to_hex(pir));
}

TEST_P(RemoteProvisioning, when_responses_are_wrapped_then_ok_and_error_alternatives_decode) {
  const Bytes ok_der = s.der("initiateAuthenticationOkEs9.der");
  auto ok = InitiateAuthenticationOkEs9View::decode(ok_der);
  ASSERT_TRUE(ok) << ok.error().message();
  const Bytes initiate = RemoteProfileProvisioningResponseView{
      InitiateAuthenticationResponseView{*ok, {}},
      {}}.encode();
  auto decoded = RemoteProfileProvisioningResponseView::decode(initiate);
  ASSERT_TRUE(decoded) << decoded.error().message();
  const auto& response = std::get<InitiateAuthenticationResponseView>(decoded->response);
  EXPECT_EQ(hex_of(std::get<0>(response.result).raw),
            hex_of(ByteView(initiate).subspan(initiate.size() - ok->raw.size())));
  const Bytes error = wrap_remote_provisioning(hex("bf3b03810106"));  // matchingIdRefused
  auto refused = RemoteProfileProvisioningResponseView::decode(error);
  ASSERT_TRUE(refused) << refused.error().message();
  EXPECT_EQ(std::get<1>(std::get<AuthenticateClientResponseEs9View>(refused->response).result), 6u);
  testing::expect_strict(testing::codec_of<RemoteProfileProvisioningResponseView>(), initiate);
}

INSTANTIATE_TEST_SUITE_P(Sessions, RemoteProvisioning, ::testing::ValuesIn(testing::kSessions));

TEST(RemoteProvisioningEnvelope, when_the_envelope_is_wrong_then_decode_fails) {
  const Bytes inner = hex("bf3d03a00130");  // not even a valid HandleNotification
  for (const Bytes& der : {
           hex("a100"),                      // another outer tag
           hex("a200"),                      // no alternative
           hex("a2053003020101"),            // an untagged SEQUENCE: not an alternative
           hex("a206bf4203800101"),          // BF42: no such alternative
           wrap_remote_provisioning(inner),  // the alternative does not decode
           hex("a208bf41008000bf4100"),      // two alternatives
       }) {
    SCOPED_TRACE(to_hex(der));
    EXPECT_FALSE(RemoteProfileProvisioningRequestView::decode(der));
    EXPECT_FALSE(RemoteProfileProvisioningResponseView::decode(der));
  }
}

TEST(RemoteProvisioningEnvelope, when_the_es11_alternative_arrives_then_it_is_kept_whole) {
  const Bytes der = wrap_remote_provisioning(hex("bf4003810101"));
  auto decoded = RemoteProfileProvisioningResponseView::decode(der);
  ASSERT_TRUE(decoded) << decoded.error().message();
  EXPECT_EQ(hex_of(std::get<AuthenticateClientResponseEs11View>(decoded->response).der),
            "bf4003810101");
  EXPECT_EQ(decoded->encode(), der);
}

}  // namespace
}  // namespace smdp::asn1
