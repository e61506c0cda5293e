// SPDX-License-Identifier: Apache-2.0
// ES8+ BPP framing types (asn1/bpp.h): the fixtures round-trip, every corruption is
// refused or harmless, and the command-specific constraints hold.
#include "asn1/bpp.h"

#include <gtest/gtest.h>

#include "strictness.h"
#include "testdata.h"

namespace smdp::asn1 {
namespace {
using smdp::testing::hex;
using smdp::testing::session_message;

BoundProfilePackage fixture(const char* name) {
  auto bpp = BoundProfilePackage::decode(session_message("session_nist", name));
  EXPECT_TRUE(bpp);
  return *bpp;
}

TEST(Bpp, when_fixture_bpps_decoded_then_reencode_byte_for_byte) {
  for (const char* name : {"boundProfilePackage_session.der", "boundProfilePackage_ppk.der"}) {
    const Bytes der = session_message("session_nist", name);
    auto bpp = BoundProfilePackage::decode(der);
    ASSERT_TRUE(bpp) << bpp.error().message();
    EXPECT_EQ(bpp->encode(), der);
    EXPECT_EQ(bpp->second_sequence_of_87.has_value(),
              std::string(name).find("ppk") != std::string::npos);
  }
}

TEST(Bpp, when_corrupted_then_each_type_refuses_or_round_trips) {
  const auto bpp = fixture("boundProfilePackage_ppk.der");
  testing::expect_strict(testing::codec_of<InitialiseSecureChannelRequest>(),
                         bpp.initialise_secure_channel);
  testing::expect_strict(testing::codec_of<ConfigureIsdpRequest>(),
                         ConfigureIsdpRequest{hex("2b0601040182c17a"), hex("810101")}.encode());
  testing::expect_strict(testing::codec_of<ConfigureIsdpRequest>(),
                         ConfigureIsdpRequest{}.encode());
  testing::expect_strict(
      testing::codec_of<ReplaceSessionKeysRequest>(),
      ReplaceSessionKeysRequest{Bytes(16, 1), Bytes(16, 2), Bytes(16, 3)}.encode());
  Bytes small = BoundProfilePackage{bpp.initialise_secure_channel,
                                    {hex("870100")},
                                    {hex("880100")},
                                    std::nullopt,
                                    {hex("860100")}}
                    .encode();
  testing::expect_strict(testing::codec_of<BoundProfilePackage>(), small);
}

TEST(Bpp, when_isc_decoded_then_signed_part_is_received_bytes_before_signature) {
  const auto bpp = fixture("boundProfilePackage_session.der");
  auto isc = InitialiseSecureChannelRequest::decode(bpp.initialise_secure_channel);
  ASSERT_TRUE(isc);
  EXPECT_EQ(isc->remote_op_id, kRemoteOpInstallBpp);
  EXPECT_EQ(isc->control_ref_template.key_type, kKeyTypeAes);
  EXPECT_EQ(isc->control_ref_template.key_len, kKeyLength);
  EXPECT_EQ(isc->signed_part, isc->encode_signed_part());
  // BF23 81 AE <signed part> 5F37 40 <r||s>
  EXPECT_EQ(isc->signed_part.size() + 3 + 64 + 4, bpp.initialise_secure_channel.size());
  const Bytes input =
      InitialiseSecureChannelRequest::signature_input(isc->signed_part, Bytes(65, 4));
  EXPECT_EQ(to_hex(ByteView(input).subspan(isc->signed_part.size(), 3)), "5f4941");
}

TEST(Bpp, when_command_constraints_violated_then_refused) {
  // hostId longer than 16 bytes (OctetTo16).
  InitialiseSecureChannelRequest isc;
  isc.transaction_id = Bytes(16, 1);
  isc.control_ref_template.host_id = Bytes(17, 2);
  isc.smdp_otpk = Bytes(65, 4);
  isc.smdp_sign = Bytes(64, 5);
  EXPECT_FALSE(InitialiseSecureChannelRequest::decode(isc.encode()));
  isc.control_ref_template.host_id = Bytes(16, 2);
  EXPECT_TRUE(InitialiseSecureChannelRequest::decode(isc.encode()));
  // An extension element inside a signed BPP command is refused.
  Bytes with_ext = isc.encode_signed_part();
  append(with_ext, hex("5f370100"));
  append(with_ext, hex("9f7f0100"));
  EXPECT_FALSE(
      InitialiseSecureChannelRequest::decode(der::tlv(kTagInitialiseSecureChannel, with_ext)));
  // PPK values other than 16 bytes.
  EXPECT_FALSE(ReplaceSessionKeysRequest::decode(
      ReplaceSessionKeysRequest{Bytes(16, 1), Bytes(32, 2), Bytes(16, 3)}.encode()));
  // dpProprietaryData over 128 bytes.
  EXPECT_FALSE(
      ConfigureIsdpRequest::decode(ConfigureIsdpRequest{hex("2b06"), Bytes(130, 0x04)}.encode()));
  // Elements of the wrong kind inside a BPP sequence.
  auto bpp = fixture("boundProfilePackage_session.der");
  bpp.sequence_of_86.push_back(hex("870100"));
  EXPECT_FALSE(BoundProfilePackage::decode(bpp.encode()));
}

TEST(Bpp, when_bpp_over_size_limit_then_refused) {
  const Bytes der = session_message("session_nist", "boundProfilePackage_session.der");
  EXPECT_TRUE(BoundProfilePackage::decode(der));
  EXPECT_FALSE(BoundProfilePackage::decode(der, der::Limits{.max_size = der.size() - 1}));
}

}  // namespace
}  // namespace smdp::asn1
