// SPDX-License-Identifier: Apache-2.0
// The binding-neutral outbox event encoding (core/outbox_event.h): round trips, and
// every body that is not exactly what the encoder writes is refused.
#include "core/outbox_event.h"

#include <gtest/gtest.h>

namespace smdp::core {
namespace {

OutboxEvent failed_installation() {
  OutboxEvent e;
  e.kind = OutboxEventKind::download_progress;
  e.timestamp = "2026-12-07T10:00:00Z";
  e.iccid = "8949990000000000001F";
  e.profile_type = "gtp & more=1%";
  e.eid = "89049032123451234512345678901235";
  e.notification_point = 4;
  e.subject = "8.1";
  e.reason = "4.2";
  e.message = "installation failed: é\n";
  e.result_data = {0xBF, 0x37, 0x00};
  return e;
}

TEST(OutboxEvent, when_progress_event_encoded_then_decodes_to_the_same) {
  const OutboxEvent e = failed_installation();
  const std::string body = encode_outbox_event(e);
  EXPECT_TRUE(body.starts_with("v=1&kind=downloadProgress&"));
  EXPECT_EQ(body.find(' '), std::string::npos);
  auto back = decode_outbox_event(body);
  ASSERT_TRUE(back) << back.error().message();
  EXPECT_EQ(*back, e);
  EXPECT_FALSE(is_legacy_json_body(body));
}

TEST(OutboxEvent, when_es12_events_encoded_then_decode_to_the_same) {
  for (const auto kind : {OutboxEventKind::register_event, OutboxEventKind::delete_event}) {
    OutboxEvent e;
    e.kind = kind;
    e.timestamp = "2026-12-07T10:00:00Z";
    e.eid = "89049032123451234512345678901235";
    e.event_id = "MATCH-1";
    if (kind == OutboxEventKind::register_event) e.rsp_server_address = "smdp.example.com";
    auto back = decode_outbox_event(encode_outbox_event(e));
    ASSERT_TRUE(back) << back.error().message();
    EXPECT_EQ(*back, e);
  }
}

TEST(OutboxEvent, when_body_is_not_canonical_then_refused) {
  const std::string good = encode_outbox_event(failed_installation());
  const std::vector<std::string> bad{
      "",
      "v=2" + good.substr(3),
      good + "&extra=1",
      good + "&v=1",
      good.substr(0, good.find("&timestamp")),  // fields missing
      "v=1&kind=unknown&timestamp=x",
      good.substr(0, good.size() - 1) + "%",  // truncated escape
      good.substr(0, good.find("&point=")) + "&point=+4" + good.substr(good.find("&subject=")),
  };
  for (const std::string& body : bad) EXPECT_FALSE(decode_outbox_event(body)) << body;
  // Lower-case escapes decode, but are not what the encoder writes.
  std::string lower = good;
  const auto pos = lower.find("%26");
  ASSERT_NE(pos, std::string::npos);
  lower.replace(pos, 3, "%2b");
  EXPECT_FALSE(decode_outbox_event(lower));
}

TEST(OutboxEvent, when_body_is_json_then_legacy) {
  EXPECT_TRUE(is_legacy_json_body(R"({"iccid":"8949990000000000001F"})"));
  EXPECT_FALSE(decode_outbox_event(R"({"iccid":"8949990000000000001F"})"));
}

}  // namespace
}  // namespace smdp::core
