// SPDX-License-Identifier: Apache-2.0
// The software eUICC's PrepareDownload, LoadBoundProfilePackage, CancelSession, its
// notifications and persistence (SGP.22 §5.7.5, §5.7.6, §5.7.14, §5.7.9-§5.7.11), with
// the card side of the recorded generated/ sessions replayed.
#include <gtest/gtest.h>

#include "asn1/cancel_session.h"
#include "asn1/notification.h"
#include "asn1/profile_installation_result.h"
#include "asn1/store_metadata.h"
#include "card_fixture.h"
#include "crypto/hash.h"
#include "euicc/bpp_loader.h"
#include "pki/issuer.h"
#include "pki/test_pki.h"
#include "testdata_json.h"

namespace smdp::euicc::test {
namespace {

class CardDownload : public ::testing::TestWithParam<std::string> {
 protected:
  Sgp26 pki{GetParam()};
  ReplayRng rng;
  Card card{pki.config(), rng};

  std::int64_t prepare(const PrepareParams& p, const pki::Credential& dp, ByteView sig1_tlv) {
    auto r = card.prepare_download(prepare_download_request(p, dp, sig1_tlv), kNow);
    EXPECT_TRUE(r) << r.error().message();
    return r ? download_error(*r) : -2;
  }
};

TEST_P(CardDownload, when_smdp_authentic_then_signed2_verifies_and_carries_a_fresh_otpk) {
  const Bytes sig1 = authenticate(card, pki);
  auto r = card.prepare_download(prepare_download_request({}, pki.dppb, sig1), kNow);
  ASSERT_TRUE(r) << r.error().message();
  auto response = asn1::PrepareDownloadResponseView::decode(*r);
  ASSERT_TRUE(response) << response.error().message();
  ASSERT_EQ(response->result.index(), 0u);
  const auto& ok = std::get<0>(response->result);
  EXPECT_TRUE(
      std::ranges::equal(ok.euicc_signed2.transaction_id, hex("0123456789abcdef0123456789abcdef")));
  EXPECT_FALSE(ok.euicc_signed2.hash_cc);
  EXPECT_TRUE(crypto::EcPublicKey::from_point(pki.ci.curve(), ok.euicc_signed2.euicc_otpk));
}

TEST_P(CardDownload, when_signature2_checked_then_it_covers_signed2_and_smdp_signature2_tlv) {
  const Bytes sig1 = authenticate(card, pki);
  const Bytes request = prepare_download_request({}, pki.dppb, sig1);
  auto req = asn1::PrepareDownloadRequestView::decode(request);
  ASSERT_TRUE(req);
  auto r = card.prepare_download(request, kNow);
  ASSERT_TRUE(r);
  auto response = asn1::PrepareDownloadResponseView::decode(*r);
  ASSERT_TRUE(response && response->result.index() == 0);
  const auto& ok = std::get<0>(response->result);
  EXPECT_TRUE(pki.euicc.public_key().verify(concat(ok.euicc_signed2.raw, req->smdp_signature2_tlv),
                                            ok.euicc_signature2));
  EXPECT_FALSE(pki.euicc.public_key().verify(ok.euicc_signed2.raw, ok.euicc_signature2));
}

TEST_P(CardDownload, when_cc_required_then_hash_cc_is_signed) {
  const Bytes sig1 = authenticate(card, pki);
  const auto tid = hex("0123456789abcdef0123456789abcdef");
  const auto inner = crypto::sha256(as_bytes("12345678"));
  const auto hash_cc = crypto::sha256(inner, tid);
  const Bytes hash(hash_cc.begin(), hash_cc.end());
  auto r = card.prepare_download(
      prepare_download_request(prepare_params(std::nullopt, true, hash), pki.dppb, sig1), kNow);
  ASSERT_TRUE(r);
  auto response = asn1::PrepareDownloadResponseView::decode(*r);
  ASSERT_TRUE(response && response->result.index() == 0);
  const auto& signed2 = std::get<0>(response->result).euicc_signed2;
  ASSERT_TRUE(signed2.hash_cc);
  EXPECT_TRUE(std::ranges::equal(*signed2.hash_cc, hash));
}

Bytes otpk_of(const Bytes& prepare_response) {
  auto r = asn1::PrepareDownloadResponseView::decode(prepare_response);
  if (!r || r->result.index() != 0) throw std::runtime_error("not downloadResponseOk");
  const ByteView otpk = std::get<0>(r->result).euicc_signed2.euicc_otpk;
  return Bytes(otpk.begin(), otpk.end());
}

TEST_P(CardDownload, when_retry_names_the_held_otpk_then_it_is_reused) {
  const Bytes sig1 = authenticate(card, pki);
  const Bytes first =
      otpk_of(*card.prepare_download(prepare_download_request({}, pki.dppb, sig1), kNow));
  PrepareParams retry;
  retry.bpp_euicc_otpk = first;
  EXPECT_EQ(otpk_of(*card.prepare_download(prepare_download_request(retry, pki.dppb, sig1), kNow)),
            first);
  // An otPK the card does not hold: a fresh pair, as without bppEuiccOtpk.
  retry.bpp_euicc_otpk->back() ^= 1;
  const Bytes fresh =
      otpk_of(*card.prepare_download(prepare_download_request(retry, pki.dppb, sig1), kNow));
  EXPECT_NE(fresh, first);
  EXPECT_NE(otpk_of(*card.prepare_download(prepare_download_request({}, pki.dppb, sig1), kNow)),
            fresh);
}

TEST_P(CardDownload, when_refused_then_download_error_code) {
  const Bytes sig1 = authenticate(card, pki);
  // smdpSignature2 over another euiccSignature1.
  Bytes other_sig1 = sig1;
  other_sig1.back() ^= 1;
  EXPECT_EQ(prepare({}, pki.dppb, other_sig1), 2);
  // Properly signed, but another transaction.
  EXPECT_EQ(prepare(prepare_params(hex("00112233"), false, std::nullopt), pki.dppb, sig1), 5);
  // ccRequiredFlag without hashCc, and hashCc without ccRequiredFlag.
  EXPECT_EQ(prepare(prepare_params(std::nullopt, true, std::nullopt), pki.dppb, sig1), 127);
  EXPECT_EQ(prepare(prepare_params(std::nullopt, false, Bytes(32, 0xAA)), pki.dppb, sig1), 127);
  // CERT.DPauth in place of CERT.DPpb: wrong role.
  EXPECT_EQ(prepare({}, pki.dpauth, sig1), 1);
  // The session survives the refusals.
  EXPECT_EQ(prepare({}, pki.dppb, sig1), -1);
}

TEST_P(CardDownload, when_dppb_names_another_smdp_oid_then_invalid_certificate) {
  const Bytes sig1 = authenticate(card, pki);
  pki::TestPkiParams params{.now = kNow};
  pki::CertificateTemplate t = pki::test_template(pki::Role::dp_pb, params);
  t.registered_id = "2.999.11";  // SGP.26's SM-DP+ is 2.999.10
  const pki::Credential ci = pki.ci_credential();
  auto cert = pki::issue_certificate(t, pki.dppb.key.public_key(), &ci.cert, ci.key, rng);
  ASSERT_TRUE(cert) << cert.error().message();
  EXPECT_EQ(prepare({}, pki::Credential{*cert, pki.dppb.key}, sig1), 1);
  // The same template with the right OID is accepted: only the OID made the difference.
  t.registered_id = "2.999.10";
  auto good = pki::issue_certificate(t, pki.dppb.key.public_key(), &ci.cert, ci.key, rng);
  ASSERT_TRUE(good);
  EXPECT_EQ(prepare({}, pki::Credential{*good, pki.dppb.key}, sig1), -1);
}

TEST_P(CardDownload, when_dppb_from_another_ci_then_invalid_certificate) {
  const Bytes sig1 = authenticate(card, pki);
  auto other = pki::create_test_pki(pki.ci.curve(), {}, pki::TestPkiParams{.now = kNow}, rng);
  ASSERT_TRUE(other);
  EXPECT_EQ(prepare({}, other->dppb, sig1), 1);
}

TEST_P(CardDownload, when_no_session_then_no_session_context) {
  EXPECT_EQ(prepare({}, pki.dppb, hex("5f370100")), 4);
  // A failed AuthenticateServer leaves no session either.
  (void)card.get_euicc_challenge();
  AuthParams p;
  p.euicc_challenge = hex("00000000000000000000000000000000");
  ASSERT_EQ(auth_error(*card.authenticate_server(
                authenticate_server_request(p, pki.dpauth, *pki.ci.subject_key_identifier()),
                kAddress, kNow)),
            6);
  EXPECT_EQ(prepare({}, pki.dppb, hex("5f370100")), 4);
}

Bytes cancel_request(ByteView tid, std::uint64_t reason) {
  der::Writer w;
  w.add_constructed(0xBF41, [&](der::Writer& in) { in.add(0x80, tid).add_uint(0x81, reason); });
  return w.take();
}

TEST_P(CardDownload, when_session_cancelled_then_signed_response_and_session_gone) {
  const Bytes tid = hex("0123456789abcdef0123456789abcdef");
  EXPECT_EQ(*card.cancel_session(cancel_request(tid, 1)), hex("bf4103810105"));
  (void)authenticate(card, pki);
  EXPECT_EQ(*card.cancel_session(cancel_request(hex("00"), 1)), hex("bf4103810105"));
  auto r = card.cancel_session(cancel_request(tid, asn1::kCancelPostponed));
  ASSERT_TRUE(r) << r.error().message();
  auto response = asn1::CancelSessionResponseView::decode(*r);
  ASSERT_TRUE(response) << response.error().message();
  ASSERT_EQ(response->result.index(), 0u);
  const auto& ok = std::get<0>(response->result);
  EXPECT_TRUE(pki.euicc.public_key().verify(ok.euicc_cancel_session_signed.raw,
                                            ok.euicc_cancel_session_signature));
  EXPECT_TRUE(std::ranges::equal(ok.euicc_cancel_session_signed.transaction_id, tid));
  EXPECT_EQ(*asn1::oid_to_text(ok.euicc_cancel_session_signed.smdp_oid), "2.999.10");
  EXPECT_EQ(ok.euicc_cancel_session_signed.reason, asn1::kCancelPostponed);
  // The session is gone.
  EXPECT_EQ(*card.cancel_session(cancel_request(tid, 1)), hex("bf4103810105"));
  EXPECT_FALSE(card.cancel_session(hex("bf410380010181")));
}

TEST_P(CardDownload, when_second_authentication_then_it_replaces_the_session) {
  (void)authenticate(card, pki);
  const Bytes tid2 = hex("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
  AuthParams second;
  second.transaction_id = tid2;
  (void)authenticate(card, pki, second);
  EXPECT_EQ(*card.cancel_session(cancel_request(hex("0123456789abcdef0123456789abcdef"), 1)),
            hex("bf4103810105"));
  auto r = card.cancel_session(cancel_request(tid2, 1));
  ASSERT_TRUE(r);
  EXPECT_EQ(asn1::CancelSessionResponseView::decode(*r)->result.index(), 0u);
}

INSTANTIATE_TEST_SUITE_P(Curves, CardDownload, ::testing::Values("NIST", "BRP"));

// The card side of the recorded generated/ session: with the recorded euiccChallenge
// and otSK.EUICC replayed, the recorded AuthenticateServerRequest and BPPs load.
class RecordedSession : public ::testing::TestWithParam<const char*> {
 protected:
  RecordedSession() : session(GetParam()), pki(session.curve), card(pki.config(), rng) {}

  Bytes file(const std::string& name) const { return session.der(name); }
  Bytes value(const char* key) const { return session.value(key); }

  // AuthenticateServer + PrepareDownload as the recorded session; returns otPK.EUICC.
  Bytes start() {
    rng.queue(value("euiccChallenge"));
    rng.queue(value("euicc_otSK"));
    EXPECT_EQ(card.get_euicc_challenge(), value("euiccChallenge"));
    auto auth = card.authenticate_server(file("authenticateServerRequest.der"),
                                         session.text("serverAddress"), kNow);
    if (!auth) throw std::runtime_error(auth.error().message());
    const auto ok = auth_ok(*auth);
    // Our euiccSignature1 differs from the recorded one (another EUICCInfo2, random k),
    // so the SM-DP+ half signs smdpSigned2 again over ours, with the SGP.26 DPpb key.
    const Bytes signed2 = file("smdpSigned2.der");
    auto sig = pki.dppb.key.sign(concat(signed2, ok.euicc_signature1_tlv));
    if (!sig) throw std::runtime_error("sign");
    auto signed2_view = asn1::SmdpSigned2View::decode(signed2);
    if (!signed2_view) throw std::runtime_error(signed2_view.error().message());
    asn1::PrepareDownloadRequestView req;
    req.smdp_signed2 = *signed2_view;
    req.smdp_signature2 = *sig;
    req.smdp_certificate = pki.dppb.cert.der();
    auto prepared = card.prepare_download(req.encode(), kNow);
    if (!prepared) throw std::runtime_error(prepared.error().message());
    auto response = asn1::PrepareDownloadResponseView::decode(*prepared);
    if (!response || response->result.index() != 0) throw std::runtime_error("prepare");
    const ByteView otpk = std::get<0>(response->result).euicc_signed2.euicc_otpk;
    return Bytes(otpk.begin(), otpk.end());
  }

  asn1::ProfileInstallationResultView result(const Bytes& der) {
    auto pir = asn1::ProfileInstallationResultView::decode(der);
    if (!pir) throw std::runtime_error(pir.error().message());
    EXPECT_TRUE(pki.euicc.public_key().verify(pir->profile_installation_result_data.raw,
                                              pir->euicc_sign_pir));
    return *pir;
  }

  smdp::testing::Session session;
  Sgp26 pki;
  ReplayRng rng;
  Card card;
};

TEST_P(RecordedSession, when_recorded_bpps_loaded_then_installed_and_notified) {
  const Bytes upp = smdp::testing::profile(smdp::testing::kTs48v7);
  const Bytes metadata = file("storeMetadataRequest.der");
  auto md = asn1::StoreMetadataRequestView::decode(metadata);
  ASSERT_TRUE(md);
  std::int64_t seq = 0;
  for (const char* bpp : {"boundProfilePackage_session.der", "boundProfilePackage_ppk.der"}) {
    SCOPED_TRACE(bpp);
    EXPECT_EQ(start(), value("euicc_otPK"));
    auto loaded = card.load_bound_profile_package(file(bpp));
    ASSERT_TRUE(loaded) << loaded.error().message();
    const auto pir = result(*loaded);
    const auto& data = pir.profile_installation_result_data;
    EXPECT_TRUE(std::ranges::equal(data.transaction_id, value("transactionId")));
    EXPECT_EQ(*asn1::oid_to_text(data.smdp_oid), "2.999.10");
    EXPECT_EQ(data.notification_metadata.notification_address, kAddress);
    EXPECT_EQ(to_hex(data.notification_metadata.profile_management_operation), "0780");
    ASSERT_TRUE(data.notification_metadata.iccid);
    EXPECT_TRUE(std::ranges::equal(*data.notification_metadata.iccid, md->iccid));
    EXPECT_GT(static_cast<std::int64_t>(data.notification_metadata.seq_number), seq);
    seq = static_cast<std::int64_t>(data.notification_metadata.seq_number);
    if (std::string(bpp).find("ppk") == std::string::npos) {
      ASSERT_EQ(data.final_result.result.index(), 0u);
      const auto& success = std::get<0>(data.final_result.result);
      EXPECT_EQ(success.aid.size(), 16u);
      ASSERT_EQ(card.installed_profiles().size(), 1u);
      const auto& p = card.installed_profiles()[0];
      EXPECT_EQ(p.profile_package, upp);
      EXPECT_EQ(p.store_metadata, metadata);
      EXPECT_EQ(p.iccid, "89000123456789012341");
      EXPECT_FALSE(p.used_ppk);
    } else {
      // The same ICCID again: refused at StoreMetadata, nothing installed.
      ASSERT_EQ(data.final_result.result.index(), 1u);
      const auto& error = std::get<1>(data.final_result.result);
      EXPECT_EQ(error.bpp_command_id, 2u);
      EXPECT_EQ(error.error_reason, 9u);
      EXPECT_EQ(card.installed_profiles().size(), 1u);
    }
    // Pending until removed, and the session is over.
    ASSERT_FALSE(card.pending_notifications().empty());
    EXPECT_EQ(card.pending_notifications().back(), *loaded);
    auto again = card.load_bound_profile_package(file(bpp));
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, CardErrc::no_session);
  }
  // Both are PendingNotification values; removal by sequence number.
  const auto pending = card.pending_notifications();
  ASSERT_EQ(pending.size(), 2u);
  for (const Bytes& n : pending) EXPECT_TRUE(asn1::PendingNotificationView::decode(n));
  EXPECT_TRUE(card.remove_notification(seq));
  EXPECT_FALSE(card.remove_notification(seq));
  EXPECT_EQ(card.pending_notifications(), std::vector<Bytes>{pending[0]});
}

TEST_P(RecordedSession, when_ppk_bpp_loaded_then_installed_with_ppk) {
  (void)start();
  auto loaded = card.load_bound_profile_package(file("boundProfilePackage_ppk.der"));
  ASSERT_TRUE(loaded);
  EXPECT_EQ(result(*loaded).profile_installation_result_data.final_result.result.index(), 0u);
  ASSERT_EQ(card.installed_profiles().size(), 1u);
  EXPECT_TRUE(card.installed_profiles()[0].used_ppk);
}

TEST_P(RecordedSession, when_bpp_byte_flipped_then_error_result_names_command_and_reason) {
  (void)start();
  Bytes bpp = file("boundProfilePackage_session.der");
  bpp[bpp.size() - 3] ^= 1;  // inside the MAC of the last '86' segment
  auto loaded = card.load_bound_profile_package(bpp);
  ASSERT_TRUE(loaded) << loaded.error().message();
  const auto pir = result(*loaded);
  ASSERT_EQ(pir.profile_installation_result_data.final_result.result.index(), 1u);
  const auto& error = std::get<1>(pir.profile_installation_result_data.final_result.result);
  EXPECT_EQ(error.bpp_command_id, static_cast<std::uint64_t>(BppCommandId::load_profile_elements));
  EXPECT_EQ(error.error_reason, static_cast<std::uint64_t>(ErrorReason::scp03t_security_error));
  EXPECT_TRUE(card.installed_profiles().empty());
  EXPECT_EQ(card.pending_notifications().size(), 1u);
}

TEST_P(RecordedSession, when_profile_exceeds_free_memory_then_refused_with_reason) {
  CardConfig small = pki.config();
  small.free_nvm = 1000;
  card = Card(small, rng);
  (void)start();
  auto loaded = card.load_bound_profile_package(file("boundProfilePackage_session.der"));
  ASSERT_TRUE(loaded);
  const auto pir = result(*loaded);
  ASSERT_EQ(pir.profile_installation_result_data.final_result.result.index(), 1u);
  const auto& error = std::get<1>(pir.profile_installation_result_data.final_result.result);
  EXPECT_EQ(error.error_reason, 10u);  // installFailedDueToInsufficientMemoryForProfile
  EXPECT_TRUE(card.installed_profiles().empty());
}

TEST_P(RecordedSession, when_state_saved_and_restored_then_profiles_and_notifications_kept) {
  (void)start();
  ASSERT_TRUE(card.load_bound_profile_package(file("boundProfilePackage_session.der")));
  const Bytes blob = card.save_state();

  Card restored(pki.config(), rng);
  ASSERT_TRUE(restored.restore_state(blob));
  ASSERT_EQ(restored.installed_profiles().size(), 1u);
  EXPECT_EQ(restored.installed_profiles()[0].profile_package,
            card.installed_profiles()[0].profile_package);
  EXPECT_EQ(restored.installed_profiles()[0].store_metadata,
            card.installed_profiles()[0].store_metadata);
  EXPECT_EQ(restored.installed_profiles()[0].iccid, card.installed_profiles()[0].iccid);
  EXPECT_EQ(restored.pending_notifications(), card.pending_notifications());
  EXPECT_EQ(restored.save_state(), blob);
  // The free NVM reported accounts for the restored profile.
  EXPECT_EQ(restored.get_euicc_info2(), card.get_euicc_info2());

  CardConfig other = pki.config();
  other.eid = "89049032123451234512345678901236";
  Card stranger(other, rng);
  auto wrong = stranger.restore_state(blob);
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, CardErrc::wrong_eid);
  EXPECT_FALSE(restored.restore_state(as_bytes("{not json")));
  std::string text(as_chars(blob));
  text.replace(text.find("\"der\": \"") + 8, 1, "!");
  auto bad = restored.restore_state(as_bytes(text));
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, CardErrc::invalid_state);
  // A refused blob leaves the state as it was.
  EXPECT_EQ(restored.save_state(), blob);
}

INSTANTIATE_TEST_SUITE_P(Sessions, RecordedSession, ::testing::ValuesIn(smdp::testing::kSessions));

}  // namespace
}  // namespace smdp::euicc::test
