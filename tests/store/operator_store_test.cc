// SPDX-License-Identifier: Apache-2.0
// core::OperatorStore on SQLite (core/operator_store.h): operators (ES2+ clients,
// SGP.22 §5.3) and their function-call log, which makes a resent ES2+ request return the
// original response (§6.5.1.1); and the ES2+ fields of profiles and profile types.
#include <gtest/gtest.h>

#include "store_fixture.h"

namespace smdp::store::testing {
namespace {

class OperatorStoreTest : public StoreTest {};

using core::FunctionCallRecord;
using core::OperatorRecord;
using core::StoreErrc;

OperatorRecord an_operator(const std::string& name) {
  OperatorRecord o;
  o.name = name;
  o.client_cn = name + ".es2.example.com";
  o.client_ca = {0x30, 0x03, 0x02, 0x01, 0x07};
  o.callback_url = "https://" + name + ".example.com:8443/rsp";
  o.callback_ca = {0x30, 0x03, 0x02, 0x01, 0x09};
  o.state_change_points = "enable=6,disable=7,delete=8";
  o.created_at = at(1'700'000'000);
  return o;
}

void expect_same(const OperatorRecord& a, const OperatorRecord& b) {
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.client_cn, b.client_cn);
  EXPECT_EQ(a.client_ca, b.client_ca);
  EXPECT_EQ(a.callback_url, b.callback_url);
  EXPECT_EQ(a.callback_ca, b.callback_ca);
  EXPECT_EQ(a.state_change_points, b.state_change_points);
  EXPECT_EQ(a.created_at, b.created_at);
}

FunctionCallRecord a_call(const std::string& id, std::int64_t t = 1'700'000'000) {
  FunctionCallRecord f;
  f.operator_name = "mno1";
  f.function_call_id = id;
  f.function = "downloadOrder";
  f.request_sha256 = Bytes(32, 0xAB);
  f.created_at = at(t);
  return f;
}

TEST_P(OperatorStoreTest, when_operator_added_then_get_and_list_return_it) {
  ASSERT_TRUE(store_->add_operator(an_operator("mno2")));
  auto minimal = an_operator("mno1");
  minimal.callback_url.clear();
  minimal.callback_ca.clear();
  minimal.state_change_points.clear();
  ASSERT_TRUE(store_->add_operator(minimal));

  auto got = store_->get_operator("mno2");
  ASSERT_TRUE(got && got->has_value());
  expect_same(**got, an_operator("mno2"));
  auto list = store_->list_operators();
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 2U);
  expect_same((*list)[0], minimal);  // by name
  expect_same((*list)[1], an_operator("mno2"));
  auto none = store_->get_operator("mno3");
  ASSERT_TRUE(none);
  EXPECT_FALSE(none->has_value());
}

TEST_P(OperatorStoreTest, when_operator_name_exists_then_add_conflicts) {
  ASSERT_TRUE(store_->add_operator(an_operator("mno1")));
  auto r = store_->add_operator(an_operator("mno1"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, StoreErrc::conflict);
}

TEST_P(OperatorStoreTest, when_operator_updated_then_fields_but_name_and_created_at_replaced) {
  ASSERT_TRUE(store_->add_operator(an_operator("mno1")));
  auto changed = an_operator("mno1");
  changed.client_cn = "new.example.com";
  changed.client_ca = {0x30, 0x00};
  changed.callback_url = "https://cb.example.com";
  changed.callback_ca = {0x30, 0x01, 0x00};
  changed.state_change_points = "";
  changed.created_at = at(42);
  ASSERT_TRUE(store_->update_operator(changed));
  auto got = store_->get_operator("mno1");
  ASSERT_TRUE(got && got->has_value());
  changed.created_at = an_operator("mno1").created_at;
  expect_same(**got, changed);

  auto r = store_->update_operator(an_operator("mno9"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, StoreErrc::not_found);
}

TEST_P(OperatorStoreTest, when_call_begun_twice_then_the_second_returns_the_first) {
  auto first = store_->begin_function_call(a_call("fc-1"));
  ASSERT_TRUE(first) << first.error().message();
  EXPECT_FALSE(first->has_value());

  auto resent = a_call("fc-1", 1'700'000'100);
  resent.request_sha256 = Bytes(32, 0xCD);
  auto second = store_->begin_function_call(resent);
  ASSERT_TRUE(second) << second.error().message();
  ASSERT_TRUE(second->has_value());
  EXPECT_EQ((*second)->operator_name, "mno1");
  EXPECT_EQ((*second)->function_call_id, "fc-1");
  EXPECT_EQ((*second)->function, "downloadOrder");
  EXPECT_EQ((*second)->request_sha256, Bytes(32, 0xAB));
  EXPECT_FALSE((*second)->response.has_value());
  EXPECT_EQ((*second)->created_at, at(1'700'000'000));

  // The identifier is per operator.
  auto other = a_call("fc-1");
  other.operator_name = "mno2";
  auto third = store_->begin_function_call(other);
  ASSERT_TRUE(third);
  EXPECT_FALSE(third->has_value());
}

TEST_P(OperatorStoreTest, when_call_completed_then_begin_returns_its_response) {
  ASSERT_TRUE(store_->begin_function_call(a_call("fc-1")));
  ASSERT_TRUE(store_->complete_function_call("mno1", "fc-1", R"({"header":{}})"));
  auto again = store_->begin_function_call(a_call("fc-1"));
  ASSERT_TRUE(again && again->has_value());
  EXPECT_EQ((*again)->response, R"({"header":{}})");

  auto r = store_->complete_function_call("mno1", "fc-unknown", "{}");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, StoreErrc::not_found);
}

TEST_P(OperatorStoreTest, when_call_abandoned_then_it_may_begin_again_but_completed_calls_stay) {
  ASSERT_TRUE(store_->begin_function_call(a_call("fc-1")));
  ASSERT_TRUE(store_->abandon_function_call("mno1", "fc-1"));
  auto again = store_->begin_function_call(a_call("fc-1"));
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->has_value());

  ASSERT_TRUE(store_->complete_function_call("mno1", "fc-1", "{}"));
  ASSERT_TRUE(store_->abandon_function_call("mno1", "fc-1"));
  auto kept = store_->begin_function_call(a_call("fc-1"));
  ASSERT_TRUE(kept && kept->has_value());
  EXPECT_EQ((*kept)->response, "{}");
  EXPECT_TRUE(store_->abandon_function_call("mno1", "fc-absent"));
}

TEST_P(OperatorStoreTest, when_calls_purged_then_only_older_ones_are_deleted) {
  ASSERT_TRUE(store_->begin_function_call(a_call("old", 100)));
  ASSERT_TRUE(store_->begin_function_call(a_call("edge", 200)));
  ASSERT_TRUE(store_->begin_function_call(a_call("new", 300)));
  auto n = store_->purge_function_calls(at(200));
  ASSERT_TRUE(n) << n.error().message();
  EXPECT_EQ(*n, 1);
  auto old = store_->begin_function_call(a_call("old", 400));
  ASSERT_TRUE(old);
  EXPECT_FALSE(old->has_value());  // forgotten: recorded anew
  auto edge = store_->begin_function_call(a_call("edge", 400));
  ASSERT_TRUE(edge);
  EXPECT_TRUE(edge->has_value());
}

TEST_P(OperatorStoreTest, when_profile_has_smds_address_then_it_round_trips) {
  auto p = released_profile("8900000000000000001");
  p.smds_address = "smds.example.com";
  ASSERT_TRUE(store_->add_profile(p));
  auto got = store_->get_profile(p.iccid);
  ASSERT_TRUE(got && got->has_value());
  EXPECT_EQ((*got)->smds_address, "smds.example.com");

  p.smds_address.reset();
  ASSERT_TRUE(store_->update(nullptr, &p));
  got = store_->get_profile(p.iccid);
  ASSERT_TRUE(got && got->has_value());
  EXPECT_FALSE((*got)->smds_address.has_value());
  EXPECT_EQ(query_int("SELECT smds_address IS NULL FROM profiles"), 1);
}

TEST_P(OperatorStoreTest, when_profile_type_has_operator_then_it_round_trips) {
  core::TemplateRecord t;
  t.name = "tpl";
  t.package = {0xA0, 0x00};
  t.sha256 = Bytes(32, 0x5A);
  ASSERT_TRUE(store_->add_template(t));
  core::ProfileTypeRecord owned;
  owned.name = "owned";
  owned.template_name = "tpl";
  owned.operator_name = "mno1";
  ASSERT_TRUE(store_->add_profile_type(owned));
  core::ProfileTypeRecord plain = owned;
  plain.name = "plain";
  plain.operator_name.clear();
  ASSERT_TRUE(store_->add_profile_type(plain));

  auto got = store_->get_profile_type("owned");
  ASSERT_TRUE(got && got->has_value());
  EXPECT_EQ((*got)->operator_name, "mno1");
  auto list = store_->list_profile_types();
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 2U);
  EXPECT_EQ((*list)[0].operator_name, "mno1");
  EXPECT_EQ((*list)[1].operator_name, "");
}

SMDP_STORE_ENGINES(OperatorStoreTest);

}  // namespace
}  // namespace smdp::store::testing
