// SPDX-License-Identifier: Apache-2.0
// The outbox end to end (DESIGN.md "dispatcher: outbox -> MNO, SM-DS"): ES2+
// HandleDownloadProgressInfo (SGP.22 §5.3.5) delivered at least once and in order per
// ICCID to an operator back end that is down, loses answers or refuses; ES12
// RegisterEvent / DeleteEvent (§5.8.1, §5.8.2) to an SM-DS named by ConfirmOrder, and a
// download triggered by the event.
#include <thread>

#include "asn1/cancel_session.h"
#include "es2_fixture.h"
#include "es9_messages.h"

namespace smdp::e2e {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

// ---- 6. Delivery faults ----

// §2.9.2.2, §3.1.3: the LPA's Rules Authorisation Table refused the profile's policy
// rules and the device cancelled with pprNotAllowed: the order is kept, and the operator
// learns why at notification point 1 (Failed 8.2.5/4.3).
TEST_F(Es2Test, when_the_device_cancels_with_ppr_not_allowed_then_the_order_waits_and_is_reported) {
  const auto [iccid, matching_id] = order();
  auto c = card();
  lpa::DownloadOptions stop;
  stop.stop_after = lpa::Step::authenticate_client;
  const auto r = download(c, "1$" + std::string(kAddress) + "$" + matching_id, stop);
  ASSERT_TRUE(r.failure);
  auto cancelled =
      c.cancel_session(lpa::cancel_session_request(r.transaction_id, asn1::kCancelPprNotAllowed));
  ASSERT_TRUE(cancelled);
  const auto answer =
      post("cancelSession", lpa::render_cancel_session_request(r.transaction_id, *cancelled));
  EXPECT_EQ(answer.status, 200);
  EXPECT_EQ(profile(iccid).state, core::ProfileState::released);
  deliver();
  const auto calls = mno_->calls("handleDownloadProgressInfo");
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].body["notificationPointId"], 1);
  const json& status = calls[0].body["notificationPointStatus"];
  EXPECT_EQ(status["status"], "Failed");
  EXPECT_EQ(status["statusCodeData"]["subjectCode"], "8.2.5");
  EXPECT_EQ(status["statusCodeData"]["reasonCode"], "4.3");
  EXPECT_TRUE(download(c, "1$" + std::string(kAddress) + "$" + matching_id).ok());
}

// Rows written before outbox events were binding-neutral hold their finished JSON
// request without header (core/outbox_event.h): after the upgrade they are still
// delivered, as stored, with the header added.
TEST_F(Es2Test, when_a_row_from_the_previous_version_is_pending_then_it_is_delivered_as_stored) {
  const std::string legacy =
      R"({"eid":"89049032123451234512345678901235","iccid":"8949990000000000001F",)"
      R"("notificationPointId":3,"notificationPointStatus":{"status":"Executed-Success"},)"
      R"("profileType":"gtp","timestamp":"2026-12-01T10:00:00Z"})";
  std::vector<core::OutboxMessage> rows(1);
  rows[0].interface = "es2";
  rows[0].destination = "mno1";
  rows[0].function = "handleDownloadProgressInfo";
  rows[0].ordering_key = "8949990000000000001";
  rows[0].body = legacy;
  rows[0].created_at = clock_.now();
  rows[0].next_attempt_at = clock_.now();
  ASSERT_TRUE(service_->outbox().append_outbox(rows));
  EXPECT_EQ(deliver(), 1);
  const auto calls = mno_->calls("handleDownloadProgressInfo");
  ASSERT_EQ(calls.size(), 1u);
  json received = calls[0].body;
  EXPECT_FALSE(calls[0].call_id.empty());
  received.erase("header");
  EXPECT_EQ(received, json::parse(legacy));
  EXPECT_TRUE(outbox(core::OutboxState::pending).empty());
}

TEST_F(Es2Test,
       when_the_operator_is_down_during_the_download_then_each_point_arrives_once_in_order) {
  const std::uint16_t port = mno_->port();
  mno_->stop();
  const auto [iccid, matching_id] = order();
  auto c = card();
  ASSERT_TRUE(download(c, "1$" + std::string(kAddress) + "$" + matching_id).ok());
  EXPECT_EQ(deliver(), 0);
  auto pending = outbox(core::OutboxState::pending);
  ASSERT_EQ(pending.size(), 2u);
  const auto& oldest = pending.back();  // newest first
  EXPECT_EQ(oldest.attempts, 1);
  EXPECT_FALSE(oldest.last_error.empty());
  EXPECT_EQ(pending.front().attempts, 0);  // waits behind the first (order per ICCID)

  // Back, but the first answer is lost (503 after the request arrived).
  mno_->start(port);
  mno_->unavailable_first(1);
  EXPECT_EQ(deliver(), 0);  // not due yet (back-off)
  clock_.advance(3s);
  EXPECT_EQ(deliver(), 0);
  EXPECT_EQ(mno_->raw_count(), 1);
  clock_.advance(10s);
  EXPECT_EQ(deliver(), 2);
  EXPECT_EQ(mno_->raw_count(), 3);  // point 3 twice: at least once
  EXPECT_EQ(points(*mno_, iccid), (Points{{3, "Executed-Success"}, {4, "Executed-Success"}}));
  EXPECT_TRUE(outbox(core::OutboxState::pending).empty());
  clock_.advance(1h);
  EXPECT_EQ(deliver(), 0);
  EXPECT_EQ(mno_->raw_count(), 3);
}

