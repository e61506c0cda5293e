// SPDX-License-Identifier: Apache-2.0
// ES2+ end to end (SGP.22 §5.3, JSON binding §6.5): operators order, confirm, cancel
// and release over HTTPS with their client certificates; software eUICCs download; the
// SM-DP+ reports HandleDownloadProgressInfo (§5.3.5) to the operator's back end.
// Status codes as collected in docs/SGP22-CODES.md (ES2+ section).
#include "core/callbacks.h"
#include "es2_fixture.h"
#include "json/base64.h"
#include "pki/certificate.h"
#include "tamper.h"

namespace smdp::e2e {
namespace {

using nlohmann::json;

// ---- 1. The nominal flow ----

TEST_F(Es2Test, when_operator_orders_by_type_and_euicc_downloads_then_points_3_and_4_arrive) {
  const Es2Reply ordered = es2(mno1(), "downloadOrder", {{"profileType", "gtp"}});
  ASSERT_TRUE(ordered.ok()) << ordered.body.dump();
  const std::string iccid = ordered.body.value("iccid", "");
  EXPECT_EQ(iccid, Es2Test::iccid(0));
  EXPECT_EQ(profile(iccid).state, core::ProfileState::allocated);

  const Es2Reply confirmed = es2(mno1(), "confirmOrder", {{"iccid", iccid}, {"releaseFlag", true}});
  ASSERT_TRUE(confirmed.ok()) << confirmed.body.dump();
  const std::string matching_id = confirmed.body.value("matchingId", "");
  EXPECT_FALSE(matching_id.empty());
  EXPECT_EQ(confirmed.body.value("smdpAddress", ""), kAddress);
  EXPECT_FALSE(confirmed.body.contains("eid"));
  EXPECT_EQ(profile(iccid).state, core::ProfileState::released);
  EXPECT_EQ(deliver(), 0);  // nothing owed yet

  auto c = card("nist", kEidA);
  const auto r = download(c, "1$" + std::string(kAddress) + "$" + matching_id);
  ASSERT_TRUE(r.ok()) << codes(r);
  EXPECT_EQ(r.iccid, iccid);
  EXPECT_EQ(profile(iccid).state, core::ProfileState::installed);

  EXPECT_EQ(deliver(), 2);
  const auto calls = mno_->calls();
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(mno_->raw_count(), 2);
  for (std::size_t i = 0; i < calls.size(); ++i) {
    SCOPED_TRACE(i);
    const json& b = calls[i].body;
    EXPECT_EQ(calls[i].function, kProgress);
    EXPECT_EQ(b["header"].value("functionRequesterIdentifier", ""), kAddress);
    EXPECT_FALSE(calls[i].call_id.empty());
    EXPECT_EQ(b.value("eid", ""), kEidA);
    EXPECT_EQ(b.value("iccid", ""), iccid);
    EXPECT_EQ(b.value("profileType", ""), "gtp");
    EXPECT_EQ(b.value("timestamp", ""), core::format_timestamp(clock_.now()));
    EXPECT_EQ(b["notificationPointStatus"].value("status", ""), "Executed-Success");
    auto leaf = pki::Certificate::from_der(calls[i].client_leaf);  // our TLS certificate
    ASSERT_TRUE(leaf);
    EXPECT_EQ(leaf->common_name().value_or(""), kAddress);
  }
  EXPECT_EQ(calls[0].body.value("notificationPointId", 0), 3);
  EXPECT_FALSE(calls[0].body.contains("resultData"));
  EXPECT_EQ(calls[1].body.value("notificationPointId", 0), 4);
  const auto result = smdp::json::base64_decode(calls[1].body.value("resultData", ""));
  ASSERT_TRUE(result);
  ASSERT_GE(result->size(), 2u);
  EXPECT_EQ((*result)[0], 0xBF);  // ProfileInstallationResult [55] BF37
  EXPECT_EQ((*result)[1], 0x37);
  EXPECT_TRUE(outbox(core::OutboxState::pending).empty());
  EXPECT_EQ(outbox(core::OutboxState::delivered).size(), 2u);
}

TEST_F(Es2Test, when_order_names_an_iccid_and_an_eid_then_only_that_euicc_downloads_it) {
  const Es2Reply ordered =
      es2(mno1(), "downloadOrder", {{"iccid", iccid(3)}, {"eid", std::string(kEidB)}});
  ASSERT_TRUE(ordered.ok()) << ordered.body.dump();
  EXPECT_EQ(ordered.body.value("iccid", ""), iccid(3));
  EXPECT_EQ(profile(iccid(3)).state, core::ProfileState::linked);
  const Es2Reply confirmed =
      es2(mno1(), "confirmOrder",
          {{"iccid", iccid(3)}, {"matchingId", "ES2-TEST-1"}, {"releaseFlag", true}});
  ASSERT_TRUE(confirmed.ok()) << confirmed.body.dump();
  EXPECT_EQ(confirmed.body.value("matchingId", ""), "ES2-TEST-1");
  EXPECT_EQ(confirmed.body.value("eid", ""), kEidB);
  auto b = card("brp", kEidB);
  const auto r = download(b, "1$" + std::string(kAddress) + "$ES2-TEST-1");
  ASSERT_TRUE(r.ok()) << codes(r);
  EXPECT_EQ(deliver(), 2);
  EXPECT_EQ(points(*mno_, iccid(3)), (Points{{3, "Executed-Success"}, {4, "Executed-Success"}}));
}

TEST_F(Es2Test, when_order_has_no_matching_id_then_the_default_smdp_flow_reports_too) {
  ASSERT_TRUE(
      es2(mno1(), "downloadOrder", {{"profileType", "gtp"}, {"eid", std::string(kEidB)}}).ok());
  const Es2Reply confirmed =
      es2(mno1(), "confirmOrder", {{"iccid", iccid(0)}, {"matchingId", ""}, {"releaseFlag", true}});
  ASSERT_TRUE(confirmed.ok()) << confirmed.body.dump();
  EXPECT_EQ(confirmed.body.value("matchingId", "-"), "");
  EXPECT_EQ(confirmed.body.value("eid", ""), kEidB);
  auto b = card("nist", kEidB);
  const auto r = download(b, "1$" + std::string(kAddress) + "$");
  ASSERT_TRUE(r.ok()) << codes(r);
  EXPECT_EQ(r.iccid, iccid(0));
  EXPECT_EQ(deliver(), 2);
  EXPECT_EQ(points(*mno_, iccid(0)), (Points{{3, "Executed-Success"}, {4, "Executed-Success"}}));
}

TEST_F(Es2Test, when_the_install_notification_is_replayed_then_point_4_is_not_sent_again) {
  const auto [iccid, matching_id] = order();
  auto c = card();
  const auto r = download(c, "1$" + std::string(kAddress) + "$" + matching_id);
  ASSERT_TRUE(r.ok()) << codes(r);
  const auto& sent = r.exchanges.back();
  ASSERT_EQ(sent.function, "handleNotification");
  EXPECT_EQ(post("handleNotification", sent.request_body).status, 204);
  EXPECT_EQ(deliver(), 2);
  EXPECT_EQ(points(*mno_, iccid), (Points{{3, "Executed-Success"}, {4, "Executed-Success"}}));
}

// ---- 2. CancelOrder and ReleaseProfile ----

TEST_F(Es2Test, when_order_is_cancelled_available_then_the_iccid_can_be_ordered_again) {
  const auto [iccid, matching_id] = order();
  ASSERT_FALSE(iccid.empty());
  const Es2Reply cancelled = es2(mno1(), "cancelOrder",
                                 {{"iccid", iccid},
                                  {"matchingId", matching_id},
                                  {"finalProfileStatusIndicator", "Available"}});
  EXPECT_TRUE(cancelled.ok()) << cancelled.body.dump();
  const core::ProfileRecord after = profile(iccid);
  EXPECT_EQ(after.state, core::ProfileState::available);
  EXPECT_FALSE(after.matching_id);
  auto c = card();
  EXPECT_EQ(codes(download(c, "1$" + std::string(kAddress) + "$" + matching_id)), "8.2.6/3.8");
  EXPECT_TRUE(es2(mno1(), "downloadOrder", {{"iccid", iccid}}).ok());
}

TEST_F(Es2Test, when_order_is_cancelled_unavailable_then_the_iccid_is_never_ordered_again) {
  const auto [iccid, matching_id] = order();
  ASSERT_FALSE(iccid.empty());
  EXPECT_TRUE(
      es2(mno1(), "cancelOrder", {{"iccid", iccid}, {"finalProfileStatusIndicator", "Unavailable"}})
          .ok());
  EXPECT_EQ(profile(iccid).state, core::ProfileState::unavailable);
  EXPECT_EQ(es2(mno1(), "downloadOrder", {{"iccid", iccid}}).code(), "8.2.1/3.3");
  // The next order by type takes the next subscription.
  const Es2Reply next = es2(mno1(), "downloadOrder", {{"profileType", "gtp"}});
  EXPECT_EQ(next.body.value("iccid", ""), Es2Test::iccid(1));
}

TEST_F(Es2Test, when_order_is_confirmed_without_release_then_download_waits_for_release) {
  const Es2Reply ordered = es2(mno1(), "downloadOrder", {{"profileType", "gtp"}});
  ASSERT_TRUE(ordered.ok());
  const std::string iccid = ordered.body.value("iccid", "");
  const Es2Reply confirmed =
      es2(mno1(), "confirmOrder", {{"iccid", iccid}, {"releaseFlag", false}});
  ASSERT_TRUE(confirmed.ok()) << confirmed.body.dump();
  EXPECT_EQ(profile(iccid).state, core::ProfileState::confirmed);
  const std::string code =
      "1$" + std::string(kAddress) + "$" + confirmed.body.value("matchingId", "");

  auto c = card();
  EXPECT_EQ(codes(download(c, code)), "8.2/1.2");  // not released
  EXPECT_TRUE(es2(mno1(), "releaseProfile", {{"iccid", iccid}}).ok());
  EXPECT_EQ(profile(iccid).state, core::ProfileState::released);
  EXPECT_EQ(es2(mno1(), "releaseProfile", {{"iccid", iccid}}).code(), "8.2.1/3.5");
  const auto r = download(c, code);
  ASSERT_TRUE(r.ok()) << codes(r);
  EXPECT_EQ(deliver(), 3);
  // Point 1 for the refused attempt (eligibility: not released), then 3 and 4.
  EXPECT_EQ(points(*mno_, iccid),
            (Points{{1, "Failed"}, {3, "Executed-Success"}, {4, "Executed-Success"}}));
  EXPECT_EQ(point_code(mno_->calls(kProgress)[0].body), "8.2/1.2");
}

// ---- 3. Refusals (SGP22-CODES.md, ES2+) ----

TEST_F(Es2Test, when_iccid_is_unknown_then_every_function_answers_8_2_1_3_9) {
  const std::string unknown = "89498800099999999990";
  EXPECT_EQ(es2(mno1(), "downloadOrder", {{"iccid", unknown}}).code(), "8.2.1/3.9");
  EXPECT_EQ(es2(mno1(), "confirmOrder", {{"iccid", unknown}, {"releaseFlag", true}}).code(),
            "8.2.1/3.9");
  EXPECT_EQ(
      es2(mno1(), "cancelOrder", {{"iccid", unknown}, {"finalProfileStatusIndicator", "Available"}})
          .code(),
      "8.2.1/3.9");
  EXPECT_EQ(es2(mno1(), "releaseProfile", {{"iccid", unknown}}).code(), "8.2.1/3.9");
}

TEST_F(Es2Test, when_a_refusal_is_answered_then_it_is_http_200_failed_with_header_only) {
  const Es2Reply r = es2(mno1(), "releaseProfile", {{"iccid", "89498800099999999990"}});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.status_text(), "Failed");
  ASSERT_TRUE(r.body.is_object());
  EXPECT_EQ(r.body.size(), 1u) << r.body.dump();  // header only (§6.5.1.2)
}

TEST_F(Es2Test, when_iccid_is_already_ordered_then_download_order_answers_8_2_1_3_3) {
  ASSERT_TRUE(es2(mno1(), "downloadOrder", {{"iccid", iccid(0)}}).ok());
  EXPECT_EQ(es2(mno1(), "downloadOrder", {{"iccid", iccid(0)}}).code(), "8.2.1/3.3");
}

TEST_F(Es2Test, when_the_state_does_not_allow_the_function_then_8_2_1_3_5) {
  // Available: nothing to confirm, cancel or release.
  EXPECT_EQ(es2(mno1(), "confirmOrder", {{"iccid", iccid(1)}, {"releaseFlag", true}}).code(),
            "8.2.1/3.5");
  EXPECT_EQ(es2(mno1(), "cancelOrder",
                {{"iccid", iccid(1)}, {"finalProfileStatusIndicator", "Available"}})
                .code(),
            "8.2.1/3.5");
  ASSERT_TRUE(es2(mno1(), "downloadOrder", {{"iccid", iccid(1)}}).ok());
  EXPECT_EQ(es2(mno1(), "releaseProfile", {{"iccid", iccid(1)}}).code(), "8.2.1/3.5");
  // Installed: cannot be confirmed again or cancelled.
  const auto [installed, matching_id] = order();
  auto c = card();
  ASSERT_TRUE(download(c, "1$" + std::string(kAddress) + "$" + matching_id).ok());
  EXPECT_EQ(es2(mno1(), "confirmOrder", {{"iccid", installed}, {"releaseFlag", true}}).code(),
            "8.2.1/3.5");
  EXPECT_EQ(es2(mno1(), "cancelOrder",
                {{"iccid", installed}, {"finalProfileStatusIndicator", "Available"}})
                .code(),
            "8.2.1/3.5");
}

TEST_F(Es2Test, when_the_eid_differs_from_the_orders_then_8_1_1_3_10) {
  ASSERT_TRUE(
      es2(mno1(), "downloadOrder", {{"iccid", iccid(0)}, {"eid", std::string(kEidA)}}).ok());
  EXPECT_EQ(es2(mno1(), "confirmOrder",
                {{"iccid", iccid(0)}, {"eid", std::string(kEidB)}, {"releaseFlag", true}})
                .code(),
            "8.1.1/3.10");
  EXPECT_EQ(es2(mno1(), "cancelOrder",
                {{"iccid", iccid(0)},
                 {"eid", std::string(kEidB)},
                 {"finalProfileStatusIndicator", "Available"}})
                .code(),
            "8.1.1/3.10");
  EXPECT_EQ(profile(iccid(0)).state, core::ProfileState::linked);
}

TEST_F(Es2Test, when_the_matching_id_is_taken_or_not_the_orders_then_8_2_6) {
  ASSERT_TRUE(es2(mno1(), "downloadOrder", {{"iccid", iccid(0)}}).ok());
  ASSERT_TRUE(es2(mno1(), "downloadOrder", {{"iccid", iccid(1)}}).ok());
  ASSERT_TRUE(es2(mno1(), "confirmOrder",
                  {{"iccid", iccid(0)}, {"matchingId", "SAME-ID"}, {"releaseFlag", true}})
                  .ok());
  EXPECT_EQ(es2(mno1(), "confirmOrder",
                {{"iccid", iccid(1)}, {"matchingId", "SAME-ID"}, {"releaseFlag", true}})
                .code(),
            "8.2.6/3.3");
  EXPECT_EQ(profile(iccid(1)).state, core::ProfileState::allocated);
  EXPECT_EQ(es2(mno1(), "cancelOrder",
                {{"iccid", iccid(0)},
                 {"matchingId", "OTHER-ID"},
                 {"finalProfileStatusIndicator", "Available"}})
                .code(),
            "8.2.6/3.10");
  EXPECT_EQ(profile(iccid(0)).state, core::ProfileState::released);
}

TEST_F(Es2Test, when_the_profile_type_is_unknown_exhausted_or_not_the_iccids_then_8_2_5) {
  define_type("small", mno1().name, 1, 100);
  EXPECT_EQ(es2(mno1(), "downloadOrder", {{"profileType", "nosuchtype"}}).code(), "8.2.5/3.9");
  EXPECT_EQ(es2(mno1(), "downloadOrder", {{"iccid", iccid(0)}, {"profileType", "small"}}).code(),
            "8.2.5/3.8");
  EXPECT_TRUE(es2(mno1(), "downloadOrder", {{"profileType", "small"}}).ok());
  EXPECT_EQ(es2(mno1(), "downloadOrder", {{"profileType", "small"}}).code(), "8.2.5/3.7");
}

TEST_F(Es2Test, when_an_element_is_missing_or_invalid_then_the_generic_or_function_code) {
  // Header.
  EXPECT_EQ(
      es2(mno1(), "downloadOrder", {{"header", json::object()}, {"profileType", "gtp"}}).code(),
      "1.6/2.2");
  EXPECT_EQ(es2(mno1(), "downloadOrder",
                {{"header", {{"functionRequesterIdentifier", "mno1"}}}, {"profileType", "gtp"}})
                .code(),
            "1.6/2.2");
  EXPECT_EQ(
      es2(mno1(), "downloadOrder",
          {{"header", {{"functionRequesterIdentifier", "mno2"}, {"functionCallIdentifier", "x-1"}}},
           {"profileType", "gtp"}})
          .code(),
      "1.1/1.2");
  // Function elements.
  EXPECT_EQ(es2(mno1(), "downloadOrder", json::object()).code(), "1.6/2.3");
  EXPECT_EQ(es2(mno1(), "downloadOrder", {{"iccid", "1234"}}).code(), "1.6/2.1");
  EXPECT_EQ(es2(mno1(), "downloadOrder", {{"profileType", "gtp"}, {"eid", "8904"}}).code(),
            "1.6/2.1");
  EXPECT_EQ(es2(mno1(), "confirmOrder", {{"releaseFlag", true}}).code(), "1.6/2.2");
  ASSERT_TRUE(es2(mno1(), "downloadOrder", {{"iccid", iccid(0)}}).ok());
  EXPECT_EQ(es2(mno1(), "confirmOrder", {{"iccid", iccid(0)}}).code(), "1.6/2.2");
  EXPECT_EQ(es2(mno1(), "confirmOrder", {{"iccid", iccid(0)}, {"releaseFlag", "yes"}}).code(),
            "1.6/2.1");
  // No matchingId (default SM-DP+) or an SM-DS event need the EID.
  EXPECT_EQ(
      es2(mno1(), "confirmOrder", {{"iccid", iccid(0)}, {"matchingId", ""}, {"releaseFlag", true}})
          .code(),
      "8.1.1/2.2");
  EXPECT_EQ(
      es2(mno1(), "confirmOrder",
          {{"iccid", iccid(0)}, {"smdsAddress", std::string(kSmdsAddress)}, {"releaseFlag", true}})
          .code(),
      "8.1.1/2.2");
  EXPECT_EQ(es2(mno1(), "cancelOrder", {{"finalProfileStatusIndicator", "Available"}}).code(),
            "8.2.1/2.2");
  EXPECT_EQ(es2(mno1(), "cancelOrder", {{"iccid", iccid(0)}}).code(), "1.6/2.2");
  EXPECT_EQ(
      es2(mno1(), "cancelOrder", {{"iccid", iccid(0)}, {"finalProfileStatusIndicator", "Gone"}})
          .code(),
      "1.6/2.1");
  EXPECT_EQ(es2(mno1(), "releaseProfile", json::object()).code(), "1.6/2.2");
  EXPECT_EQ(profile(iccid(0)).state, core::ProfileState::allocated);  // none of it acted
}

TEST_F(Es2Test, when_the_smds_address_is_not_configured_then_8_9_5_1) {
  ASSERT_TRUE(
      es2(mno1(), "downloadOrder", {{"iccid", iccid(0)}, {"eid", std::string(kEidA)}}).ok());
  EXPECT_EQ(
      es2(mno1(), "confirmOrder",
          {{"iccid", iccid(0)}, {"smdsAddress", "other-smds.example.com"}, {"releaseFlag", true}})
          .code(),
      "8.9/5.1");
  EXPECT_EQ(profile(iccid(0)).state, core::ProfileState::linked);
}

TEST_F(Es2Test, when_the_confirmation_code_is_wrong_then_point_2_reports_it) {
  ASSERT_TRUE(es2(mno1(), "downloadOrder", {{"iccid", iccid(0)}}).ok());
  const Es2Reply confirmed =
      es2(mno1(), "confirmOrder",
          {{"iccid", iccid(0)}, {"confirmationCode", "4711"}, {"releaseFlag", true}});
  ASSERT_TRUE(confirmed.ok()) << confirmed.body.dump();
  EXPECT_EQ(confirmed.body.dump().find("4711"), std::string::npos);  // never echoed
  const std::string code = activation_code(profile(iccid(0)));
  EXPECT_TRUE(code.ends_with("$1")) << code;  // confirmation code required
  auto c = card();
  lpa::DownloadOptions o;
  o.confirmation_code = "0000";
  EXPECT_EQ(codes(download(c, code, o)), "8.2.7/3.8");
  o.confirmation_code = "4711";
  const auto r = download(c, code, o);
  ASSERT_TRUE(r.ok()) << codes(r);
  EXPECT_EQ(deliver(), 3);
  EXPECT_EQ(points(*mno_, iccid(0)),
            (Points{{2, "Failed"}, {3, "Executed-Success"}, {4, "Executed-Success"}}));
  const json first = mno_->calls(kProgress)[0].body;
  EXPECT_EQ(point_code(first), "8.2.7/3.8");
  EXPECT_EQ(first.value("eid", ""), kEidA);
  EXPECT_EQ(first.dump().find("4711"), std::string::npos);
}

TEST_F(Es2Test, when_another_euicc_asks_for_a_bound_order_then_point_1_reports_it) {
  const auto [iccid, matching_id] = order("gtp", std::string(kEidA));
  ASSERT_FALSE(iccid.empty());
  auto b = card("nist", kEidB);
  EXPECT_EQ(codes(download(b, "1$" + std::string(kAddress) + "$" + matching_id)), "8.1.1/3.8");
  EXPECT_EQ(deliver(), 1);
  EXPECT_EQ(points(*mno_, iccid), (Points{{1, "Failed"}}));
  EXPECT_EQ(point_code(mno_->calls(kProgress)[0].body), "8.1.1/3.8");
  EXPECT_EQ(profile(iccid).state, core::ProfileState::released);  // A may still download
}

TEST_F(Es2Test, when_the_order_expired_or_its_attempts_are_used_up_then_point_1_reports_it) {
  define_type("ttl", mno1().name, 1, 400, 20,
              [](core::ProfileTypeDefinition& d) { d.order_ttl = std::chrono::hours{1}; });
  define_type("once", mno1().name, 1, 500, 20,
              [](core::ProfileTypeDefinition& d) { d.max_download_attempts = 1; });
  const auto [expiring, expiring_id] = order("ttl");
  const auto [once, once_id] = order("once");
  ASSERT_FALSE(expiring.empty());
  ASSERT_FALSE(once.empty());

  auto c = card();
  lpa::DownloadOptions o;
  o.stop_after = lpa::Step::authenticate_client;  // one attempt, then the LPA gives up
  EXPECT_EQ(download(c, "1$" + std::string(kAddress) + "$" + once_id, o).failure->error.code,
            lpa::LpaErrc::stopped);
  clock_.advance(std::chrono::hours{2});
  EXPECT_EQ(codes(download(c, "1$" + std::string(kAddress) + "$" + once_id)), "8.8.5/6.4");
  EXPECT_EQ(codes(download(c, "1$" + std::string(kAddress) + "$" + expiring_id)), "8.8.5/4.10");
  EXPECT_EQ(deliver(), 2);
  EXPECT_EQ(points(*mno_, once), (Points{{1, "Failed"}}));
  EXPECT_EQ(points(*mno_, expiring), (Points{{1, "Failed"}}));
  for (const auto& call : mno_->calls(kProgress)) {
    const bool is_once = call.body.value("iccid", "") == once;
    EXPECT_EQ(point_code(call.body), is_once ? "8.8.5/6.4" : "8.8.5/4.10");
  }
}

TEST_F(Es2Test, when_the_euicc_refuses_prepare_download_then_point_3_reports_the_failure) {
  const auto [iccid, matching_id] = order();
  auto c = card();
  lpa::DownloadOptions o;
  o.tamper_card_input = [](lpa::Step step, Bytes& input) {
    if (step == lpa::Step::prepare_download) flip_first_signature(input);  // smdpSignature2
  };
  const std::string code = "1$" + std::string(kAddress) + "$" + matching_id;
  const auto refused = download(c, code, o);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.failure->error.code, lpa::LpaErrc::card_error);
  EXPECT_EQ(profile(iccid).state, core::ProfileState::released);  // free for a new attempt
  const auto r = download(c, code);
  ASSERT_TRUE(r.ok()) << codes(r);
  EXPECT_EQ(deliver(), 3);
  EXPECT_EQ(points(*mno_, iccid),
            (Points{{3, "Failed"}, {3, "Executed-Success"}, {4, "Executed-Success"}}));
  EXPECT_EQ(point_code(mno_->calls(kProgress)[0].body), "1.2/4.2");
}

