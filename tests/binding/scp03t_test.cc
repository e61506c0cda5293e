// SPDX-License-Identifier: Apache-2.0
// SCP03t against the BSP known answers (testdata/bsp/bsp_kat.json).
#include "binding/scp03t.h"

#include <gtest/gtest.h>

#include "testdata_json.h"

namespace smdp::binding {
namespace {
using smdp::testing::hex;

ChannelKeys keys_of(const nlohmann::json& seq) {
  return ChannelKeys(hex(seq["s_enc"].get<std::string>()), hex(seq["s_mac"].get<std::string>()),
                     hex(seq["initial_mcv"].get<std::string>()));
}

void run_sequence(const nlohmann::json& seq) {
  Scp03tChannel sender(keys_of(seq));
  Scp03tChannel receiver(keys_of(seq));
  for (const auto& step : seq["steps"]) {
    const auto tag =
        static_cast<std::uint32_t>(std::stoul(step["tag"].get<std::string>(), nullptr, 16));
    const Bytes plain = hex(step["plaintext"].get<std::string>());
    const bool mac_only = step["op"] == "mac_only";
    auto tlv = mac_only ? sender.mac_only(tag, plain) : sender.encrypt_and_mac(tag, plain);
    ASSERT_TRUE(tlv) << tlv.error().message();
    EXPECT_EQ(to_hex(*tlv), step["expect"].get<std::string>()) << step["op"] << " " << step["tag"];
    auto back =
        mac_only ? receiver.verify_mac_only(tag, *tlv) : receiver.verify_and_decrypt(tag, *tlv);
    ASSERT_TRUE(back) << back.error().message();
    EXPECT_EQ(*back, plain);
  }
}

TEST(Scp03t, when_bsp_kat_87_88_87_session_then_tlvs_match) {
  run_sequence(smdp::testing::bsp_kat().at("bsp_sequence_mode51"));
}

TEST(Scp03t, when_bsp_kat_ppk_two_full_segments_then_tlvs_match) {
  auto seq = smdp::testing::bsp_kat().at("bsp_sequence_ppk");
  for (const auto& step : seq["steps"])
    EXPECT_EQ(hex(step["expect"].get<std::string>()).size(), kMaxSegmentTlv);
  run_sequence(seq);
}

TEST(Scp03t, when_mac_flipped_or_segments_reordered_then_security_error) {
  ChannelKeys k(Bytes(16, 1), Bytes(16, 2), Bytes(16, 3));
  Scp03tChannel tx(k);
  auto a = tx.encrypt_and_mac(0x86, Bytes(40, 0xAA));
  auto b = tx.encrypt_and_mac(0x86, Bytes(40, 0xBB));
  ASSERT_TRUE(a && b);
  Scp03tChannel rx1(k);
  EXPECT_EQ(rx1.verify_and_decrypt(0x86, *b).error().code, Errc::security);  // out of order
  Scp03tChannel rx2(k);
  Bytes bad = *a;
  bad.back() ^= 0x01;
  EXPECT_EQ(rx2.verify_and_decrypt(0x86, bad).error().code, Errc::security);
  Scp03tChannel rx3(k);
  EXPECT_EQ(rx3.verify_and_decrypt(0x87, *a).error().code, Errc::structure);  // wrong tag
}

TEST(Scp03t, when_plaintext_exceeds_one_segment_then_too_long) {
  Scp03tChannel ch(ChannelKeys(Bytes(16, 1), Bytes(16, 2), Bytes(16, 3)));
  EXPECT_TRUE(ch.encrypt_and_mac(0x86, Bytes(kMaxEncryptedPlaintext, 0)));
  EXPECT_EQ(ch.encrypt_and_mac(0x86, Bytes(kMaxEncryptedPlaintext + 1, 0)).error().code,
            Errc::too_long);
  auto full = ch.mac_only(0x88, Bytes(kMaxMacOnlyData, 0));
  ASSERT_TRUE(full);
  EXPECT_EQ(full->size(), kMaxSegmentTlv);
  EXPECT_EQ(ch.mac_only(0x88, Bytes(kMaxMacOnlyData + 1, 0)).error().code, Errc::too_long);
}

TEST(Scp03t, when_segmenting_then_every_tlv_within_limit_and_concatenation_restores) {
  ChannelKeys k(Bytes(16, 4), Bytes(16, 5), Bytes(16, 6));
  for (std::size_t n : {0u, 1u, 1007u, 1008u, 2014u, 5000u}) {
    for (bool enc : {true, false}) {
      Bytes data(n);
      for (std::size_t i = 0; i < n; ++i) data[i] = static_cast<std::uint8_t>(i * 7);
      Scp03tChannel tx(k), rx(k);
      auto segs = protect_segments(tx, enc ? 0x86 : 0x88, data, enc);
      ASSERT_TRUE(segs);
      Bytes back;
      for (const auto& s : *segs) {
        EXPECT_LE(s.size(), kMaxSegmentTlv);
        auto p = enc ? rx.verify_and_decrypt(0x86, s) : rx.verify_mac_only(0x88, s);
        ASSERT_TRUE(p);
        append(back, *p);
      }
      EXPECT_EQ(back, data) << n;
    }
  }
}

TEST(Scp03t, when_padding_missing_then_structure_error) {
  EXPECT_FALSE(unpad80(Bytes(16, 0)));
  EXPECT_EQ(*unpad80(pad80(hex("0102"))), hex("0102"));
  EXPECT_EQ(pad80(Bytes(16, 1)).size(), 32u);
}

}  // namespace
}  // namespace smdp::binding
