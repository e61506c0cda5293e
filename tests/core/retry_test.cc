// SPDX-License-Identifier: Apache-2.0
// A download retried with the same one-time key across RSP sessions (SGP.22 §3.1.3.2,
// §5.6.3 smdpSigned2.bppEuiccOtpk, §5.7.5 on the card's side): the kept BPP is offered
// by its otPK.EUICC.ECKA, returned with the same smdpOtpk and TLVs (BF23 re-issued for
// the new transactionId), found again by EID on the default SM-DP+, replaced by a fresh
// binding for a new otPK, and dropped when the retry window ends or the order is final.
#include "asn1/bpp.h"
#include "asn1/cancel_session.h"
#include "asn1/prepare_download.h"
#include "rsp_fixture.h"

namespace smdp::core::testing {
namespace {

// The parts of a BPP a retry compares: BF23's smdpOtpk and transactionId, and every
// TLV after BF23.
struct BppParts {
  Bytes smdp_otpk;
  Bytes transaction_id;
  Bytes after_bf23;
};

BppParts parts(const Bytes& bpp) {
  auto decoded = asn1::BoundProfilePackage::decode(bpp);
  EXPECT_TRUE(decoded);
  if (!decoded) return {};
  auto isc = asn1::InitialiseSecureChannelRequest::decode(decoded->initialise_secure_channel);
  EXPECT_TRUE(isc);
  if (!isc) return {};
  asn1::BoundProfilePackage rest = *decoded;
  rest.initialise_secure_channel.clear();
  return {isc->smdp_otpk, isc->transaction_id, rest.encode()};
}

class Retry : public RspTest {
 protected:
  // The otPK.EUICC.ECKA smdpSigned2 names for a retry, if any.
  static std::optional<Bytes> bpp_euicc_otpk(const AuthenticateClientResult& r) {
    auto signed2 = asn1::SmdpSigned2View::decode(r.smdp_signed2);
    EXPECT_TRUE(signed2);
    if (!signed2 || !signed2->bpp_euicc_otpk) return std::nullopt;
    return Bytes(signed2->bpp_euicc_otpk->begin(), signed2->bpp_euicc_otpk->end());
  }
  // A first session of `c` up to its BPP (not loaded): the BPP.
  Bytes first_bpp(TestCard& c, const std::optional<std::string>& matching_id) {
    EXPECT_TRUE(initiate(c));
    EXPECT_TRUE(authenticate(c, matching_id));
    auto bound = get_bpp(c);
    EXPECT_TRUE(bound) << code(bound);
    return bound ? bound->bound_profile_package : Bytes{};
  }
};

TEST_F(Retry, when_postponed_after_the_bpp_then_the_next_session_reuses_the_otpk_and_the_bpp) {
  for (Curve curve : kCurves) {
    SCOPED_TRACE(curve_name(curve));
    const auto p = register_profile({}, static_cast<int>(curve));
    // One EID per curve: notifications are recorded once per (EID, seqNumber).
    auto c = card(curve, curve == Curve::nist ? kEidA : kEidB);
    const Bytes first = first_bpp(c, p.matching_id);
    const Bytes first_tid = c.transaction_id;
    const Bytes otpk = session(first_tid)->euicc_otpk;
    ASSERT_TRUE(cancel(c, asn1::kCancelPostponed));
    EXPECT_EQ(profile(p.iccid).state, ProfileState::released);
    EXPECT_EQ(profile(p.iccid).bound_package, first);  // kept for the retry

    ASSERT_TRUE(initiate(c));
    auto auth = authenticate(c, p.matching_id);
    ASSERT_TRUE(auth) << code(auth);
    EXPECT_EQ(bpp_euicc_otpk(*auth), otpk);
    auto again = get_bpp(c);  // the card reuses its otSK.EUICC.ECKA
    ASSERT_TRUE(again) << code(again) << " " << again.error().message;
    EXPECT_EQ(session(c.transaction_id)->euicc_otpk, otpk);
    const BppParts a = parts(first);
    const BppParts b = parts(again->bound_profile_package);
    EXPECT_EQ(b.smdp_otpk, a.smdp_otpk);
    EXPECT_EQ(b.after_bf23, a.after_bf23);
    EXPECT_EQ(a.transaction_id, first_tid);
    EXPECT_EQ(b.transaction_id, c.transaction_id);
    EXPECT_EQ(notify(c).result, "installed");
    ASSERT_EQ(c.card.installed_profiles().size(), 1u);
    EXPECT_EQ(c.card.installed_profiles()[0].profile_package, p.profile_package);
    // Final: the kept package is dropped with the order's result.
    EXPECT_TRUE(profile(p.iccid).bound_package.empty());
    EXPECT_TRUE(profile(p.iccid).bound_euicc_otpk.empty());
    EXPECT_FALSE(profile(p.iccid).bound_until);
  }
}

// A lost response and no CancelSession: the default SM-DP+ finds the order it bound for
// the EID (Downloaded), not its other Released order.
TEST_F(Retry, when_the_first_session_never_ended_then_the_default_smdp_finds_the_same_order) {
  auto for_eid = [](auto& r) {
    r.eid = std::string(kEidA);
    r.no_matching_id = true;
  };
  const auto held = register_profile(registration(for_eid), 0);
  clock_.advance(std::chrono::seconds{1});
  const auto other = register_profile(registration(for_eid), 1);
  auto c = card();
  const Bytes first = first_bpp(c, std::nullopt);
  ASSERT_EQ(profile(held.iccid).state, ProfileState::downloaded);
  clock_.advance(std::chrono::seconds{30});  // the first session is still live

  ASSERT_TRUE(initiate(c));
  auto auth = authenticate(c, std::nullopt);
  ASSERT_TRUE(auth) << code(auth);
  EXPECT_EQ(auth->profile_metadata, held.profile_metadata);
  EXPECT_TRUE(bpp_euicc_otpk(*auth));
  auto again = get_bpp(c);
  ASSERT_TRUE(again) << code(again);
  EXPECT_EQ(parts(again->bound_profile_package).smdp_otpk, parts(first).smdp_otpk);
  EXPECT_EQ(notify(c).result, "installed");
  EXPECT_EQ(profile(held.iccid).state, ProfileState::installed);
  EXPECT_EQ(profile(other.iccid).state, ProfileState::released);
  EXPECT_EQ(profile(other.iccid).download_attempts, 0);
}

// The eUICC no longer holds the key (a new card object: no otSK): it generates a new
// pair, and the SM-DP+ binds afresh and keeps that package instead.
TEST_F(Retry, when_the_euicc_uses_a_new_otpk_then_a_fresh_binding_replaces_the_kept_one) {
  const auto p = register_profile();
  auto c = card();
  const Bytes first = first_bpp(c, p.matching_id);
  ASSERT_TRUE(cancel(c, asn1::kCancelTimeout));
  auto d = card();  // the same EID
  ASSERT_TRUE(initiate(d));
  auto auth = authenticate(d, p.matching_id);
  ASSERT_TRUE(auth);
  EXPECT_TRUE(bpp_euicc_otpk(*auth));
  auto fresh = get_bpp(d);
  ASSERT_TRUE(fresh) << code(fresh);
  EXPECT_NE(parts(fresh->bound_profile_package).smdp_otpk, parts(first).smdp_otpk);
  EXPECT_EQ(profile(p.iccid).bound_package, fresh->bound_profile_package);
  EXPECT_EQ(profile(p.iccid).bound_euicc_otpk, session(d.transaction_id)->euicc_otpk);
  EXPECT_EQ(notify(d).result, "installed");
}

TEST_F(Retry, when_the_retry_window_has_ended_then_no_otpk_is_named_and_the_package_goes) {
  make_server([](RspServerConfig& config) { config.retry_window = std::chrono::seconds{60}; });
  const auto p = register_profile();
  auto c = card();
  const Bytes first = first_bpp(c, p.matching_id);
  EXPECT_EQ(profile(p.iccid).bound_until, clock_.now() + std::chrono::seconds{60});
  ASSERT_TRUE(cancel(c, asn1::kCancelPostponed));
  clock_.advance(std::chrono::seconds{61});
  ASSERT_TRUE(initiate(c));
  auto auth = authenticate(c, p.matching_id);
  ASSERT_TRUE(auth);
  EXPECT_FALSE(bpp_euicc_otpk(*auth));
  // Housekeeping drops it from the store.
  auto purged = sqlite_->purge_retained(clock_.now());
  ASSERT_TRUE(purged);
  EXPECT_EQ(*purged, 1);
  EXPECT_TRUE(profile(p.iccid).bound_package.empty());
  auto fresh = get_bpp(c);
  ASSERT_TRUE(fresh) << code(fresh);
  EXPECT_NE(parts(fresh->bound_profile_package).smdp_otpk, parts(first).smdp_otpk);
  EXPECT_EQ(notify(c).result, "installed");
}

TEST_F(Retry, when_the_euicc_ends_the_order_then_the_kept_package_is_dropped) {
  const auto p = register_profile();
  auto c = card();
  first_bpp(c, p.matching_id);
  ASSERT_FALSE(profile(p.iccid).bound_package.empty());
  ASSERT_TRUE(cancel(c, asn1::kCancelEndUserRejection));
  EXPECT_EQ(profile(p.iccid).state, ProfileState::error);
  EXPECT_TRUE(profile(p.iccid).bound_package.empty());
  EXPECT_FALSE(profile(p.iccid).bound_until);
}

}  // namespace
}  // namespace smdp::core::testing
