// SPDX-License-Identifier: Apache-2.0
#include "binding/session_keys.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "testdata.h"

namespace smdp::binding {
namespace {
using smdp::testing::hex;

TEST(SessionKeys, when_bsp_kat_kdf_cases_then_keys_match) {
  auto kat =
      nlohmann::json::parse(smdp::testing::read_text(smdp::testing::testdata("bsp/bsp_kat.json")));
  for (const auto& c : kat["kdf"]) {
    auto k =
        derive_session_keys(hex(c["shared_secret"].get<std::string>()),
                            hex(c["host_id"].get<std::string>()), hex(c["eid"].get<std::string>()));
    ASSERT_TRUE(k);
    EXPECT_EQ(to_hex(k->s_enc), c["expect_s_enc"].get<std::string>()) << c["name"];
    EXPECT_EQ(to_hex(k->s_mac), c["expect_s_mac"].get<std::string>());
    EXPECT_EQ(to_hex(k->initial_mcv), c["expect_initial_mcv"].get<std::string>());
  }
}

TEST(SessionKeys, when_generated_session_then_shared_info_and_keys_match) {
  for (const char* dir : {"generated/session_nist", "generated/session_brp"}) {
    auto s = nlohmann::json::parse(
        smdp::testing::read_text(smdp::testing::testdata(std::string(dir) + "/session.json")));
    Bytes host = hex(s["hostId"].get<std::string>()), eid = hex(s["eid"].get<std::string>());
    EXPECT_EQ(to_hex(kdf_shared_info(host, eid)), s["kdf_shared_info"].get<std::string>());
    auto k = derive_session_keys(hex(s["shared_secret"].get<std::string>()), host, eid);
    ASSERT_TRUE(k);
    EXPECT_EQ(to_hex(k->s_enc), s["s_enc"].get<std::string>()) << dir;
    EXPECT_EQ(to_hex(k->s_mac), s["s_mac"].get<std::string>());
    EXPECT_EQ(to_hex(k->initial_mcv), s["initial_mcv"].get<std::string>());
  }
}

}  // namespace
}  // namespace smdp::binding
