// SPDX-License-Identifier: Apache-2.0
// ES9+.AuthenticateClient in process (SGP.22 §5.6.3; §3.0.1 steps 13-16; §3.1.3.1 for the
// profile lookup by matchingId or EID and the eligibility and retry-limit checks of
// notification point 1): the session (8.10.1/3.9), the eUICC certificate chain
// (8.1.2/*, 8.1.3/*, 8.11.1/3.9, via core::detail::chain_status), euiccSignature1
// (8.1/6.1), the address (8.8.1/3.8), the order (8.2.6/3.8, 8.1.1/3.8, 8.2/1.2,
// 8.8.5/4.10, 8.8.5/6.4), eligibility (8.2.5/4.3, 8.1/4.8) and store faults (1.2/4.2).
#include "asn1/authenticate_server.h"
#include "asn1/store_metadata.h"
#include "core/rsp_common.h"
#include "pki/chain_errors.h"
#include "rsp_fixture.h"
#include "testdata.h"

namespace smdp::core::testing {
namespace {

class AuthenticateClient : public RspTest {
 protected:
  void SetUp() override {
    RspTest::SetUp();
    p = register_profile();  // TS.48 v7, Released, with a matchingId
  }
  // Initiates a session with `c` and authenticates for `order`: the refusal code, or "".
  std::string auth(TestCard& c, const ProfileRecord& order,
                   const Tamper<AuthenticateClientRequest>& tamper = {}) {
    if (auto i = initiate(c); !i) return code(i);
    return code(authenticate(c, order.matching_id, tamper));
  }
  // The order is untouched: not held, no attempt counted, still Released.
  void expect_untouched(const ProfileRecord& order) {
    const auto now = profile(order.iccid);
    EXPECT_FALSE(now.session_transaction_id);
    EXPECT_EQ(now.download_attempts, 0);
    EXPECT_EQ(now.state, ProfileState::released);
  }
  // Changes a byte of euiccSigned1 (the part `pick` chooses) and re-signs it as the card.
  static Tamper<AuthenticateClientRequest> change_signed1(
      const TestCard& c, std::function<ByteView(const asn1::EuiccSigned1View&)> pick) {
    return [&c, pick](AuthenticateClientRequest& req) {
      const auto& ok =
          std::get<asn1::AuthenticateResponseOkView>(req.authenticate_server_response.view.result);
      change_and_resign(req.authenticate_server_response, pick(ok.euicc_signed1),
                        ok.euicc_signed1.raw, ok.euicc_signature1, c.key);
    };
  }
  std::string chain_code(const std::string& euicc_cert, const std::string& eum_cert) {
    auto c = sgp26_card(euicc_cert, eum_cert);
    const std::string result = auth(c, p);
    expect_untouched(p);
    return result;
  }
  ProfileRecord p;
};

TEST_F(AuthenticateClient,
       when_euicc_authenticates_on_either_curve_then_its_session_holds_the_profile) {
  for (Curve curve : kCurves) {
    SCOPED_TRACE(curve_name(curve));
    const auto q = curve == Curve::nist ? p : register_profile({}, 1);
    auto c = card(curve, curve == Curve::nist ? kEidA : kEidB);
    ASSERT_TRUE(initiate(c));
    Bytes signature1;
    auto r = authenticate(c, q.matching_id, [&](AuthenticateClientRequest& req) {
      const auto& ok =
          std::get<asn1::AuthenticateResponseOkView>(req.authenticate_server_response.view.result);
      signature1.assign(ok.euicc_signature1_tlv.begin(), ok.euicc_signature1_tlv.end());
    });
    ASSERT_TRUE(r) << code(r) << " " << r.error().message;
    const auto& dppb = test_pki(curve).dppb.cert;
    EXPECT_EQ(r->transaction_id, c.transaction_id);
    EXPECT_EQ(r->profile_metadata, q.profile_metadata);
    EXPECT_EQ(r->smdp_certificate, dppb.der());
    EXPECT_TRUE(dppb.public_key().verify(concat(r->smdp_signed2, signature1),
                                         ByteView(r->smdp_signature2).subspan(3)));
    const auto held_now = profile(q.iccid);
    EXPECT_EQ(held_now.session_transaction_id, to_hex(c.transaction_id));
    EXPECT_EQ(held_now.eid, c.card.eid());
    EXPECT_EQ(held_now.download_attempts, 1);
    const auto s = session(c.transaction_id);
    EXPECT_EQ(s->state, SessionState::authenticated);
    EXPECT_EQ(s->iccid, q.iccid);
    EXPECT_EQ(s->eid, c.card.eid());
  }
}

TEST_F(AuthenticateClient, when_the_sgp26_euicc_downloads_on_either_curve_then_it_installs) {
  for (const char* curve : smdp::testing::kCurves) {
    SCOPED_TRACE(curve);
    use_fresh_database(curve);
    const auto q = register_profile();
    auto c = sgp26_card("", "", curve);
    EXPECT_EQ(download(c, q.matching_id), "");
    EXPECT_EQ(profile(q.iccid).state, ProfileState::installed);
  }
}

TEST_F(AuthenticateClient, when_order_is_bound_to_eid_without_matching_id_then_eid_finds_it) {
  const auto q = register_profile(registration([](auto& r) {
                                    r.eid = std::string(kEidB);
                                    r.no_matching_id = true;
                                  }),
                                  1);
  auto c = card(Curve::brp, kEidB);
  ASSERT_TRUE(initiate(c));
  ASSERT_TRUE(authenticate(c, std::nullopt));
  EXPECT_EQ(profile(q.iccid).session_transaction_id, to_hex(c.transaction_id));
}

// The chain refusals (SGP.26 invalid certificates, testdata/certs/invalid).
TEST_F(AuthenticateClient, when_eum_certificate_is_expired_then_8_1_2_6_3) {
  EXPECT_EQ(chain_code("", "invalid/CERT_EUM_ECDSA_NIST_EXPIRED.der"), "8.1.2/6.3");
}
TEST_F(AuthenticateClient, when_eum_certificate_is_invalid_then_8_1_2_6_1) {
  EXPECT_EQ(chain_code("", "invalid/CERT_EUM_ECDSA_NIST_INVALID.der"), "8.1.2/6.1");
}
TEST_F(AuthenticateClient, when_euicc_certificate_is_expired_then_8_1_3_6_3) {
  EXPECT_EQ(chain_code("invalid/CERT_EUICC_ECDSA_NIST_EXPIRED.der", ""), "8.1.3/6.3");
}
TEST_F(AuthenticateClient, when_euicc_certificate_is_invalid_then_8_1_3_6_1) {
  EXPECT_EQ(chain_code("invalid/CERT_EUICC_ECDSA_NIST_INVALID.der", ""), "8.1.3/6.1");
}
TEST_F(AuthenticateClient, when_eid_is_outside_the_eum_range_then_8_1_3_6_1) {
  EXPECT_EQ(chain_code("invalid/CERT_EUICC_ECDSA_NIST_INVALID_EID.der", ""), "8.1.3/6.1");
}
TEST_F(AuthenticateClient, when_eum_names_an_unknown_ci_then_8_11_1_3_9) {
  EXPECT_EQ(chain_code("", "invalid/CERT_EUM_ECDSA_NIST_UNKNOWN_CI.der"), "8.11.1/3.9");
}

TEST_F(AuthenticateClient, when_euicc_chains_to_a_ci_we_do_not_know_then_8_11_1_3_9) {
  const std::vector<std::string> eids = {std::string(kEidA)};
  auto other =
      pki::create_test_pki(crypto::Curve::nist_p256, eids, test_pki_params(), crypto::system_rng());
  ASSERT_TRUE(other);
  // It lists our CI (it can verify us) but its own certificates are another CI's.
  auto c = card(Curve::nist, kEidA, [&](euicc::CardConfig& config) {
    config.euicc_certificate = other->euiccs[0].cert.der();
    config.eum_certificate = other->eum.cert.der();
    config.euicc_private_key = other->euiccs[0].key;
  });
  EXPECT_EQ(auth(c, p), "8.11.1/3.9");
  expect_untouched(p);
}

TEST(ChainStatus, when_the_chain_is_refused_then_each_reason_has_its_5_6_3_code) {
  using E = pki::ChainErrc;
  const std::pair<E, StatusCode> cases[] = {
      {E::eum_malformed, {"8.1.2", "6.1"}},     {E::eum_invalid, {"8.1.2", "6.1"}},
      {E::eum_wrong_curve, {"8.1.2", "6.1"}},   {E::eum_expired, {"8.1.2", "6.3"}},
      {E::euicc_malformed, {"8.1.3", "6.1"}},   {E::euicc_invalid, {"8.1.3", "6.1"}},
      {E::euicc_wrong_curve, {"8.1.3", "6.1"}}, {E::eid_outside_eum_range, {"8.1.3", "6.1"}},
      {E::euicc_expired, {"8.1.3", "6.3"}},     {E::ci_unknown, {"8.11.1", "3.9"}},
      {E::eid_mismatch, {"8.1.1", "3.8"}},
  };
  EXPECT_EQ(std::size(cases), static_cast<std::size_t>(E::eid_mismatch));  // every value
  for (const auto& [errc, expected] : cases) {
    SCOPED_TRACE(make_error_code(errc).message());
    EXPECT_EQ(detail::chain_status(errc), expected);
  }
}

TEST_F(AuthenticateClient, when_euicc_signature1_is_tampered_then_8_1_6_1) {
  auto c = card();
  EXPECT_EQ(
      auth(c, p,
           [](auto& req) { rewrite(req.authenticate_server_response, flip_first_signature); }),
      "8.1/6.1");
  expect_untouched(p);
  EXPECT_EQ(auth(c, p), "");
}

TEST_F(AuthenticateClient, when_server_challenge_differs_but_is_signed_then_8_1_6_1) {
  auto c = card();
  EXPECT_EQ(auth(c, p, change_signed1(c, [](const auto& s) { return s.server_challenge; })),
            "8.1/6.1");
  expect_untouched(p);
}

TEST_F(AuthenticateClient, when_euicc_signed1_names_another_server_address_then_8_8_1_3_8) {
  auto c = card();
  EXPECT_EQ(auth(c, p, change_signed1(c, [](const auto& s) { return as_bytes(s.server_address); })),
            "8.8.1/3.8");
  expect_untouched(p);
}

TEST_F(AuthenticateClient, when_the_session_is_unknown_expired_used_or_not_signed_then_8_10_1_3_9) {
  auto c = card();
  EXPECT_EQ(auth(c, p, [](auto& req) { req.transaction_id = Bytes(16, 0x42); }), "8.10.1/3.9");
  EXPECT_EQ(auth(c, p, change_signed1(c, [](const auto& s) { return s.transaction_id; })),
            "8.10.1/3.9");  // euiccSigned1 names another transaction
  ASSERT_TRUE(initiate(c));
  clock_.advance(std::chrono::seconds{601});
  EXPECT_EQ(code(authenticate(c, p.matching_id)), "8.10.1/3.9");  // expired
  expect_untouched(p);
  std::optional<AuthenticateClientRequest> sent;
  ASSERT_EQ(auth(c, p, [&](auto& req) { sent = req; }), "");
  EXPECT_EQ(code(server_->authenticate_client(*sent)), "8.10.1/3.9");  // already authenticated
  EXPECT_EQ(profile(p.iccid).download_attempts, 1);
}

TEST_F(AuthenticateClient, when_euicc_refused_the_server_then_1_2_4_2_and_the_session_ends) {
  auto c = card();
  std::optional<AuthenticateClientRequest> real;
  EXPECT_EQ(auth(c, p,
                 [&](AuthenticateClientRequest& req) {
                   real = req;
                   asn1::AuthenticateResponseError error;
                   error.transaction_id = c.transaction_id;
                   error.authenticate_error_code = 3;
                   asn1::AuthenticateServerResponse response;
                   response.result = error;
                   req.authenticate_server_response =
                       field<asn1::AuthenticateServerResponseView>(response.encode());
                 }),
            "1.2/4.2");
  EXPECT_EQ(session(c.transaction_id)->state, SessionState::failed);
  EXPECT_EQ(code(server_->authenticate_client(*real)), "8.10.1/3.9");
  expect_untouched(p);
}

TEST_F(AuthenticateClient, when_matching_id_is_unknown_then_8_2_6_3_8) {
  auto c = card();
  ASSERT_TRUE(initiate(c));
  EXPECT_EQ(code(authenticate(c, "NOT-A-REAL-ORDER")), "8.2.6/3.8");
  expect_untouched(p);
}

// §3.1.3 case b and §5.6.3: the default SM-DP+ with no order for the EID refuses the EID
// (8.1.1/3.8, as SGP.23 expects), not the absent matchingId.
TEST_F(AuthenticateClient, when_default_smdp_has_no_order_for_the_eid_then_8_1_1_3_8) {
  auto c = card();
  ASSERT_TRUE(initiate(c));
  EXPECT_EQ(code(authenticate(c, std::nullopt)), "8.1.1/3.8");  // p is found by matchingId only
  expect_untouched(p);
}

// §3.1.3 case b: of several Released orders for the EID, one that can still be
// downloaded is chosen, not the oldest whose attempts are used up.
TEST_F(AuthenticateClient, when_default_smdp_and_the_oldest_order_is_exhausted_then_the_next_one) {
  const auto q = register_profile(registration([](auto& r) {
                                    r.eid = std::string(kEidA);
                                    r.no_matching_id = true;
                                    r.max_download_attempts = 1;
                                  }),
                                  1);
  clock_.advance(std::chrono::seconds{1});
  const auto r = register_profile(registration([](auto& reg) {
                                    reg.eid = std::string(kEidA);
                                    reg.no_matching_id = true;
                                  }),
                                  2);
  auto c = card();
  ASSERT_TRUE(initiate(c));
  ASSERT_TRUE(authenticate(c, std::nullopt));
  EXPECT_EQ(profile(q.iccid).download_attempts, 1);  // the oldest first, its one attempt used
  auto d = card();
  ASSERT_TRUE(initiate(d));
  ASSERT_TRUE(authenticate(d, std::nullopt));
  EXPECT_EQ(profile(r.iccid).download_attempts, 1);
  EXPECT_EQ(profile(q.iccid).download_attempts, 1);
}

TEST_F(AuthenticateClient, when_profile_is_bound_to_another_eid_then_8_1_1_3_8) {
  const auto q = register_profile(registration([](auto& r) { r.eid = std::string(kEidB); }), 1);
  auto a = card(Curve::nist, kEidA);
  EXPECT_EQ(auth(a, q), "8.1.1/3.8");
  expect_untouched(q);
  auto b = card(Curve::nist, kEidB);
  EXPECT_EQ(auth(b, q), "");
}

TEST_F(AuthenticateClient, when_another_euicc_authenticated_or_installed_first_then_8_1_1_3_8) {
  auto a = card(Curve::nist, kEidA);
  auto b = card(Curve::brp, kEidB);
  ASSERT_EQ(auth(a, p), "");
  EXPECT_EQ(auth(b, p), "8.1.1/3.8");  // the order is A's from its authentication on
  ASSERT_TRUE(get_bpp(a));
  ASSERT_EQ(notify(a).result, "installed");
  EXPECT_EQ(auth(b, p), "8.1.1/3.8");
}

// §3.1.3.2: after a lost GetBoundProfilePackage response the eUICC retries in a new
// session, while the first one is still live.
TEST_F(AuthenticateClient, when_the_same_euicc_starts_over_after_its_bpp_then_it_takes_the_hold) {
  auto c = card();
  ASSERT_EQ(auth(c, p), "");
  ASSERT_TRUE(get_bpp(c));
  auto again = card();
  EXPECT_EQ(download(again, p.matching_id), "");
  EXPECT_EQ(code(get_bpp(c)), "8.2/3.7");  // the first session no longer holds it
  EXPECT_EQ(auth(again, p), "8.2/1.2");    // now Installed
}

TEST_F(AuthenticateClient, when_the_same_euicc_starts_over_before_a_bpp_then_it_takes_the_hold) {
  auto first = card();
  ASSERT_EQ(auth(first, p), "");
  auto second = card();  // the same eUICC after an LPA crash
  ASSERT_EQ(auth(second, p), "");
  EXPECT_EQ(profile(p.iccid).session_transaction_id, to_hex(second.transaction_id));
  EXPECT_EQ(code(get_bpp(first)), "8.2/3.7");  // the first session no longer holds it
  EXPECT_TRUE(get_bpp(second));
}

TEST_F(AuthenticateClient, when_order_has_expired_then_8_8_5_4_10) {
  const auto q =
      register_profile(registration([](auto& r) { r.order_ttl = std::chrono::seconds{60}; }), 1);
  clock_.advance(std::chrono::seconds{61});
  auto c = card();
  EXPECT_EQ(auth(c, q), "8.8.5/4.10");
  expect_untouched(q);
}

TEST_F(AuthenticateClient, when_download_attempts_are_exhausted_then_8_8_5_6_4) {
  const auto q = register_profile(registration([](auto& r) { r.max_download_attempts = 1; }), 1);
  auto c = card();
  ASSERT_EQ(auth(c, q), "");
  EXPECT_EQ(auth(c, q), "8.8.5/6.4");
}

// §2.9.1, §5.6.3: a profile whose metadata carries a PPR the eUICC lists in
// EUICCInfo2.forbiddenProfilePolicyRules is not eligible; the order is kept.
TEST_F(AuthenticateClient, when_the_euicc_forbids_a_policy_rule_of_the_profile_then_8_2_5_4_3) {
  ProfileRecord with_ppr1 = profile(p.iccid);
  const Bytes stored = with_ppr1.profile_metadata;
  auto metadata = asn1::StoreMetadataRequestView::decode(stored);
  ASSERT_TRUE(metadata) << metadata.error().message();
  const Bytes ppr1 = asn1::make_bit_string({1});
  metadata->profile_policy_rules = ByteView(ppr1);
  with_ppr1.profile_metadata = metadata->encode();
  ASSERT_TRUE(sqlite_->update(nullptr, &with_ppr1));
  auto forbids_ppr1 = card(Curve::nist, kEidA, [](euicc::CardConfig& config) {
    config.forbidden_profile_policy_rules = {1};
  });
  EXPECT_EQ(auth(forbids_ppr1, p), "8.2.5/4.3");
  expect_untouched(p);
  auto forbids_ppr2 = card(Curve::nist, kEidA, [](euicc::CardConfig& config) {
    config.forbidden_profile_policy_rules = {2};
  });
  EXPECT_EQ(auth(forbids_ppr2, p), "");
}

TEST_F(AuthenticateClient, when_euicc_lacks_memory_then_8_1_4_8) {
  auto c = card(Curve::nist, kEidA, [](euicc::CardConfig& config) { config.free_nvm = 1000; });
  EXPECT_EQ(auth(c, p), "8.1/4.8");
  expect_untouched(p);
}

TEST_F(AuthenticateClient, when_euicc_does_not_support_the_saip_version_then_8_2_5_4_3) {
  auto c =
      card(Curve::brp, kEidA, [](euicc::CardConfig& config) { config.profile_version = "2.1.0"; });
  EXPECT_EQ(auth(c, p), "8.2.5/4.3");
  expect_untouched(p);
}

TEST_F(AuthenticateClient, when_the_store_fails_to_read_then_1_2_4_2) {
  auto c = card();
  for (const char* method : {"get_session", "find_profile_by_matching_id"}) {
    SCOPED_TRACE(method);
    store_->fail(method, StoreErrc::unavailable);
    EXPECT_EQ(auth(c, p), "1.2/4.2");
    expect_untouched(p);
  }
  ASSERT_TRUE(initiate(c));
  store_->fail("find_profiles_for_eid", StoreErrc::unavailable);
  EXPECT_EQ(code(authenticate(c, std::nullopt)), "1.2/4.2");
}

TEST_F(AuthenticateClient,
       when_holding_the_profile_fails_then_1_2_4_2_or_8_2_1_2_and_none_is_held) {
  auto c = card();
  std::optional<AuthenticateClientRequest> sent;
  store_->fail("update", StoreErrc::conflict);  // another session took it meanwhile
  EXPECT_EQ(auth(c, p), "8.2/1.2");
  expect_untouched(p);
  store_->fail("update", StoreErrc::unavailable);
  EXPECT_EQ(auth(c, p, [&](auto& req) { sent = req; }), "1.2/4.2");
  expect_untouched(p);
  EXPECT_EQ(session(c.transaction_id)->state, SessionState::initiated);
  EXPECT_TRUE(server_->authenticate_client(*sent));  // the LPA's retry
  EXPECT_TRUE(held(p.iccid));
}

}  // namespace
}  // namespace smdp::core::testing
