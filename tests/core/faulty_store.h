// SPDX-License-Identifier: Apache-2.0
// A core::Store (core/store.h) that forwards every call to a real store and fails the
// calls a test chose, by method name and by count, with StoreErrc::conflict (a lost
// compare-and-swap) or StoreErrc::unavailable (an I/O or database fault). A failed call
// is not forwarded: like a rolled-back transaction, it writes nothing. Thread-safe.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <utility>

#include "core/store.h"

namespace smdp::core::testing {

class FaultyStore final : public Store {
 public:
  explicit FaultyStore(Store& real) : real_(real) {}

  // The `nth` call (1 = the next one) of `method` ("update", "get_session", ...) from
  // now on fails with `errc`; the other calls are forwarded.
  void fail(const std::string& method, StoreErrc errc, int nth = 1) {
    std::lock_guard lock(mutex_);
    faults_[method] = Fault{errc, calls_[method] + nth};
  }
  // Forwards every call again.
  void heal() {
    std::lock_guard lock(mutex_);
    faults_.clear();
  }
  // Calls of `method` so far (failed ones included).
  int calls(const std::string& method) const {
    std::lock_guard lock(mutex_);
    auto it = calls_.find(method);
    return it == calls_.end() ? 0 : it->second;
  }
  // Injected failures so far.
  int failures() const {
    std::lock_guard lock(mutex_);
    return failures_;
  }

  using Store::record_notification;
  using Store::update;

  Result<void> add_profile(ProfileRecord& profile) override {
    return call("add_profile", [&] { return real_.add_profile(profile); });
  }
  Result<std::optional<ProfileRecord>> get_profile(std::string_view iccid) override {
    return call("get_profile", [&] { return real_.get_profile(iccid); });
  }
  Result<std::optional<ProfileRecord>> find_profile_by_matching_id(
      std::string_view matching_id) override {
    return call("find_profile_by_matching_id",
                [&] { return real_.find_profile_by_matching_id(matching_id); });
  }
  Result<std::vector<ProfileRecord>> find_profiles_for_eid(std::string_view eid,
                                                           ProfileState state) override {
    return call("find_profiles_for_eid", [&] { return real_.find_profiles_for_eid(eid, state); });
  }
  Result<std::vector<ProfileRecord>> list_profiles() override {
    return call("list_profiles", [&] { return real_.list_profiles(); });
  }
  Result<void> create_session(RspSession& session) override {
    return call("create_session", [&] { return real_.create_session(session); });
  }
  Result<std::optional<RspSession>> get_session(ByteView transaction_id) override {
    return call("get_session", [&] { return real_.get_session(transaction_id); });
  }
  Result<void> update(RspSession* session, ProfileRecord* profile,
                      std::span<OutboxMessage> outbox) override {
    return call("update", [&] { return real_.update(session, profile, outbox); });
  }
  Result<bool> record_notification(const NotificationRecord& notification, ProfileRecord* profile,
                                   std::span<OutboxMessage> outbox) override {
    return call("record_notification",
                [&] { return real_.record_notification(notification, profile, outbox); });
  }
  Result<int> purge_sessions(TimePoint before) override {
    return call("purge_sessions", [&] { return real_.purge_sessions(before); });
  }
  Result<int> purge_retained(TimePoint now) override {
    return call("purge_retained", [&] { return real_.purge_retained(now); });
  }
  Result<std::optional<TimePoint>> count_unknown_matching_id(std::string_view eid, TimePoint now,
                                                             const GuessLimit& limit) override {
    return call("count_unknown_matching_id",
                [&] { return real_.count_unknown_matching_id(eid, now, limit); });
  }
  Result<std::optional<TimePoint>> matching_id_blocked_until(std::string_view eid) override {
    return call("matching_id_blocked_until", [&] { return real_.matching_id_blocked_until(eid); });
  }
  Result<bool> acquire_lease(std::string_view name, std::string_view holder, TimePoint now,
                             std::chrono::seconds duration) override {
    return call("acquire_lease", [&] { return real_.acquire_lease(name, holder, now, duration); });
  }

 private:
  struct Fault {
    StoreErrc errc;
    int at_call;  // calls_[method] value of the failing call
  };

  template <class Forward>
  auto call(const std::string& method, Forward&& forward) -> decltype(forward()) {
    {
      std::lock_guard lock(mutex_);
      const int n = ++calls_[method];
      auto it = faults_.find(method);
      if (it != faults_.end() && it->second.at_call == n) {
        const StoreErrc errc = it->second.errc;
        faults_.erase(it);
        ++failures_;
        return ::smdp::fail(errc, "injected fault in " + method);
      }
    }
    return forward();
  }

  Store& real_;
  mutable std::mutex mutex_;
  std::map<std::string, int, std::less<>> calls_;
  std::map<std::string, Fault, std::less<>> faults_;
  int failures_ = 0;
};

}  // namespace smdp::core::testing
