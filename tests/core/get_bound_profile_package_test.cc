// SPDX-License-Identifier: Apache-2.0
// ES9+.GetBoundProfilePackage in process (SGP.22 §5.6.2; §3.1.3.2 steps 9-13; binding
// §2.5.3, §2.5.5): the session (8.10.1/3.9), the eUICC's PrepareDownload error,
// euiccSignature2 (8.1/6.1), the confirmation code (8.2.7/2.2, 8.2.7/3.8, 8.2.7/6.4),
// the hold and the binding (8.2/3.7), the retry with the same otPK, and store faults
// (1.2/4.2, §5.1.6.5) that leave the profile Released.
#include "asn1/prepare_download.h"
#include "core/orders.h"
#include "core/profile_types.h"
#include "rsp_fixture.h"

namespace smdp::core::testing {
namespace {

class GetBoundProfilePackage : public RspTest {
 protected:
  // A profile whose order requires `confirmation_code`, authenticated by `c`.
  ProfileRecord authenticated(TestCard& c, std::optional<std::string> confirmation_code = {},
                              int max_attempts = 3) {
    const auto p = register_profile(registration([&](ProfileRegistration& r) {
      r.confirmation_code = confirmation_code;
      r.max_confirmation_attempts = max_attempts;
    }));
    EXPECT_TRUE(initiate(c));
    EXPECT_TRUE(authenticate(c, p.matching_id));
    return p;
  }
  // Released, not Downloaded; `held` by the card's session or not.
  void expect_released(const ProfileRecord& p, bool held_by_session) {
    const auto now = profile(p.iccid);
    EXPECT_EQ(now.state, ProfileState::released);
    EXPECT_EQ(now.session_transaction_id.has_value(), held_by_session);
  }
  // A PrepareDownloadResponse the card's key signs (an eUICC that behaves otherwise).
  static Bytes prepare_download_response(const TestCard& c, asn1::EUICCSigned2 signed2) {
    asn1::PrepareDownloadResponseOk ok;
    ok.euicc_signed2 = std::move(signed2);
    auto sig = c.key.sign(concat(ok.euicc_signed2.encode(), c.authenticated->smdp_signature2));
    if (!sig) throw std::runtime_error("sign");
    ok.euicc_signature2.assign(sig->begin(), sig->end());
    asn1::PrepareDownloadResponse response;
    response.result = std::move(ok);
    return response.encode();
  }
  static Bytes download_error(const TestCard& c, std::uint64_t download_error_code) {
    asn1::PrepareDownloadResponseError error;
    error.transaction_id = c.transaction_id;
    error.download_error_code = download_error_code;
    asn1::PrepareDownloadResponse response;
    response.result = std::move(error);
    return response.encode();
  }
  static Tamper<GetBoundProfilePackageRequest> respond(Bytes prepare_download_response) {
    return [r = std::move(prepare_download_response)](GetBoundProfilePackageRequest& req) {
      req.prepare_download_response = field<asn1::PrepareDownloadResponseView>(r);
    };
  }
};

TEST_F(GetBoundProfilePackage, when_euicc_prepared_on_either_curve_then_its_bpp_installs) {
  for (Curve curve : kCurves) {
    SCOPED_TRACE(curve_name(curve));
    const auto p = register_profile({}, static_cast<int>(curve));
    auto c = card(curve);
    ASSERT_TRUE(initiate(c));
    ASSERT_TRUE(authenticate(c, p.matching_id));
    auto r = get_bpp(c);
    ASSERT_TRUE(r) << code(r) << " " << r.error().message;
    EXPECT_EQ(r->transaction_id, c.transaction_id);
    const auto now = profile(p.iccid);
    EXPECT_EQ(now.state, ProfileState::downloaded);
    EXPECT_EQ(now.session_transaction_id, to_hex(c.transaction_id));
    EXPECT_EQ(session(c.transaction_id)->state, SessionState::bound);
    EXPECT_EQ(now.bound_package, r->bound_profile_package);
    EXPECT_EQ(now.bound_euicc_otpk, session(c.transaction_id)->euicc_otpk);
    EXPECT_EQ(now.bound_until, clock_.now() + std::chrono::hours{24});
    load(c);
    ASSERT_EQ(c.card.installed_profiles().size(), 1u);
    EXPECT_EQ(c.card.installed_profiles()[0].profile_package, p.profile_package);
    EXPECT_FALSE(c.card.installed_profiles()[0].used_ppk);
  }
}

TEST_F(GetBoundProfilePackage,
       when_binding_with_a_ppk_then_the_bpp_installs_with_replace_session_keys) {
  make_server([](RspServerConfig& config) { config.binding_mode = BindingMode::ppk; });
  auto c = card(Curve::brp);
  const auto p = authenticated(c);
  ASSERT_TRUE(get_bpp(c));
  load(c);
  ASSERT_EQ(c.card.installed_profiles().size(), 1u);
  EXPECT_TRUE(c.card.installed_profiles()[0].used_ppk);
  EXPECT_EQ(c.card.installed_profiles()[0].profile_package, p.profile_package);
}

TEST_F(GetBoundProfilePackage, when_retried_with_the_same_otpk_then_the_same_bpp_returns) {
  auto c = card();
  authenticated(c);
  std::optional<GetBoundProfilePackageRequest> sent;
  auto first = get_bpp(c, {}, [&](auto& req) { sent = req; });
  ASSERT_TRUE(first);
  auto again = server_->get_bound_profile_package(*sent);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->bound_profile_package, first->bound_profile_package);
}

TEST_F(GetBoundProfilePackage, when_retried_with_a_new_otpk_then_a_new_bpp_is_bound) {
  auto c = card();
  const auto p = authenticated(c);
  auto first = get_bpp(c);
  ASSERT_TRUE(first);
  auto second = get_bpp(c);  // PrepareDownload again: a new otPK.EUICC
  ASSERT_TRUE(second) << code(second) << " " << second.error().message;
  EXPECT_NE(second->bound_profile_package, first->bound_profile_package);
  load(c);
  ASSERT_EQ(c.card.installed_profiles().size(), 1u);
  EXPECT_EQ(profile(p.iccid).state, ProfileState::downloaded);
}

TEST_F(GetBoundProfilePackage, when_transaction_id_is_unknown_then_8_10_1_3_9) {
  auto c = card();
  const auto p = authenticated(c);
  EXPECT_EQ(code(get_bpp(c, {}, [](auto& req) { req.transaction_id = Bytes(16, 0x42); })),
            "8.10.1/3.9");
  expect_released(p, true);
}

TEST_F(GetBoundProfilePackage, when_the_session_is_not_authenticated_then_8_10_1_3_9) {
  auto c = card();
  const auto p = authenticated(c);
  auto other = card(Curve::brp, kEidB);
  ASSERT_TRUE(initiate(other));  // initiated only
  EXPECT_EQ(code(get_bpp(c, {}, [&](auto& req) { req.transaction_id = other.transaction_id; })),
            "8.10.1/3.9");
}

TEST_F(GetBoundProfilePackage,
       when_session_expires_before_get_bound_profile_package_then_8_10_1_3_9) {
  auto c = card();
  const auto p = authenticated(c);
  clock_.advance(std::chrono::seconds{601});
  EXPECT_EQ(code(get_bpp(c)), "8.10.1/3.9");
  EXPECT_EQ(profile(p.iccid).state, ProfileState::released);
  auto again = card();  // the expired session no longer holds the profile
  EXPECT_EQ(download(again, p.matching_id), "");
}

TEST_F(GetBoundProfilePackage, when_euicc_signed2_names_another_transaction_then_8_10_1_3_9) {
  auto c = card();
  const auto p = authenticated(c);
  auto r = get_bpp(c, {}, [&](GetBoundProfilePackageRequest& req) {
    const auto& ok =
        std::get<asn1::PrepareDownloadResponseOkView>(req.prepare_download_response.view.result);
    change_and_resign(req.prepare_download_response, ok.euicc_signed2.transaction_id,
                      ok.euicc_signed2.raw, ok.euicc_signature2, c.key,
                      c.authenticated->smdp_signature2);
  });
  EXPECT_EQ(code(r), "8.10.1/3.9");
  expect_released(p, true);
}

TEST_F(GetBoundProfilePackage,
       when_euicc_reports_invalid_transaction_id_then_8_10_1_3_9_and_the_hold_ends) {
  auto c = card();
  const auto p = authenticated(c);
  EXPECT_EQ(code(get_bpp(c, {}, respond(download_error(c, 5)))), "8.10.1/3.9");
  expect_released(p, false);
  EXPECT_EQ(session(c.transaction_id)->state, SessionState::failed);
}

TEST_F(GetBoundProfilePackage,
       when_euicc_reports_another_download_error_then_1_2_4_2_and_the_hold_ends) {
  auto c = card();
  const auto p = authenticated(c);
  EXPECT_EQ(code(get_bpp(c, {}, respond(download_error(c, 127)))), "1.2/4.2");
  expect_released(p, false);
  EXPECT_EQ(code(get_bpp(c)), "8.10.1/3.9");  // the session is over
}

TEST_F(GetBoundProfilePackage, when_euicc_signature2_is_tampered_then_8_1_6_1) {
  auto c = card();
  const auto p = authenticated(c);
  EXPECT_EQ(
      code(get_bpp(
          c, {}, [](auto& req) { rewrite(req.prepare_download_response, flip_first_signature); })),
      "8.1/6.1");
  expect_released(p, true);
  EXPECT_TRUE(get_bpp(c));
}

TEST_F(GetBoundProfilePackage, when_confirmation_code_is_required_but_absent_then_8_2_7_2_2) {
  auto c = card();
  const auto p = authenticated(c, "1234");
  asn1::EUICCSigned2 signed2;
  signed2.transaction_id = c.transaction_id;
  signed2.euicc_otpk = c.key.public_key().point();
  EXPECT_EQ(code(get_bpp(c, {}, respond(prepare_download_response(c, signed2)))), "8.2.7/2.2");
  expect_released(p, true);
}

TEST_F(GetBoundProfilePackage,
       when_confirmation_code_is_wrong_then_8_2_7_3_8_and_it_may_be_retried) {
  auto c = card();
  const auto p = authenticated(c, "1234");
  EXPECT_EQ(code(get_bpp(c, "9999")), "8.2.7/3.8");
  EXPECT_EQ(profile(p.iccid).confirmation_attempts, 1);
  expect_released(p, true);
  EXPECT_TRUE(get_bpp(c, "1234"));  // the same session, the right code
  EXPECT_EQ(profile(p.iccid).state, ProfileState::downloaded);
}

TEST_F(GetBoundProfilePackage, when_confirmation_code_is_wrong_until_the_limit_then_8_2_7_6_4) {
  auto c = card();
  const auto p = authenticated(c, "1234", 2);
  EXPECT_EQ(code(get_bpp(c, "9999")), "8.2.7/3.8");
  EXPECT_EQ(code(get_bpp(c, "9999")), "8.2.7/6.4");
  const auto consumed = profile(p.iccid);
  EXPECT_EQ(consumed.state, ProfileState::error);
  EXPECT_FALSE(consumed.session_transaction_id);
  EXPECT_EQ(session(c.transaction_id)->state, SessionState::failed);
  auto again = card();
  ASSERT_TRUE(initiate(again));
  EXPECT_EQ(code(authenticate(again, p.matching_id)), "8.2/1.2");  // the order is consumed
}

TEST_F(GetBoundProfilePackage, when_inventory_profile_cannot_be_bound_then_8_2_3_7) {
  // A profile of a type, without the data key that opens its values (ProfileSource).
  ASSERT_TRUE(import_template(*sqlite_, "ts48v7", test_package(0), clock_));
  ProfileTypeDefinition type;
  type.name = "gtp";
  type.template_name = "ts48v7";
  type.service_provider_name = "Test MNO";
  type.profile_name = "GTP";
  ASSERT_TRUE(define_profile_type(*sqlite_, type, clock_));
  std::vector<ProfileRecord> batch(1);
  batch[0].iccid = "89499900000000000100";
  batch[0].profile_type = "gtp";
  batch[0].updated_at = clock_.now();
  ASSERT_TRUE(sqlite_->add_profiles(batch));
  ASSERT_TRUE(
      download_order(*sqlite_, *sqlite_, {std::nullopt, batch[0].iccid, std::nullopt}, clock_));
  ConfirmOrderRequest confirm;
  confirm.iccid = batch[0].iccid;
  auto ordered = confirm_order(*sqlite_, *sqlite_, confirm, crypto::system_rng(), clock_);
  ASSERT_TRUE(ordered) << ordered.error().message();
  auto c = card();
  ASSERT_TRUE(initiate(c));
  ASSERT_TRUE(authenticate(c, ordered->matching_id));
  EXPECT_EQ(code(get_bpp(c)), "8.2/3.7");
  expect_released(*ordered, true);
}

TEST_F(GetBoundProfilePackage, when_the_profile_changes_during_binding_then_8_2_3_7) {
  auto c = card();
  const auto p = authenticated(c);
  store_->fail("update", StoreErrc::conflict);
  EXPECT_EQ(code(get_bpp(c)), "8.2/3.7");
  expect_released(p, true);
  EXPECT_EQ(session(c.transaction_id)->state, SessionState::authenticated);
}

TEST_F(GetBoundProfilePackage, when_the_store_fails_then_1_2_4_2_and_nothing_is_written) {
  auto c = card();
  const auto p = authenticated(c, "1234");
  for (const char* method : {"get_session", "get_profile", "update"}) {
    SCOPED_TRACE(method);
    store_->fail(method, StoreErrc::unavailable);
    EXPECT_EQ(code(get_bpp(c, "1234")), "1.2/4.2");
    expect_released(p, true);
    EXPECT_EQ(session(c.transaction_id)->state, SessionState::authenticated);
  }
  store_->fail("update", StoreErrc::unavailable);  // recording a wrong code
  EXPECT_EQ(code(get_bpp(c, "9999")), "1.2/4.2");
  EXPECT_EQ(profile(p.iccid).confirmation_attempts, 0);
  EXPECT_TRUE(get_bpp(c, "1234"));  // the LPA's retry
}

}  // namespace
}  // namespace smdp::core::testing