// ---- 4. Operators are kept apart; unknown certificates are refused ----

class Es2TwoOperators : public Es2Test {
 protected:
  void SetUp() override {
    Es2Test::SetUp();
    add_operator(mno2(), mno_->url());
    define_type("gtp2", mno2().name, 2, 200);
    start_es2();  // ES2+ now trusts mno2's CA
  }
};

TEST_F(Es2TwoOperators, when_an_operator_acts_on_anothers_profile_then_not_allowed) {
  ASSERT_TRUE(es2(mno1(), "downloadOrder", {{"iccid", iccid(0)}}).ok());
  EXPECT_EQ(es2(mno2(), "downloadOrder", {{"iccid", iccid(1)}}).code(), "8.2.1/1.2");
  EXPECT_EQ(es2(mno2(), "downloadOrder", {{"profileType", "gtp"}}).code(), "8.2.5/1.2");
  EXPECT_EQ(es2(mno2(), "confirmOrder", {{"iccid", iccid(0)}, {"releaseFlag", true}}).code(),
            "8.2.1/1.2");
  EXPECT_EQ(es2(mno2(), "cancelOrder",
                {{"iccid", iccid(0)}, {"finalProfileStatusIndicator", "Available"}})
                .code(),
            "8.2.1/1.2");
  EXPECT_EQ(es2(mno2(), "releaseProfile", {{"iccid", iccid(0)}}).code(), "8.2.1/1.2");
  // Claiming to be the other operator does not help.
  EXPECT_EQ(es2(mno2(), "downloadOrder",
                {{"header",
                  {{"functionRequesterIdentifier", "mno1"}, {"functionCallIdentifier", "steal-1"}}},
                 {"iccid", iccid(1)}})
                .code(),
            "1.1/1.2");
  EXPECT_EQ(profile(iccid(0)).state, core::ProfileState::allocated);
  EXPECT_EQ(profile(iccid(1)).state, core::ProfileState::available);
  // Its own profiles it may order.
  const Es2Reply own = es2(mno2(), "downloadOrder", {{"profileType", "gtp2"}});
  ASSERT_TRUE(own.ok()) << own.body.dump();
  EXPECT_EQ(own.body.value("iccid", ""), iccid(200));
}

