// SPDX-License-Identifier: Apache-2.0
// ES9+ success responses (SGP.22 §6.5.2) rendered from the generated sessions' parts.
#include <gtest/gtest.h>

#include "asn1/authenticate_client.h"
#include "asn1/common.h"
#include "asn1/initiate_authentication.h"
#include "der/writer.h"
#include "es9/authenticate_client.h"
#include "es9/cancel_session.h"
#include "es9/get_bound_profile_package.h"
#include "es9/initiate_authentication.h"
#include "es9_fixtures.h"
#include "json/fields.h"
#include "json/status.h"

namespace smdp::es9 {
namespace {

Bytes to_bytes(ByteView v) { return {v.begin(), v.end()}; }

using namespace testing;  // Session, and core's codes and types, json's readers
using testing::status_of;

class Responses : public ::testing::TestWithParam<const char*> {
 protected:
  Session s{GetParam()};

  // Parses the body, checks the success header and that exactly `fields` accompany it.
  nlohmann::json parse_success(const std::string& body, std::initializer_list<const char*> fields) {
    auto json = nlohmann::json::parse(body);
    EXPECT_EQ(status_of(body), (nlohmann::json{{"status", "Executed-Success"}}));
    EXPECT_EQ(json.size(), fields.size() + 1);
    for (const char* f : fields) EXPECT_TRUE(json.at(f).is_string()) << f;
    return json;
  }
};

TEST_P(Responses, when_initiate_authentication_ok_then_fields_are_the_fixture_parts) {
  const Bytes ok_der = s.der("initiateAuthenticationOkEs9.der");
  auto ok = asn1::InitiateAuthenticationOkEs9View::decode(ok_der);
  ASSERT_TRUE(ok);
  const Bytes pkid_tlv = der::tlv(asn1::kTagOctetString, ok->euicc_ci_pkid_to_be_used);
  auto json = parse_success(
      render_initiate_authentication_response(
          {to_bytes(ok->transaction_id), to_bytes(ok->server_signed1.raw),
           to_bytes(ok->server_signature1_tlv), pkid_tlv, to_bytes(ok->server_certificate)}),
      {"transactionId", "serverSigned1", "serverSignature1", "euiccCiPKIdToBeUsed",
       "serverCertificate"});
  EXPECT_EQ(json["transactionId"], s.text("transactionId"));
  EXPECT_EQ(json["serverSigned1"], s.b64("serverSigned1.der"));
  EXPECT_EQ(json["serverSignature1"], s.b64("serverSignature1.der"));
  const auto pkid = base64_decode(json["euiccCiPKIdToBeUsed"].get<std::string>());
  ASSERT_TRUE(pkid);
  ASSERT_EQ(pkid->size(), 22u);
  EXPECT_EQ((*pkid)[0], 0x04);
  EXPECT_EQ((*pkid)[1], 0x14);
  EXPECT_EQ(json["serverCertificate"], base64_encode(ok->server_certificate));
}

TEST_P(Responses, when_authenticate_client_ok_then_fields_are_the_fixture_parts) {
  const Bytes ok_der = s.der("authenticateClientOk.der");
  auto ok = asn1::AuthenticateClientOkView::decode(ok_der);
  ASSERT_TRUE(ok);
  auto json = parse_success(
      render_authenticate_client_response(
          {to_bytes(ok->transaction_id), to_bytes(ok->profile_metadata.raw),
           to_bytes(ok->smdp_signed2.raw), to_bytes(ok->smdp_signature2_tlv),
           to_bytes(ok->smdp_certificate)}),
      {"transactionId", "profileMetadata", "smdpSigned2", "smdpSignature2", "smdpCertificate"});
  EXPECT_EQ(json["transactionId"], s.text("transactionId"));
  EXPECT_EQ(json["profileMetadata"], s.b64("storeMetadataRequest.der"));
  EXPECT_EQ(json["smdpSigned2"], s.b64("smdpSigned2.der"));
  EXPECT_EQ(json["smdpSignature2"], s.b64("smdpSignature2.der"));
  EXPECT_EQ(json["smdpCertificate"], base64_encode(ok->smdp_certificate));
}

TEST_P(Responses, when_get_bound_profile_package_ok_then_bpp_is_base64_of_the_der) {
  const Bytes bpp = s.der("boundProfilePackage_session.der");
  auto json =
      parse_success(render_get_bound_profile_package_response({s.value("transactionId"), bpp}),
                    {"transactionId", "boundProfilePackage"});
  EXPECT_EQ(json["transactionId"], s.text("transactionId"));
  EXPECT_EQ(base64_decode(json["boundProfilePackage"].get<std::string>()), bpp);
  EXPECT_EQ(json["boundProfilePackage"].get<std::string>().find('\n'), std::string::npos);
}

TEST(CancelSessionResponse, when_ok_then_header_only) {
  EXPECT_EQ(render_cancel_session_response(),
            R"({"header":{"functionExecutionStatus":{"status":"Executed-Success"}}})");
}

INSTANTIATE_TEST_SUITE_P(Sessions, Responses, ::testing::ValuesIn(testing::kSessions));

}  // namespace
}  // namespace smdp::es9
