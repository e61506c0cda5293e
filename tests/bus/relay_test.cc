// SPDX-License-Identifier: Apache-2.0
// The relay's lease (bus/relay.h): one relay publishes at a time; a standby publishes
// nothing while the working relay's lease runs, and takes over once it has run out (the
// working relay crashed or hangs); the old relay, back, stands by. Two Relay objects on
// one SQLite file and a real nats-server, with a manual clock for the lease.
#include "bus/relay.h"

#include "bus_fixture.h"

namespace smdp::bus {
namespace {

using namespace std::chrono_literals;

class RelayTest : public testing::BusStoreTest {
 protected:
  Relay relay(const std::string& holder) {
    return Relay({.holder = holder, .relay_lease = 15s}, *bus_, *store_, *store_, *store_, clock_,
                 nullptr);
  }
};

TEST_F(RelayTest, when_the_working_relay_falls_silent_then_the_standby_takes_over_after_its_lease) {
  Relay a = relay("host-a:1");
  Relay b = relay("host-b:2");
  append("8949990000000000001");
  EXPECT_EQ(a.run_once(), 1);

  append("8949990000000000002");
  EXPECT_EQ(b.run_once(), 0);  // a's lease runs
  clock_.advance(14s);
  EXPECT_EQ(b.run_once(), 0);

  // a said nothing for 16 s: its lease (15 s) has run out.
  clock_.advance(2s);
  EXPECT_EQ(b.run_once(), 1);
  append("8949990000000000003");
  EXPECT_EQ(a.run_once(), 0);  // back, a stands by: b holds the lease now
  EXPECT_EQ(b.run_once(), 1);
}

TEST_F(RelayTest, when_the_working_relay_keeps_passing_then_it_keeps_the_role) {
  Relay a = relay("host-a:1");
  Relay b = relay("host-b:2");
  EXPECT_EQ(a.run_once(), 0);  // takes the role
  for (int i = 0; i < 6; ++i) {
    clock_.advance(5s);
    append("894999000000000001" + std::to_string(i));
    EXPECT_EQ(b.run_once(), 0) << i;
    EXPECT_EQ(a.run_once(), 1) << i;  // renewed every 7.5 s, half the lease
  }
}

}  // namespace
}  // namespace smdp::bus
