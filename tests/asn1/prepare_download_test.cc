// SPDX-License-Identifier: Apache-2.0
#include "asn1/prepare_download.h"

#include <gtest/gtest.h>

#include "session.h"
#include "strictness.h"

namespace smdp::asn1 {
namespace {
using smdp::testing::hex;
using testing::hex_of;

class PrepareDownload : public ::testing::TestWithParam<const char*> {
 protected:
  testing::Session session{GetParam()};
};

TEST_P(PrepareDownload, when_smdp_signed2_decoded_then_fields_match) {
  const Bytes der = session.der("smdpSigned2.der");
  auto signed2 = SmdpSigned2View::decode(der);
  ASSERT_TRUE(signed2) << signed2.error().message();
  EXPECT_EQ(hex_of(signed2->transaction_id), session.text("transactionId"));
  EXPECT_FALSE(signed2->cc_required_flag);
  EXPECT_FALSE(signed2->bpp_euicc_otpk);
  EXPECT_EQ(hex_of(signed2->raw), hex_of(der));
}

TEST_P(PrepareDownload, when_request_decoded_then_signed2_signature_and_cert_spans_match) {
  const Bytes der = session.der("prepareDownloadRequest.der");
  auto request = PrepareDownloadRequestView::decode(der);
  ASSERT_TRUE(request) << request.error().message();
  EXPECT_EQ(hex_of(request->smdp_signed2.raw), hex_of(session.der("smdpSigned2.der")));
  EXPECT_EQ(hex_of(request->smdp_signature2_tlv), hex_of(session.der("smdpSignature2.der")));
  EXPECT_FALSE(request->hash_cc);
  EXPECT_EQ(hex_of(request->smdp_certificate),
            hex_of(session.certificate("DPpb/CERT_S_SM_DPpb_ECDSA")));
}

TEST_P(PrepareDownload, when_response_decoded_then_euicc_otpk_matches_session) {
  const Bytes der = session.der("prepareDownloadResponse.der");
  auto response = PrepareDownloadResponseView::decode(der);
  ASSERT_TRUE(response) << response.error().message();
  ASSERT_EQ(response->result.index(), 0u);
  const auto& ok = std::get<0>(response->result);
  EXPECT_EQ(hex_of(ok.euicc_signed2.transaction_id), session.text("transactionId"));
  EXPECT_EQ(hex_of(ok.euicc_signed2.euicc_otpk), session.text("euicc_otPK"));
  EXPECT_FALSE(ok.euicc_signed2.hash_cc);
  // euiccSignature2 covers euiccSigned2 || smdpSignature2 TLV: both spans are available.
  EXPECT_EQ(ok.euicc_signed2.raw.data() + ok.euicc_signed2.raw.size(),
            ok.euicc_signature2_tlv.data());
  EXPECT_EQ(ok.euicc_signature2.size(), 64u);
  testing::expect_strict(testing::codec_of<EUICCSigned2View>(),
                         testing::bytes_of(ok.euicc_signed2.raw));
}

INSTANTIATE_TEST_SUITE_P(Asn1, PrepareDownload, ::testing::ValuesIn(testing::kSessions));

TEST(SmdpSigned2, when_retry_with_otpk_and_cc_required_then_round_trip) {
  SmdpSigned2 built{hex("0102"), true, hex("04aabb"), {}, {}};
  const Bytes der = built.encode();
  EXPECT_EQ(to_hex(der),
            "300d8002010201"
            "01ff5f490304aabb");
  auto decoded = SmdpSigned2View::decode(der);
  ASSERT_TRUE(decoded);
  EXPECT_TRUE(decoded->cc_required_flag);
  EXPECT_EQ(hex_of(*decoded->bpp_euicc_otpk), "04aabb");
  testing::expect_strict(testing::codec_of<SmdpSigned2View>(), der);
}

TEST(SmdpSigned2, when_boolean_not_der_then_rejected) {
  EXPECT_FALSE(
      SmdpSigned2View::decode(hex("30078002010201"
                                  "0101")));
}

TEST(EUICCSigned2, when_hash_cc_present_then_32_octets_required) {
  EUICCSigned2 built{hex("01"), hex("04aa"), Bytes(32, 0xCC), {}, {}};
  auto ok = EUICCSigned2View::decode(built.encode());
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->hash_cc->size(), 32u);
  built.hash_cc = Bytes(31, 0xCC);
  auto bad = EUICCSigned2View::decode(built.encode());
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, Errc::size_constraint);
}

TEST(PrepareDownloadRequest, when_hash_cc_present_then_round_trip) {
  const Bytes der = smdp::testing::session_message("session_nist", "prepareDownloadRequest.der");
  auto fixture = PrepareDownloadRequestView::decode(der);
  ASSERT_TRUE(fixture);
  PrepareDownloadRequestView with_cc = *fixture;
  const Bytes hash(32, 0x5A);
  with_cc.hash_cc = hash;
  const Bytes encoded = with_cc.encode();
  auto decoded = PrepareDownloadRequestView::decode(encoded);
  ASSERT_TRUE(decoded) << decoded.error().message();
  EXPECT_EQ(hex_of(*decoded->hash_cc), to_hex(hash));
  testing::expect_strict(testing::codec_of<PrepareDownloadRequestView>(), encoded);
}

TEST(PrepareDownloadResponse, when_error_alternative_then_round_trip) {
  PrepareDownloadResponse response{PrepareDownloadResponseError{hex("0102"), 5, {}, {}}, {}};
  const Bytes der = response.encode();
  EXPECT_EQ(to_hex(der),
            "bf2109a1078002010202010"
            "5");
  auto decoded = PrepareDownloadResponseView::decode(der);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(std::get<1>(decoded->result).download_error_code, 5u);
  testing::expect_strict(testing::codec_of<PrepareDownloadResponseView>(), der);
}

}  // namespace
}  // namespace smdp::asn1
