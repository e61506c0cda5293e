// SPDX-License-Identifier: Apache-2.0
#include "asn1/cancel_session.h"

#include <gtest/gtest.h>

#include "samples.h"
#include "session.h"
#include "strictness.h"

namespace smdp::asn1 {
namespace {
using smdp::testing::hex;
using testing::hex_of;

TEST(CancelSessionResponse, when_ok_then_automatic_tags_and_signed_span) {
  const Bytes der = CancelSessionResponse{testing::signed_cancel_session(), {}}.encode();
  // BF41 { A0 { 30 { 80 txid, 81 oid, 82 reason }, 5F37 sig } }
  EXPECT_EQ(hex_of(ByteView(der).first(12)),
            "bf41"
            "61a05f301a8010012345");
  auto decoded = CancelSessionResponseView::decode(der);
  ASSERT_TRUE(decoded) << decoded.error().message();
  const auto& ok = std::get<0>(decoded->result);
  EXPECT_EQ(hex_of(ok.euicc_cancel_session_signed.transaction_id),
            "0123456789abcdef0123456789abcdef");
  EXPECT_EQ(*oid_to_text(ok.euicc_cancel_session_signed.smdp_oid), "2.999.10");
  EXPECT_EQ(ok.euicc_cancel_session_signed.reason, kCancelPostponed);
  EXPECT_EQ(hex_of(ok.euicc_cancel_session_signed.raw),
            to_hex(testing::signed_cancel_session().euicc_cancel_session_signed.encode()));
  EXPECT_EQ(ok.euicc_cancel_session_signed.raw.data() + ok.euicc_cancel_session_signed.raw.size(),
            ok.euicc_cancel_session_signature_tlv.data());
  testing::expect_strict(testing::codec_of<CancelSessionResponseView>(), der);
  testing::expect_strict(testing::codec_of<EuiccCancelSessionSignedView>(),
                         testing::bytes_of(ok.euicc_cancel_session_signed.raw));
}

TEST(CancelSessionResponse, when_error_then_integer_alternative) {
  const Bytes der = CancelSessionResponse{std::uint64_t{5}, {}}.encode();
  EXPECT_EQ(to_hex(der), "bf4103810105");
  auto decoded = CancelSessionResponseView::decode(der);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(std::get<1>(decoded->result), 5u);
  testing::expect_strict(testing::codec_of<CancelSessionResponseView>(), der);
}

TEST(CancelSessionRequestEs9, when_built_then_response_is_retagged_a1) {
  CancelSessionRequestEs9 request{hex("0102"), {testing::signed_cancel_session(), {}}, {}, {}};
  const Bytes der = request.encode();
  EXPECT_EQ(hex_of(ByteView(der).first(10)),
            "bf4167"
            "80020102"
            "a161"
            "a0");
  auto decoded = CancelSessionRequestEs9View::decode(der);
  ASSERT_TRUE(decoded) << decoded.error().message();
  EXPECT_EQ(hex_of(decoded->transaction_id), "0102");
  EXPECT_EQ(std::get<0>(decoded->cancel_session_response.result).euicc_cancel_session_signed.reason,
            kCancelPostponed);
  testing::expect_strict(testing::codec_of<CancelSessionRequestEs9View>(), der);

  CancelSessionRequestEs9 error{hex("0102"), {std::uint64_t{127}, {}}, {}, {}};
  EXPECT_EQ(to_hex(error.encode()),
            "bf4109"
            "80020102"
            "a10381017f");
  testing::expect_strict(testing::codec_of<CancelSessionRequestEs9View>(), error.encode());
}

TEST(CancelSessionRequestEs9, when_response_carries_its_own_bf41_tag_then_rejected) {
  const Bytes inner = CancelSessionResponse{std::uint64_t{5}, {}}.encode();
  Bytes contents = hex("80020102");
  append(contents, inner);
  EXPECT_FALSE(CancelSessionRequestEs9View::decode(der::tlv(0xBF41, contents)));
}

TEST(CancelSessionResponseEs9, when_ok_or_error_then_round_trip) {
  const Bytes ok = CancelSessionResponseEs9{CancelSessionOk{}, {}}.encode();
  EXPECT_EQ(to_hex(ok), "bf4102a000");
  auto decoded = CancelSessionResponseEs9View::decode(ok);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->result.index(), 0u);
  testing::expect_strict(testing::codec_of<CancelSessionResponseEs9View>(), ok);
  const Bytes error = CancelSessionResponseEs9{std::uint64_t{1}, {}}.encode();
  EXPECT_EQ(to_hex(error), "bf4103810101");
  testing::expect_strict(testing::codec_of<CancelSessionResponseEs9View>(), error);
}

TEST(EuiccCancelSessionSigned, when_universal_oid_tag_used_then_rejected) {
  // 06 instead of the automatic [1] (81) tag.
  EXPECT_FALSE(EuiccCancelSessionSignedView::decode(hex("300b800101060388370a820101")));
  EXPECT_TRUE(EuiccCancelSessionSignedView::decode(hex("300b800101810388370a820101")));
}

}  // namespace
}  // namespace smdp::asn1