TEST_F(Es2Test, when_the_operator_refuses_a_callback_then_it_stays_listed_until_requeued) {
  mno_->refuse("1.2/4.2");
  const auto [iccid, matching_id] = order();
  auto c = card();
  ASSERT_TRUE(download(c, "1$" + std::string(kAddress) + "$" + matching_id).ok());
  EXPECT_EQ(deliver(), 0);
  auto undeliverable = outbox(core::OutboxState::undeliverable);
  ASSERT_EQ(undeliverable.size(), 2u);  // the second is not blocked by the first
  for (const auto& m : undeliverable) {
    EXPECT_EQ(m.function, kProgress);
    EXPECT_EQ(m.destination, "mno1");
    EXPECT_NE(m.last_error.find("1.2/4.2"), std::string::npos) << m.last_error;
  }
  clock_.advance(1h);
  EXPECT_EQ(deliver(), 0);  // never retried by itself
  EXPECT_EQ(mno_->raw_count(), 2);

  mno_->refuse("");
  for (auto it = undeliverable.rbegin(); it != undeliverable.rend(); ++it) {
    auto requeued = service_->outbox().requeue_outbox(it->id, clock_.now());
    ASSERT_TRUE(requeued);
    EXPECT_TRUE(*requeued);
  }
  auto again = service_->outbox().requeue_outbox(undeliverable.front().id, clock_.now());
  ASSERT_TRUE(again);
  EXPECT_FALSE(*again);  // pending now, not undeliverable
  EXPECT_EQ(deliver(), 2);
  EXPECT_EQ(mno_->raw_count(), 4);
  EXPECT_EQ(points(*mno_, iccid), (Points{{3, "Executed-Success"}, {4, "Executed-Success"}}));
  EXPECT_TRUE(outbox(core::OutboxState::undeliverable).empty());
}

