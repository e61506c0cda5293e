// SPDX-License-Identifier: Apache-2.0
#include "binding/session_keys.h"

#include <gtest/gtest.h>

#include "testdata_json.h"

namespace smdp::binding {
namespace {
using smdp::testing::hex;

TEST(SessionKeys, when_bsp_kat_kdf_cases_then_keys_match) {
  for (const auto& c : smdp::testing::bsp_kat().at("kdf")) {
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
  for (const char* name : smdp::testing::kSessions) {
    const smdp::testing::Session s{name};
    Bytes host = s.value("hostId"), eid = s.value("eid");
    EXPECT_EQ(to_hex(kdf_shared_info(host, eid)), s.text("kdf_shared_info"));
    auto k = derive_session_keys(s.value("shared_secret"), host, eid);
    ASSERT_TRUE(k);
    EXPECT_EQ(to_hex(k->s_enc), s.text("s_enc")) << name;
    EXPECT_EQ(to_hex(k->s_mac), s.text("s_mac"));
    EXPECT_EQ(to_hex(k->initial_mcv), s.text("initial_mcv"));
  }
}

}  // namespace
}  // namespace smdp::binding
