// SPDX-License-Identifier: Apache-2.0
// The operator flow end to end: a TS.48 template, a profile type, 1,000 subscriptions
// imported from CSV, orders by profile type, downloads by software eUICCs, and the
// installed packages decoded independently to check that each carries exactly its own
// subscription (ICCID, IMSI, Ki, OPc), the next order taking the next subscription.
#include <gtest/gtest.h>

#include <cctype>
#include <cstdio>
#include <sstream>

#include "core/key_provider.h"
#include "core/orders.h"
#include "core/profile_registration.h"
#include "core/profile_types.h"
#include "core/subscription_import.h"
#include "crypto/rng.h"
#include "e2e_fixture.h"
#include "saip/package.h"
#include "saip/variables.h"

namespace smdp::e2e {
namespace {

struct Row {
  std::string iccid, imsi, ki, opc;
};

std::string hex32(std::size_t seed, char tag) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%c%07zX%024zX", tag, seed, seed * 7919);
  return std::string(buf).substr(0, 32);
}

std::string upper_hex(ByteView b) {
  std::string s = to_hex(b);
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

Row row(std::size_t i) {
  char digits[32];
  std::snprintf(digits, sizeof digits, "894999000%010zu", i);  // 19 digits
  Row r;
  r.iccid = std::string(digits) + saip::luhn_check_digit(digits);
  std::snprintf(digits, sizeof digits, "00101%010zu", i);
  r.imsi = digits;
  r.ki = hex32(i, 'A');
  r.opc = hex32(i, 'C');
  return r;
}

class Inventory : public E2e {
 protected:
  void SetUp() override {
    E2e::SetUp();
    core::FileKeyProvider keys((dir_ / "keys").string());
    ASSERT_TRUE(keys.create(core::kSubscriptionsKey, crypto::system_rng()));
    start_service();  // now with the data key
  }

  core::ProfileTypeRecord define_type(int precompute = 0) {
    auto t = core::import_template(service_->inventory(), "ts48v7", ts48_profile(), clock_);
    EXPECT_TRUE(t) << t.error().message();
    core::ProfileTypeDefinition def;
    def.name = "gtp";
    def.template_name = "ts48v7";
    def.variables = "iccid,imsi,ki,opc,pin1,puk1";
    def.service_provider_name = "Test MNO";
    def.profile_name = "Generic test profile";
    def.precompute = precompute;
    def.low_stock_threshold = 10;
    auto type = core::define_profile_type(service_->inventory(), def, clock_);
    EXPECT_TRUE(type) << type.error().message();
    return type ? *type : core::ProfileTypeRecord{};
  }

  void import(const core::ProfileTypeRecord& type, std::size_t rows) {
    std::stringstream csv;
    csv << "iccid,imsi,ki,opc,pin1,puk1\n";
    for (std::size_t i = 0; i < rows; ++i) {
      const Row r = row(i);
      csv << r.iccid << ',' << r.imsi << ',' << r.ki << ',' << r.opc << ",1234,12345678\n";
    }
    core::FileKeyProvider keys((dir_ / "keys").string());
    auto key = keys.key(core::kSubscriptionsKey);
    ASSERT_TRUE(key);
    std::stringstream rejects;
    auto report = core::import_subscriptions(service_->inventory(), type, csv, *key,
                                             crypto::system_rng(), clock_, {}, &rejects);
    ASSERT_TRUE(report) << report.error().message();
    EXPECT_EQ(report->imported, rows) << rejects.str();
    EXPECT_EQ(report->rejected, 0u) << rejects.str();
  }

  // DownloadOrder + ConfirmOrder for the type, as `smdpp order add --type` does.
  core::ProfileRecord order(std::string_view type) {
    auto allocated = core::download_order(service_->store(), service_->inventory(),
                                          {std::nullopt, std::nullopt, std::string(type)}, clock_);
    EXPECT_TRUE(allocated) << allocated.error().message();
    if (!allocated) return {};
    core::ConfirmOrderRequest confirm;
    confirm.iccid = allocated->iccid;
    auto confirmed = core::confirm_order(service_->store(), service_->inventory(), confirm,
                                         crypto::system_rng(), clock_);
    EXPECT_TRUE(confirmed) << confirmed.error().message();
    return confirmed ? *confirmed : core::ProfileRecord{};
  }

  // Decodes what the card installed and checks it carries exactly subscription `i`.
  static void expect_subscription(const euicc::Card& card, std::size_t i) {
    ASSERT_FALSE(card.installed_profiles().empty());
    auto pkg = saip::ProfilePackage::decode(card.installed_profiles().back().profile_package);
    ASSERT_TRUE(pkg) << pkg.error().message();
    const Row r = row(i);
    const saip::Node* header_iccid = saip::find_path(*pkg, "header/iccid");
    ASSERT_NE(header_iccid, nullptr);
    EXPECT_EQ(saip::decode_iccid_header(header_iccid->value), r.iccid);
    const saip::Node* ef_iccid = saip::find_path(*pkg, "mf/ef-iccid");
    ASSERT_NE(ef_iccid, nullptr);
    EXPECT_EQ(saip::file_content(*ef_iccid), saip::encode_iccid_ef(r.iccid));
    const saip::Node* ef_imsi = saip::find_path(*pkg, "usim/ef-imsi");
    ASSERT_NE(ef_imsi, nullptr);
    EXPECT_EQ(saip::decode_imsi_ef(saip::file_content(*ef_imsi)), r.imsi);
    std::size_t aka = 0;
    for (const auto& pe : pkg->elements) {
      if (pe.name != "akaParameter") continue;
      ++aka;
      const saip::Node* algo = pe.child("algoConfiguration");
      ASSERT_NE(algo, nullptr);
      const saip::Node* params = algo->child("algoParameter");
      ASSERT_NE(params, nullptr);
      EXPECT_EQ(upper_hex(params->child("key")->value), r.ki);
      EXPECT_EQ(upper_hex(params->child("opc")->value), r.opc);
    }
    EXPECT_GE(aka, 1u);
  }
};

TEST_F(Inventory, when_1000_subscriptions_are_imported_then_each_order_downloads_its_own) {
  const auto type = define_type();
  import(type, 1000);
  auto first = order("gtp");
  EXPECT_EQ(first.iccid, row(0).iccid);
  auto card_a = card("nist", kEidA);
  auto r = download(card_a, activation_code(first));
  ASSERT_TRUE(r.ok()) << codes(r);
  expect_subscription(card_a, 0);
  EXPECT_EQ(profile(first.iccid).state, core::ProfileState::installed);

  auto second = order("gtp");
  EXPECT_EQ(second.iccid, row(1).iccid);
  auto card_b = card("brp", kEidB);
  r = download(card_b, activation_code(second));
  ASSERT_TRUE(r.ok()) << codes(r);
  expect_subscription(card_b, 1);

  auto counts = service_->inventory().inventory_counts();
  ASSERT_TRUE(counts);
  std::int64_t available = 0, installed = 0;
  for (const auto& c : *counts) {
    if (c.profile_type != "gtp") continue;
    if (c.state == core::ProfileState::available) available = c.count;
    if (c.state == core::ProfileState::installed) installed = c.count;
  }
  EXPECT_EQ(available, 998);
  EXPECT_EQ(installed, 2);
}

TEST_F(Inventory, when_packages_are_precomputed_then_the_download_binds_the_stored_one) {
  const auto type = define_type(/*precompute=*/3);
  import(type, 5);
  service_->housekeeping();
  EXPECT_FALSE(profile(row(0).iccid).protected_package.empty());
  EXPECT_FALSE(profile(row(2).iccid).protected_package.empty());
  EXPECT_TRUE(profile(row(3).iccid).protected_package.empty());  // only the next 3
  auto ordered = order("gtp");
  auto c = card("nist", kEidA);
  auto r = download(c, activation_code(ordered));
  ASSERT_TRUE(r.ok()) << codes(r);
  expect_subscription(c, 0);
  service_->housekeeping();  // tops up: the 4th is now among the next 3, the 5th is not
  EXPECT_FALSE(profile(row(3).iccid).protected_package.empty());
  EXPECT_TRUE(profile(row(4).iccid).protected_package.empty());
}

TEST_F(Inventory, when_the_data_key_is_missing_then_an_inventory_profile_is_not_bound) {
  const auto type = define_type();
  import(type, 1);
  std::filesystem::remove_all(dir_ / "keys");
  start_service();  // no data key now
  auto ordered = order("gtp");
  auto c = card();
  auto r = download(c, activation_code(ordered));
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(codes(r), "8.2/3.7");  // BPP not available
}

TEST_F(Inventory, when_the_stock_runs_out_then_the_order_is_refused_and_an_event_recorded) {
  const auto type = define_type();
  import(type, 11);
  order("gtp");  // 10 left: not below the threshold yet
  auto events = service_->inventory().list_events(0, 10);
  ASSERT_TRUE(events);
  EXPECT_TRUE(events->empty());
  order("gtp");  // 9 left: below 10
  events = service_->inventory().list_events(0, 10);
  ASSERT_TRUE(events);
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].type, "low_stock");
  EXPECT_EQ((*events)[0].profile_type, "gtp");
  for (int i = 0; i < 9; ++i) order("gtp");
  auto none = core::download_order(service_->store(), service_->inventory(),
                                   {std::nullopt, std::nullopt, "gtp"}, clock_);
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, core::OrderErrc::out_of_stock);
}

}  // namespace
}  // namespace smdp::e2e

namespace smdp::e2e {
namespace {

// The stored package is what gets bound: a tampered one fails the download with 8.2/3.7
// (and a profile without one would have been personalised afresh).
TEST_F(Inventory, when_the_precomputed_package_is_tampered_then_the_download_fails_cleanly) {
  const auto type = define_type(/*precompute=*/1);
  import(type, 2);
  service_->housekeeping();
  core::ProfileRecord p = profile(row(0).iccid);
  ASSERT_FALSE(p.protected_package.empty());
  p.protected_package.back() ^= 0x01;
  ASSERT_TRUE(service_->store().update(nullptr, &p));
  auto ordered = order("gtp");
  ASSERT_EQ(ordered.iccid, row(0).iccid);
  auto c = card();
  auto r = download(c, activation_code(ordered));
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(codes(r), "8.2/3.7");
  EXPECT_TRUE(c.installed_profiles().empty());
}

}  // namespace
}  // namespace smdp::e2e