TEST_F(Es2TwoOperators,
       when_a_function_call_identifier_is_reused_by_another_operator_then_it_is_theirs) {
  EXPECT_TRUE(es2(mno1(), "downloadOrder", {{"profileType", "gtp"}}, "shared-id").ok());
  const Es2Reply other = es2(mno2(), "downloadOrder", {{"profileType", "gtp2"}}, "shared-id");
  ASSERT_TRUE(other.ok()) << other.body.dump();
  EXPECT_EQ(other.body.value("iccid", ""), iccid(200));
}

TEST_F(Es2Test, when_the_client_certificate_is_from_an_unknown_ca_then_tls_is_refused) {
  const Es2Reply r =
      es2(mno1(), "downloadOrder", {{"profileType", "gtp"}}, std::nullopt, &rogue_client());
  EXPECT_EQ(r.status, 0);
  EXPECT_FALSE(r.transport_error.empty());
  EXPECT_EQ(profile(iccid(0)).state, core::ProfileState::available);
}

TEST_F(Es2Test, when_the_client_certificate_names_no_operator_then_403) {
  const Es2Reply r =
      es2(mno1(), "downloadOrder", {{"profileType", "gtp"}}, std::nullopt, &unknown_cn_client());
  EXPECT_EQ(r.status, 403) << r.transport_error;
  EXPECT_EQ(profile(iccid(0)).state, core::ProfileState::available);
}

