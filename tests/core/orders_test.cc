// SPDX-License-Identifier: Apache-2.0
#include "core/orders.h"

#include "asn1/store_metadata.h"
#include "core/order_fields.h"
#include "core_fixture.h"
#include "crypto/rng.h"

namespace smdp::core {
namespace {

using testing::CoreTest;
constexpr std::string_view kEid = "89049032123451234512345678901235";
constexpr std::string_view kOtherEid = "89049032000000000000000000000019";

class Orders : public CoreTest {
 protected:
  Result<ProfileRecord> order_type(std::optional<std::string> eid = std::nullopt) {
    return download_order(*store_, *store_, {std::move(eid), std::nullopt, "gtp"}, clock_);
  }
  Result<ProfileRecord> confirm(ConfirmOrderRequest r) {
    return confirm_order(*store_, *store_, r, crypto::system_rng(), clock_);
  }
};

TEST_F(Orders, when_ordering_by_type_then_the_oldest_available_is_allocated_then_released) {
  gtp_type();
  add_stock(3);
  auto allocated = order_type();
  ASSERT_TRUE(allocated) << allocated.error().message();
  EXPECT_EQ(allocated->iccid, iccid(0));
  EXPECT_EQ(get(iccid(0)).state, ProfileState::allocated);
  auto released = confirm({.iccid = iccid(0), .confirmation_code = "1234"});
  ASSERT_TRUE(released) << released.error().message();
  const ProfileRecord p = get(iccid(0));
  EXPECT_EQ(p.state, ProfileState::released);
  ASSERT_TRUE(p.matching_id);
  EXPECT_TRUE(p.confirmation_code_hash);
  EXPECT_EQ(p.max_download_attempts, 4);  // from the type
  EXPECT_EQ(p.order_expires_at, clock_.now() + std::chrono::hours{24});
  // The metadata is the type's, with this profile's ICCID.
  auto metadata = asn1::StoreMetadataRequestView::decode(p.profile_metadata);
  ASSERT_TRUE(metadata) << metadata.error().message();
  EXPECT_EQ(metadata->service_provider_name, "Test MNO");
  EXPECT_EQ(to_hex(metadata->iccid), "98949900000000001000");
  EXPECT_EQ(order_type()->iccid, iccid(1));  // the next one
}

TEST_F(Orders, when_the_order_has_an_eid_then_the_profile_is_linked_and_other_eids_refused) {
  gtp_type();
  add_stock(1);
  auto linked = order_type(std::string(kEid));
  ASSERT_TRUE(linked) << linked.error().message();
  EXPECT_EQ(get(iccid(0)).state, ProfileState::linked);
  EXPECT_EQ(get(iccid(0)).eid, std::string(kEid));
  auto mismatch = confirm({.iccid = iccid(0), .eid = std::string(kOtherEid)});
  ASSERT_FALSE(mismatch);
  EXPECT_EQ(mismatch.error().code, OrderErrc::eid_mismatch);
  auto ok = confirm({.iccid = iccid(0), .eid = std::string(kEid), .no_matching_id = true});
  ASSERT_TRUE(ok) << ok.error().message();
  EXPECT_FALSE(get(iccid(0)).matching_id);  // found by EID at the default SM-DP+
}

TEST_F(Orders, when_confirmed_without_release_then_release_profile_releases_it) {
  gtp_type();
  add_stock(1);
  ASSERT_TRUE(order_type());
  ASSERT_TRUE(confirm({.iccid = iccid(0), .release_flag = false}));
  EXPECT_EQ(get(iccid(0)).state, ProfileState::confirmed);
  ASSERT_TRUE(release_profile(*store_, iccid(0), clock_));
  EXPECT_EQ(get(iccid(0)).state, ProfileState::released);
  auto again = release_profile(*store_, iccid(0), clock_);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, OrderErrc::wrong_state);
}

TEST_F(Orders, when_a_matching_id_is_taken_then_the_second_confirm_is_refused) {
  gtp_type();
  add_stock(2);
  ASSERT_TRUE(order_type());
  ASSERT_TRUE(order_type());
  ASSERT_TRUE(confirm({.iccid = iccid(0), .matching_id = "SAME-ID"}));
  auto dup = confirm({.iccid = iccid(1), .matching_id = "SAME-ID"});
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, OrderErrc::matching_id_in_use);
  EXPECT_EQ(get(iccid(1)).state, ProfileState::allocated);  // untouched
}

// `smdpp order add` is all or nothing: a refused confirmation leaves no Allocated
// profile without an order behind it.
TEST_F(Orders, when_place_order_confirmation_is_refused_then_the_allocation_is_undone) {
  gtp_type();
  add_stock(2);
  ASSERT_TRUE(place_order(*store_, *store_, {std::nullopt, std::nullopt, "gtp"},
                          {.iccid = {}, .matching_id = "SAME-ID"}, crypto::system_rng(), clock_));
  auto dup = place_order(*store_, *store_, {std::nullopt, std::nullopt, "gtp"},
                         {.iccid = {}, .matching_id = "SAME-ID"}, crypto::system_rng(), clock_);
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, OrderErrc::matching_id_in_use);
  const ProfileRecord second = get(iccid(1));
  EXPECT_EQ(second.state, ProfileState::available);
  EXPECT_FALSE(second.eid);
  EXPECT_FALSE(second.matching_id);
  EXPECT_EQ(get(iccid(0)).state, ProfileState::released);
}