TEST_F(Es2Test, when_the_dispatcher_thread_runs_then_callbacks_arrive_without_help) {
  start_es2([](server::ServiceConfig& c) {
    c.dispatch = true;
    c.dispatcher.poll_interval = std::chrono::milliseconds{50};
  });
  const auto [iccid, matching_id] = order();
  auto c = card();
  ASSERT_TRUE(download(c, "1$" + std::string(kAddress) + "$" + matching_id).ok());
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (points(*mno_, iccid).size() < 2 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(20ms);
  EXPECT_EQ(points(*mno_, iccid), (Points{{3, "Executed-Success"}, {4, "Executed-Success"}}));
}

TEST_F(Es2Test, when_the_operator_stays_down_past_give_up_then_undeliverable_until_requeued) {
  const std::uint16_t port = mno_->port();
  mno_->stop();
  const auto [iccid, matching_id] = order();
  auto c = card();
  ASSERT_TRUE(download(c, "1$" + std::string(kAddress) + "$" + matching_id).ok());
  EXPECT_EQ(deliver(), 0);
  clock_.advance(std::chrono::hours{73});  // past give_up_after (72 h)
  EXPECT_EQ(deliver(), 0);
  const auto undeliverable = outbox(core::OutboxState::undeliverable);
  ASSERT_EQ(undeliverable.size(), 2u);
  EXPECT_TRUE(outbox(core::OutboxState::pending).empty());
  mno_->start(port);
  for (auto it = undeliverable.rbegin(); it != undeliverable.rend(); ++it)
    ASSERT_TRUE(service_->outbox().requeue_outbox(it->id, clock_.now()));
  EXPECT_EQ(deliver(), 2);
  EXPECT_EQ(points(*mno_, iccid), (Points{{3, "Executed-Success"}, {4, "Executed-Success"}}));
}

// ---- 7. ES12 with an SM-DS ----

TEST_F(Es2Test, when_order_names_an_smds_then_event_registered_downloaded_and_deleted) {
  ASSERT_TRUE(
      es2(mno1(), "downloadOrder", {{"profileType", "gtp"}, {"eid", std::string(kEidA)}}).ok());
  const Es2Reply confirmed = es2(mno1(), "confirmOrder",
                                 {{"iccid", iccid(0)},
                                  {"eid", std::string(kEidA)},
                                  {"smdsAddress", "SMDS.Example.com"},  // case-insensitive
                                  {"releaseFlag", true}});
  ASSERT_TRUE(confirmed.ok()) << confirmed.body.dump();
  const std::string matching_id = confirmed.body.value("matchingId", "");
  EXPECT_EQ(deliver(), 1);
  const auto registered = smds_->calls("registerEvent");
  ASSERT_EQ(registered.size(), 1u);
  const json& event = registered[0].body;
  EXPECT_EQ(event["header"].value("functionRequesterIdentifier", ""), kAddress);
  EXPECT_EQ(event.value("eid", ""), kEidA);
  EXPECT_EQ(event.value("rspServerAddress", ""), kAddress);
  EXPECT_EQ(event.value("eventId", ""), matching_id);
  ASSERT_TRUE(event.contains("forwardingIndicator"));
  EXPECT_FALSE(event["forwardingIndicator"].get<bool>());

  // The LPA learns the event from the SM-DS and uses its eventId as matchingId.
  auto c = card("nist", kEidA);
  const auto r =
      download(c, "1$" + event.value("rspServerAddress", "") + "$" + event.value("eventId", ""));
  ASSERT_TRUE(r.ok()) << codes(r);
  EXPECT_EQ(r.iccid, iccid(0));
  EXPECT_EQ(deliver(), 3);
  const auto deleted = smds_->calls("deleteEvent");
  ASSERT_EQ(deleted.size(), 1u);
  EXPECT_EQ(deleted[0].body.value("eid", ""), kEidA);
  EXPECT_EQ(deleted[0].body.value("eventId", ""), matching_id);
  EXPECT_EQ(points(*mno_, iccid(0)), (Points{{3, "Executed-Success"}, {4, "Executed-Success"}}));
  EXPECT_EQ(smds_->raw_count(), 2);
}

TEST_F(Es2Test, when_a_released_smds_order_is_cancelled_then_its_event_is_deleted) {
  ASSERT_TRUE(
      es2(mno1(), "downloadOrder", {{"iccid", iccid(0)}, {"eid", std::string(kEidB)}}).ok());
  ASSERT_TRUE(es2(mno1(), "confirmOrder",
                  {{"iccid", iccid(0)},
                   {"matchingId", "EVENT-1"},
                   {"smdsAddress", std::string(kSmdsAddress)},
                   {"releaseFlag", true}})
                  .ok());
  ASSERT_TRUE(es2(mno1(), "cancelOrder",
                  {{"iccid", iccid(0)},
                   {"eid", std::string(kEidB)},
                   {"matchingId", "EVENT-1"},
                   {"finalProfileStatusIndicator", "Available"}})
                  .ok());
  EXPECT_EQ(deliver(), 2);
  const auto calls = smds_->calls();
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[0].function, "registerEvent");
  EXPECT_EQ(calls[1].function, "deleteEvent");
  EXPECT_EQ(calls[1].body.value("eventId", ""), "EVENT-1");
  EXPECT_EQ(calls[1].body.value("eid", ""), kEidB);
  EXPECT_TRUE(mno_->calls().empty());
}

TEST_F(Es2Test, when_an_smds_order_is_confirmed_unreleased_then_the_event_waits_for_release) {
  ASSERT_TRUE(
      es2(mno1(), "downloadOrder", {{"iccid", iccid(0)}, {"eid", std::string(kEidA)}}).ok());
  const Es2Reply confirmed = es2(
      mno1(), "confirmOrder",
      {{"iccid", iccid(0)}, {"smdsAddress", std::string(kSmdsAddress)}, {"releaseFlag", false}});
  ASSERT_TRUE(confirmed.ok()) << confirmed.body.dump();
  EXPECT_EQ(deliver(), 0);
  EXPECT_TRUE(smds_->calls().empty());
  ASSERT_TRUE(es2(mno1(), "releaseProfile", {{"iccid", iccid(0)}}).ok());
  EXPECT_EQ(deliver(), 1);
  const auto registered = smds_->calls("registerEvent");
  ASSERT_EQ(registered.size(), 1u);
  EXPECT_EQ(registered[0].body.value("eventId", ""), confirmed.body.value("matchingId", ""));
  EXPECT_EQ(registered[0].body.value("eid", ""), kEidA);
}

