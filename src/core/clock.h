// SPDX-License-Identifier: Apache-2.0
// The injected clock (STYLE.md practice 4): every expiry and validity decision asks a
// Clock, so tests can freeze or advance time.
#pragma once

#include <atomic>
#include <chrono>

namespace smdp::core {

using TimePoint = std::chrono::sys_seconds;

class Clock {
 public:
  virtual ~Clock() = default;
  // Thread-safe.
  virtual TimePoint now() const = 0;
};

// Wall-clock time, truncated to seconds.
class SystemClock final : public Clock {
 public:
  TimePoint now() const override {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  }
};

// A clock tests set and advance; thread-safe.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimePoint start) : now_(start.time_since_epoch().count()) {}
  TimePoint now() const override { return TimePoint{std::chrono::seconds{now_.load()}}; }
  void set(TimePoint t) { now_ = t.time_since_epoch().count(); }
  void advance(std::chrono::seconds d) { now_ += d.count(); }

 private:
  std::atomic<std::chrono::seconds::rep> now_;
};

}  // namespace smdp::core
