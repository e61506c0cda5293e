// SPDX-License-Identifier: Apache-2.0
// A real SQLite store in a fresh temporary directory, the TS.48 v7 template imported,
// and a profile type "gtp" over it, for the domain tests of core/.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>

#include "core/clock.h"
#include "core/profile_types.h"
#include "store/sql_store.h"
#include "testdata.h"

namespace smdp::core::testing {

inline const Bytes& ts48_template() {
  static const Bytes p = smdp::testing::read_file(
      smdp::testing::testdata("profiles/gsma-ts48-v7/TS48_V7.0_eSIM_GTP_SAIP2.3_NoBERTLV.der"));
  return p;
}

class CoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (std::filesystem::temp_directory_path() / "smdp-core-XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    auto store = store::SqlStore::open((dir_ / "smdp.db").string());
    ASSERT_TRUE(store) << store.error().message();
    store_ = std::move(*store);
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  // The TS.48 template and a type "gtp" over it, owned by `operator_name` when given.
  ProfileTypeRecord gtp_type(std::string variables = "iccid,imsi,ki,opc",
                             std::string operator_name = "") {
    auto t = import_template(*store_, "ts48v7", ts48_template(), clock_);
    EXPECT_TRUE(t) << t.error().message();
    ProfileTypeDefinition d;
    d.name = "gtp";
    d.template_name = "ts48v7";
    d.variables = std::move(variables);
    d.service_provider_name = "Test MNO";
    d.profile_name = "GTP";
    d.max_download_attempts = 4;
    d.order_ttl = std::chrono::hours{24};
    d.operator_name = std::move(operator_name);
    auto type = define_profile_type(*store_, d, clock_);
    EXPECT_TRUE(type) << type.error().message();
    return type ? *type : ProfileTypeRecord{};
  }

  // Available inventory profiles of type "gtp" (ICCIDs 894999000000000000NC).
  void add_stock(int count) {
    std::vector<ProfileRecord> batch;
    for (int i = 0; i < count; ++i) {
      ProfileRecord p;
      p.iccid = iccid(i);
      p.state = ProfileState::available;
      p.profile_type = "gtp";
      p.updated_at = clock_.now();
      batch.push_back(std::move(p));
    }
    auto added = store_->add_profiles(batch);
    ASSERT_TRUE(added) << added.error().message();
    ASSERT_TRUE(added->empty());
  }

  static std::string iccid(int i) {
    std::string s = "89499900000000000" + std::to_string(10 + i);  // 19 digits
    return s + "0";  // the store does not check Luhn; the importer does
  }

  ProfileRecord get(const std::string& iccid) {
    auto p = store_->get_profile(iccid);
    EXPECT_TRUE(p && *p);
    return p && *p ? **p : ProfileRecord{};
  }

  std::filesystem::path dir_;
  std::unique_ptr<store::SqlStore> store_;
  ManualClock clock_{TimePoint{std::chrono::seconds{1'800'000'000}}};
};

}  // namespace smdp::core::testing