TEST_F(Es2Test, when_an_operator_is_added_then_its_ca_is_trusted_after_a_restart) {
  add_operator(mno2(), mno_->url());
  define_type("gtp2", mno2().name, 1, 200);
  EXPECT_FALSE(es2(mno2(), "downloadOrder", {{"profileType", "gtp2"}}).transport_error.empty());
  start_es2();
  EXPECT_TRUE(es2(mno2(), "downloadOrder", {{"profileType", "gtp2"}}).ok());
}

// ---- 5. functionCallIdentifier: a resend is not a second call ----

TEST_F(Es2Test, when_a_call_is_resent_then_the_original_response_and_no_second_action) {
  const json request{{"profileType", "gtp"}};
  const Es2Reply first = es2(mno1(), "downloadOrder", request, "order-1");
  ASSERT_TRUE(first.ok()) << first.body.dump();
  const Es2Reply resent = es2(mno1(), "downloadOrder", request, "order-1");
  EXPECT_EQ(resent.status, 200);
  EXPECT_EQ(resent.body, first.body);
  EXPECT_EQ(profile(iccid(1)).state, core::ProfileState::available);  // not allocated twice

  // The same identifier with another request: refused, nothing done.
  const Es2Reply other = es2(mno1(), "downloadOrder",
                             {{"profileType", "gtp"}, {"eid", std::string(kEidA)}}, "order-1");
  EXPECT_EQ(other.code(), "1.6/2.1");
  const Es2Reply other_function =
      es2(mno1(), "releaseProfile", {{"profileType", "gtp"}}, "order-1");
  EXPECT_EQ(other_function.code(), "1.6/2.1");
  EXPECT_EQ(profile(iccid(1)).state, core::ProfileState::available);

  // A refusal is recorded too: its resend is the same refusal even once it would work.
  const std::string next = iccid(1);
  EXPECT_EQ(es2(mno1(), "releaseProfile", {{"iccid", next}}, "release-1").code(), "8.2.1/3.5");
  ASSERT_TRUE(es2(mno1(), "downloadOrder", {{"iccid", next}}).ok());
  ASSERT_TRUE(es2(mno1(), "confirmOrder", {{"iccid", next}, {"releaseFlag", false}}).ok());
  EXPECT_EQ(es2(mno1(), "releaseProfile", {{"iccid", next}}, "release-1").code(), "8.2.1/3.5");
  EXPECT_EQ(profile(next).state, core::ProfileState::confirmed);
  EXPECT_TRUE(es2(mno1(), "releaseProfile", {{"iccid", next}}, "release-2").ok());
}