TEST_F(Orders, when_requests_are_malformed_or_unknown_then_each_gets_its_code) {
  gtp_type();
  add_stock(1);
  auto neither = download_order(*store_, *store_, {}, clock_);
  EXPECT_EQ(neither.error().code, OrderErrc::invalid_request);
  auto bad_eid = download_order(*store_, *store_, {"123", std::nullopt, "gtp"}, clock_);
  EXPECT_EQ(bad_eid.error().code, OrderErrc::invalid_request);
  auto no_type = download_order(*store_, *store_, {std::nullopt, std::nullopt, "nope"}, clock_);
  EXPECT_EQ(no_type.error().code, OrderErrc::unknown_profile_type);
  auto no_iccid =
      download_order(*store_, *store_, {std::nullopt, "8949990000000000999", std::nullopt}, clock_);
  EXPECT_EQ(no_iccid.error().code, OrderErrc::unknown_iccid);
  ASSERT_TRUE(order_type());
  auto empty = order_type();
  EXPECT_EQ(empty.error().code, OrderErrc::out_of_stock);
  auto taken = download_order(*store_, *store_, {std::nullopt, iccid(0), std::nullopt}, clock_);
  EXPECT_EQ(taken.error().code, OrderErrc::wrong_state);
  for (const char* bad : {"with space", "slash/", "", "tab\t", "\xc3\xa9t\xc3\xa9"}) {
    auto bad_mid = confirm({.iccid = iccid(0), .matching_id = std::string(bad)});
    ASSERT_FALSE(bad_mid) << bad;
    EXPECT_EQ(bad_mid.error().code, OrderErrc::invalid_request) << bad;
  }
  auto too_long = confirm({.iccid = iccid(0), .matching_id = std::string(65, 'A')});
  EXPECT_EQ(too_long.error().code, OrderErrc::invalid_request);
}

// An operator's own matchingIds may use lower case, '.' and '_' (SGP.22 restricts the
// activation code's alphabet, §4.1, not an order's matchingId); such an order has no
// activation code: the device reaches it through the SM-DS or the default SM-DP+.
TEST_F(Orders, when_an_operator_supplies_a_lower_case_matching_id_then_it_is_accepted) {
  gtp_type();
  add_stock(1);
  ASSERT_TRUE(order_type());
  auto ok = confirm({.iccid = iccid(0), .matching_id = "crm_order.42-a"});
  ASSERT_TRUE(ok) << ok.error().message();
  EXPECT_EQ(ok->matching_id, "crm_order.42-a");
  EXPECT_TRUE(valid_matching_id(std::string(64, 'z')));
  EXPECT_FALSE(activation_code_matching_id("crm_order.42-a"));
  EXPECT_TRUE(activation_code_matching_id("CRM-ORDER-42"));
}

TEST_F(Orders, when_an_order_is_cancelled_then_the_profile_returns_clean_to_stock_or_leaves_it) {
  gtp_type();
  add_stock(2);
  ASSERT_TRUE(order_type(std::string(kEid)));
  ASSERT_TRUE(confirm({.iccid = iccid(0), .confirmation_code = "1"}));
  auto back = cancel_order(*store_, iccid(0), FinalProfileStatus::available, clock_);
  ASSERT_TRUE(back) << back.error().message();
  const ProfileRecord p = get(iccid(0));
  EXPECT_EQ(p.state, ProfileState::available);
  EXPECT_FALSE(p.eid);
  EXPECT_FALSE(p.matching_id);
  EXPECT_FALSE(p.confirmation_code_hash);
  EXPECT_EQ(order_type()->iccid, iccid(0));  // orderable again, oldest first
  auto gone = cancel_order(*store_, iccid(0), FinalProfileStatus::unavailable, clock_);
  ASSERT_TRUE(gone);
  EXPECT_EQ(get(iccid(0)).state, ProfileState::unavailable);
  auto no_order = cancel_order(*store_, iccid(1), FinalProfileStatus::available, clock_);
  EXPECT_EQ(no_order.error().code, OrderErrc::wrong_state);
}

TEST_F(Orders, when_a_live_session_holds_the_profile_then_cancel_is_refused) {
  gtp_type();
  add_stock(1);
  ASSERT_TRUE(order_type());
  ASSERT_TRUE(confirm({.iccid = iccid(0)}));
  ProfileRecord p = get(iccid(0));
  p.session_transaction_id = "00112233445566778899AABBCCDDEEFF";
  p.session_expires_at = clock_.now() + std::chrono::minutes{5};
  ASSERT_TRUE(store_->update(nullptr, &p));
  auto held = cancel_order(*store_, iccid(0), FinalProfileStatus::available, clock_);
  ASSERT_FALSE(held);
  EXPECT_EQ(held.error().code, OrderErrc::wrong_state);
  clock_.advance(std::chrono::minutes{6});
  EXPECT_TRUE(cancel_order(*store_, iccid(0), FinalProfileStatus::available, clock_));
}

}  // namespace
}  // namespace smdp::core
