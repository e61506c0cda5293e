// SPDX-License-Identifier: Apache-2.0
// Structured JSON logging (src/base/log.h). Tested here, next to its first user.
#include "base/log.h"

#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace smdp {
namespace {

class LogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    log::set_sink([this](std::string_view line) { lines_.emplace_back(line); });
  }
  void TearDown() override {
    log::set_sink({});
    log::set_level(log::Level::info);
  }
  std::vector<std::string> lines_;
};

TEST_F(LogTest, when_info_then_one_json_line_with_ts_level_event_and_fields) {
  log::info("es9.request", {{"function", "initiateAuthentication"}, {"transactionId", "0A1B"}});
  ASSERT_EQ(lines_.size(), 1U);
  EXPECT_EQ(lines_[0].find('\n'), std::string::npos);
  const auto j = nlohmann::ordered_json::parse(lines_[0]);
  EXPECT_EQ(j["level"], "info");
  EXPECT_EQ(j["event"], "es9.request");
  EXPECT_EQ(j["function"], "initiateAuthentication");
  EXPECT_EQ(j["transactionId"], "0A1B");
  EXPECT_EQ(j.begin().key(), "ts");  // field order: ts, level, event, fields
  const std::string ts = j["ts"];
  EXPECT_EQ(ts.size(), 24U) << ts;  // 2026-11-26T09:06:19.123Z
  EXPECT_EQ(ts.back(), 'Z');
  EXPECT_EQ(ts[19], '.');
}

TEST_F(LogTest, when_values_have_special_characters_then_they_are_escaped) {
  const std::string nasty = std::string("q\"b\\n\nt\tc\x01 e\xC3\xA9 bad\xFF end") + '\0' + "z";
  log::warn("ev\"il", {{"k\n", nasty}});
  ASSERT_EQ(lines_.size(), 1U);
  EXPECT_EQ(lines_[0].find('\n'), std::string::npos);
  const auto j = nlohmann::json::parse(lines_[0]);  // throws if not valid JSON
  EXPECT_EQ(j["event"], "ev\"il");
  EXPECT_EQ(j["k\n"], std::string("q\"b\\n\nt\tc\x01 e\xC3\xA9 bad\xEF\xBF\xBD end") + '\0' + "z");
}

TEST_F(LogTest, when_below_minimum_level_then_dropped) {
  log::debug("hidden");
  log::set_level(log::Level::error);
  log::warn("hidden too");
  log::error("shown");
  log::set_level(log::Level::debug);
  log::debug("shown too");
  ASSERT_EQ(lines_.size(), 2U);
  EXPECT_EQ(nlohmann::json::parse(lines_[0])["event"], "shown");
  EXPECT_EQ(nlohmann::json::parse(lines_[1])["level"], "debug");
}

TEST(LogFormat, when_time_is_given_then_rfc3339_utc_milliseconds) {
  using namespace std::chrono;
  const auto t = sys_days{2026y / 11 / 26} + 9h + 6min + 19s + 7ms;
  EXPECT_EQ(log::format_line(log::Level::error, t, "e", {}),
            R"({"ts":"2026-11-26T09:06:19.007Z","level":"error","event":"e"})");
}

}  // namespace
}  // namespace smdp
