// SPDX-License-Identifier: Apache-2.0
// The background thread of the bus's roles (the polling dispatcher, the relay, the bus
// dispatcher): runs a pass every `interval`, and at once again while a pass reports that
// it did something (returns > 0), so that a backlog drains without waiting.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace smdp::bus {

class Poller {
 public:
  Poller() = default;
  ~Poller() { stop(); }
  Poller(const Poller&) = delete;
  Poller& operator=(const Poller&) = delete;

  // Starts the thread; a no-op while it runs. `pass` is never run concurrently with
  // itself.
  void start(std::chrono::milliseconds interval, std::function<int()> pass);
  // Waits for the pass in progress and ends the thread. Idempotent.
  void stop();

 private:
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace smdp::bus
