// SPDX-License-Identifier: Apache-2.0
#include "bus/poller.h"

#include <utility>

namespace smdp::bus {

void Poller::start(std::chrono::milliseconds interval, std::function<int()> pass) {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this, interval, pass = std::move(pass)] {
    std::unique_lock guard(mutex_);
    while (!stopping_) {
      guard.unlock();
      const int done = pass();
      guard.lock();
      if (done == 0) wake_.wait_for(guard, interval, [this] { return stopping_; });
    }
  });
}

void Poller::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace smdp::bus