// An order the SM-DP+ ended in Error (confirmation code attempts exhausted, §3.1.3.2)
// still has its event at the SM-DS; cancelling it must delete the event (§5.8.2).
TEST_F(Es2Test, when_an_smds_order_ends_in_error_then_its_event_is_deleted) {
  ASSERT_TRUE(
      es2(mno1(), "downloadOrder", {{"iccid", iccid(0)}, {"eid", std::string(kEidA)}}).ok());
  ASSERT_TRUE(es2(mno1(), "confirmOrder",
                  {{"iccid", iccid(0)},
                   {"matchingId", "EVENT-2"},
                   {"confirmationCode", "4711"},
                   {"smdsAddress", std::string(kSmdsAddress)},
                   {"releaseFlag", true}})
                  .ok());
  auto c = card("nist", kEidA);
  lpa::DownloadOptions o;
  o.confirmation_code = "0000";
  const std::string code = activation_code(profile(iccid(0)));
  EXPECT_EQ(codes(download(c, code, o)), "8.2.7/3.8");
  EXPECT_EQ(codes(download(c, code, o)), "8.2.7/3.8");
  EXPECT_EQ(codes(download(c, code, o)), "8.2.7/6.4");
  EXPECT_EQ(profile(iccid(0)).state, core::ProfileState::error);
  deliver();
  auto calls = smds_->calls();
  ASSERT_EQ(calls.size(), 2u);  // the exhausted confirmation code ended the order
  EXPECT_EQ(calls[0].function, "registerEvent");
  EXPECT_EQ(calls[1].function, "deleteEvent");
  EXPECT_EQ(calls[1].body.value("eventId", ""), "EVENT-2");
  // Cancelling the ended order deletes again: harmless (the SM-DS answers 8.9.5/3.9,
  // counted as delivered), and it covers an Error reached any other way.
  ASSERT_TRUE(es2(mno1(), "cancelOrder",
                  {{"iccid", iccid(0)}, {"finalProfileStatusIndicator", "Unavailable"}})
                  .ok());
  deliver();
  calls = smds_->calls();
  ASSERT_EQ(calls.size(), 3u);
  EXPECT_EQ(calls[2].function, "deleteEvent");
  EXPECT_EQ(points(*mno_, iccid(0)), (Points{{2, "Failed"}, {2, "Failed"}, {2, "Failed"}}));
}

// A CancelSession that ends the order (§5.6.5: the end user rejected it) deletes its event.
TEST_F(Es2Test, when_the_end_user_rejects_an_smds_order_then_its_event_is_deleted) {
  ASSERT_TRUE(
      es2(mno1(), "downloadOrder", {{"iccid", iccid(0)}, {"eid", std::string(kEidA)}}).ok());
  ASSERT_TRUE(es2(mno1(), "confirmOrder",
                  {{"iccid", iccid(0)},
                   {"matchingId", "EVENT-3"},
                   {"smdsAddress", std::string(kSmdsAddress)},
                   {"releaseFlag", true}})
                  .ok());
  auto c = card("nist", kEidA);
  lpa::DownloadOptions o;
  o.reject_consent = true;
  (void)download(c, activation_code(profile(iccid(0))), o);
  EXPECT_EQ(profile(iccid(0)).state, core::ProfileState::error);
  deliver();
  const auto calls = smds_->calls();
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[0].function, "registerEvent");
  EXPECT_EQ(calls[1].function, "deleteEvent");
  EXPECT_EQ(calls[1].body.value("eventId", ""), "EVENT-3");
}

// The SM-DS's "already there" / "already gone" answers mean an earlier attempt got
// through (§5.8.1, §5.8.2): delivered, not undeliverable. Any other refusal is final.
TEST_F(Es2Test, when_the_smds_answers_event_exists_or_unknown_then_delivered) {
  const auto smds_order = [&](std::size_t i, const std::string& event) {
    ASSERT_TRUE(
        es2(mno1(), "downloadOrder", {{"iccid", iccid(i)}, {"eid", std::string(kEidA)}}).ok());
    ASSERT_TRUE(es2(mno1(), "confirmOrder",
                    {{"iccid", iccid(i)},
                     {"matchingId", event},
                     {"smdsAddress", std::string(kSmdsAddress)},
                     {"releaseFlag", true}})
                    .ok());
  };
  smds_->refuse("8.9.5/3.3");
  smds_order(0, "EVENT-A");
  EXPECT_EQ(deliver(), 1);
  smds_->refuse("8.9.5/3.9");
  ASSERT_TRUE(es2(mno1(), "cancelOrder",
                  {{"iccid", iccid(0)}, {"finalProfileStatusIndicator", "Available"}})
                  .ok());
  EXPECT_EQ(deliver(), 1);
  EXPECT_TRUE(outbox(core::OutboxState::undeliverable).empty());

  smds_->refuse("8.9.5/3.9");  // wrong for a RegisterEvent: a real refusal
  smds_order(1, "EVENT-B");
  EXPECT_EQ(deliver(), 0);
  const auto undeliverable = outbox(core::OutboxState::undeliverable);
  ASSERT_EQ(undeliverable.size(), 1u);
  EXPECT_EQ(undeliverable[0].function, "registerEvent");
  EXPECT_EQ(smds_->raw_count(), 3);
}

}  // namespace
}  // namespace smdp::e2e
