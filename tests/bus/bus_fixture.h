// SPDX-License-Identifier: Apache-2.0
// The bus roles' component tests (label nats): a fresh SQLite file, a real nats-server
// with the streams made (tests/nats_server.h), a manual clock, and outbox rows to move.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "bus/nats.h"
#include "core/clock.h"
#include "nats_server.h"
#include "store/sql_store.h"

namespace smdp::bus::testing {

class BusStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (std::filesystem::temp_directory_path() / "smdp-bus-XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    auto opened = store::SqlStore::open((dir_ / "smdp.db").string());
    ASSERT_TRUE(opened) << opened.error().message();
    store_ = std::move(*opened);
    auto bus = JetStream::connect({.url = nats_.url(),
                                   .timeout = std::chrono::milliseconds{2000},
                                   .ack_wait = std::chrono::seconds{5}});
    ASSERT_TRUE(bus) << bus.error().message();
    bus_ = std::move(*bus);
    ASSERT_TRUE(bus_->ensure_streams());
  }
  void TearDown() override {
    bus_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  // A pending HandleDownloadProgressInfo for `iccid` to operator `destination`, due now.
  void append(const std::string& iccid, const std::string& destination = "mno") {
    core::OutboxMessage m;
    m.interface = "es2";
    m.destination = destination;
    m.function = "handleDownloadProgressInfo";
    m.ordering_key = iccid;
    m.body = "{}";
    m.created_at = m.next_attempt_at = clock_.now();
    std::vector<core::OutboxMessage> one{m};
    ASSERT_TRUE(store_->append_outbox(one));
  }

  smdp::testing::NatsServer nats_;
  std::filesystem::path dir_;
  std::unique_ptr<store::SqlStore> store_;
  std::unique_ptr<JetStream> bus_;
  core::ManualClock clock_{core::TimePoint{std::chrono::seconds{1'700'000'000}}};
};

}  // namespace smdp::bus::testing
