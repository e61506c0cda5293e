// SPDX-License-Identifier: Apache-2.0
// The bus URL as logs show it (bus/nats.h): credentials never appear.
#include <gtest/gtest.h>

#include "bus/nats.h"

namespace smdp::bus {
namespace {

TEST(RedactedBusUrl, when_the_url_has_credentials_then_they_are_replaced) {
  EXPECT_EQ(redacted_bus_url("nats://smdp:s3cret@nats1:4222"), "nats://***@nats1:4222");
  EXPECT_EQ(redacted_bus_url("nats://t0ken@nats1:4222"), "nats://***@nats1:4222");
}

TEST(RedactedBusUrl, when_several_servers_are_listed_then_each_is_redacted) {
  EXPECT_EQ(redacted_bus_url("nats://a:pw@n1:4222,nats://b:pw@n2:4222"),
            "nats://***@n1:4222,nats://***@n2:4222");
}

TEST(RedactedBusUrl, when_the_url_has_no_credentials_then_it_is_unchanged) {
  EXPECT_EQ(redacted_bus_url("nats://127.0.0.1:4222"), "nats://127.0.0.1:4222");
  EXPECT_EQ(redacted_bus_url("nats://n1:4222/path@x"), "nats://n1:4222/path@x");
}

}  // namespace
}  // namespace smdp::bus
