// SPDX-License-Identifier: Apache-2.0
#include "core/profile_types.h"

#include "asn1/common.h"
#include "asn1/store_metadata.h"
#include "core_fixture.h"

namespace smdp::core {
namespace {

using testing::CoreTest;
using testing::ts48_template;

TEST_F(CoreTest, when_a_template_is_valid_then_it_is_stored_with_its_digest) {
  auto t = import_template(*store_, "ts48v7", ts48_template(), clock_);
  ASSERT_TRUE(t) << t.error().message();
  auto stored = store_->get_template("ts48v7");
  ASSERT_TRUE(stored && *stored);
  EXPECT_EQ((*stored)->package, ts48_template());
  EXPECT_EQ((*stored)->sha256.size(), 32u);
  auto again = import_template(*store_, "ts48v7", ts48_template(), clock_);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, StoreErrc::conflict);
}

TEST_F(CoreTest, when_a_template_is_not_a_valid_package_then_it_is_refused_with_the_reason) {
  Bytes truncated(ts48_template().begin(), ts48_template().end() - 5);
  auto t = import_template(*store_, "broken", truncated, clock_);
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().code, CatalogueErrc::invalid_template);
  auto bad_name = import_template(*store_, "no spaces", ts48_template(), clock_);
  EXPECT_EQ(bad_name.error().code, CatalogueErrc::invalid_name);
  auto listed = store_->list_templates();
  ASSERT_TRUE(listed);
  EXPECT_TRUE(listed->empty());  // nothing half-stored
}

TEST_F(CoreTest, when_a_type_is_defined_then_its_metadata_carries_every_field) {
  ASSERT_TRUE(import_template(*store_, "ts48v7", ts48_template(), clock_));
  ProfileTypeDefinition d;
  d.name = "gtp";
  d.template_name = "ts48v7";
  d.variables = "iccid,imsi,ki,opc,pin1,puk1,adm1";
  d.service_provider_name = "Test MNO";
  d.profile_name = "GTP";
  d.profile_class = 0;
  d.icon_type = 1;
  d.icon = Bytes{0x89, 0x50, 0x4E, 0x47};
  d.ppr2 = true;
  d.notifications.push_back({.install = true, .remove = true, .address = "mno.example.com"});
  auto type = define_profile_type(*store_, d, clock_);
  ASSERT_TRUE(type) << type.error().message();
  auto metadata = profile_metadata_for(*type, "89000123456789012341");
  ASSERT_TRUE(metadata);
  auto m = asn1::StoreMetadataRequestView::decode(*metadata);
  ASSERT_TRUE(m) << m.error().message();
  EXPECT_EQ(to_hex(m->iccid), "98001032547698103214");
  EXPECT_EQ(m->profile_name, "GTP");
  EXPECT_EQ(m->profile_class, 0u);
  ASSERT_TRUE(m->icon);
  ASSERT_TRUE(m->profile_policy_rules);
  EXPECT_TRUE(asn1::has_bit(*m->profile_policy_rules, 2));
  EXPECT_FALSE(asn1::has_bit(*m->profile_policy_rules, 1));
  ASSERT_TRUE(m->notification_configuration_info);
  const auto& n = (*m->notification_configuration_info)[0];
  EXPECT_TRUE(asn1::has_bit(n.profile_management_operation, 0));
  EXPECT_TRUE(asn1::has_bit(n.profile_management_operation, 3));
  EXPECT_FALSE(asn1::has_bit(n.profile_management_operation, 1));
  EXPECT_EQ(n.notification_address, "mno.example.com");
}

TEST_F(CoreTest, when_a_type_is_inconsistent_then_it_is_refused_with_its_code) {
  ASSERT_TRUE(import_template(*store_, "ts48v7", ts48_template(), clock_));
  ProfileTypeDefinition d;
  d.name = "gtp";
  d.template_name = "missing";
  EXPECT_EQ(define_profile_type(*store_, d, clock_).error().code, CatalogueErrc::unknown_template);
  d.template_name = "ts48v7";
  d.variables = "iccid,colour";
  EXPECT_EQ(define_profile_type(*store_, d, clock_).error().code, CatalogueErrc::invalid_variables);
  d.variables = "iccid,ef:usim/ef-does-not-exist";
  EXPECT_EQ(define_profile_type(*store_, d, clock_).error().code, CatalogueErrc::invalid_variables);
  d.variables = "iccid";
  d.service_provider_name = std::string(33, 'x');
  EXPECT_EQ(define_profile_type(*store_, d, clock_).error().code, CatalogueErrc::invalid_metadata);
  d.service_provider_name = "ok";
  d.icon = Bytes(10, 1);  // no icon type
  EXPECT_EQ(define_profile_type(*store_, d, clock_).error().code, CatalogueErrc::invalid_metadata);
  d.icon.clear();
  d.notifications.push_back({.install = true, .address = "not a host"});
  EXPECT_EQ(define_profile_type(*store_, d, clock_).error().code, CatalogueErrc::invalid_metadata);
  auto types = store_->list_profile_types();
  ASSERT_TRUE(types);
  EXPECT_TRUE(types->empty());
}

}  // namespace
}  // namespace smdp::core