// ICCIDs of 19 digits: ES2+ answers them F-padded (§6.5), and the callbacks name the
// profile the same way, so the operator can match them.
TEST_F(Es2Test, when_the_iccid_has_19_digits_then_answers_and_callbacks_spell_it_alike) {
  define_type("short", mno1().name, 1, 300, 19);
  const std::string digits = iccid(300, 19);
  ASSERT_EQ(digits.size(), 19u);
  const Es2Reply ordered = es2(mno1(), "downloadOrder", {{"profileType", "short"}});
  ASSERT_TRUE(ordered.ok()) << ordered.body.dump();
  EXPECT_EQ(ordered.body.value("iccid", ""), digits + "F");
  const Es2Reply confirmed =
      es2(mno1(), "confirmOrder", {{"iccid", digits + "F"}, {"releaseFlag", true}});
  ASSERT_TRUE(confirmed.ok()) << confirmed.body.dump();
  auto c = card();
  const auto r =
      download(c, "1$" + std::string(kAddress) + "$" + confirmed.body.value("matchingId", ""));
  ASSERT_TRUE(r.ok()) << codes(r);
  EXPECT_EQ(deliver(), 2);
  const auto calls = mno_->calls(kProgress);
  ASSERT_EQ(calls.size(), 2u);
  for (const auto& call : calls)
    EXPECT_EQ(call.body.value("iccid", ""), digits + "F") << call.body.dump();
}

}  // namespace
}  // namespace smdp::e2e
