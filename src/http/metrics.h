// SPDX-License-Identifier: Apache-2.0
// A small thread-safe metrics registry rendered in the Prometheus text exposition
// format 0.0.4 (served on the admin port's /metrics). Operational telemetry of the
// SM-DP+ server; label values must never carry secrets or per-device identifiers
// (EID, ICCID, transactionId): they create one series each and leak into dashboards.
//
// Usage:
//   Registry reg;
//   Counter& req = reg.counter("smdp_es9_requests_total", "ES9+ requests.", {"function"});
//   req.inc({"initiateAuthentication"});
//   Histogram& lat = reg.histogram("smdp_es9_seconds", "Latency.", {"function"});
//   lat.observe({"initiateAuthentication"}, 0.012);
//
// Contracts: families are registered once at start-up; registering an existing name
// again with the same type and label names returns the existing family, anything else
// (bad name, same name with another type or labels) throws std::invalid_argument, as
// does recording with the wrong number of label values. These are programming errors,
// not input errors. Recording and render() are safe from any thread; references
// returned by the registry stay valid for its lifetime.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace smdp::http {

using LabelValues = std::vector<std::string>;

// Default histogram buckets in seconds: 1 ms .. 10 s. An array, so that it is constant
// initialised (a static std::vector would allocate before main()).
inline constexpr std::array<double, 13> kDefaultSecondsBuckets = {
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

class Family {
 public:
  Family(std::string name, std::string help, std::vector<std::string> label_names);
  virtual ~Family() = default;
  Family(const Family&) = delete;
  Family& operator=(const Family&) = delete;

  const std::string& name() const { return name_; }
  const std::vector<std::string>& label_names() const { return label_names_; }
  virtual std::string_view type() const = 0;
  // Appends the HELP and TYPE lines and every series.
  void render(std::string& out) const;

 protected:
  void check_arity(const LabelValues& values) const;
  // Appends `name{labels,extra}` (or without braces if there are no labels at all).
  void append_series_name(std::string& out, std::string_view suffix, const LabelValues& values,
                          std::string_view extra_label = {},
                          std::string_view extra_value = {}) const;
  virtual void render_series(std::string& out) const = 0;

  mutable std::mutex mutex_;

 private:
  std::string name_;
  std::string help_;
  std::vector<std::string> label_names_;
};

// Monotonic counter per label set. inc() by a negative or NaN amount is ignored.
class Counter final : public Family {
 public:
  using Family::Family;
  std::string_view type() const override { return "counter"; }
  void inc(const LabelValues& values = {}, double by = 1);
  double value(const LabelValues& values = {}) const;

 private:
  void render_series(std::string& out) const override;
  std::map<LabelValues, double> series_;
};

// A value that goes up and down per label set.
class Gauge final : public Family {
 public:
  using Family::Family;
  std::string_view type() const override { return "gauge"; }
  void set(const LabelValues& values, double v);
  void add(const LabelValues& values, double by);
  void inc(const LabelValues& values = {}) { add(values, 1); }
  void dec(const LabelValues& values = {}) { add(values, -1); }
  double value(const LabelValues& values = {}) const;

 private:
  void render_series(std::string& out) const override;
  std::map<LabelValues, double> series_;
};

// Histogram with fixed upper bounds (strictly increasing, finite; +Inf is implied).
// Rendered cumulatively as _bucket{le=...}, _sum and _count.
class Histogram final : public Family {
 public:
  Histogram(std::string name, std::string help, std::vector<std::string> label_names,
            std::vector<double> bounds);
  std::string_view type() const override { return "histogram"; }
  void observe(const LabelValues& values, double v);
  const std::vector<double>& bounds() const { return bounds_; }

 private:
  struct Series {
    std::vector<std::uint64_t> counts;  // per bucket, not cumulative; last = +Inf
    double sum = 0;
    std::uint64_t count = 0;
  };
  void render_series(std::string& out) const override;
  std::vector<double> bounds_;
  std::map<LabelValues, Series> series_;
};

class Registry {
 public:
  Counter& counter(std::string name, std::string help, std::vector<std::string> label_names = {});
  Gauge& gauge(std::string name, std::string help, std::vector<std::string> label_names = {});
  Histogram& histogram(std::string name, std::string help,
                       std::vector<std::string> label_names = {},
                       std::vector<double> bounds = {kDefaultSecondsBuckets.begin(),
                                                     kDefaultSecondsBuckets.end()});

  // All families in registration order, text format 0.0.4. Runs the collectors first.
  std::string render() const;

  // `collect` runs at the start of every render(), outside the registry's lock, so it
  // may record into families of this registry (values read at scrape time, such as the
  // process's CPU time). Register at start-up; must be thread-safe.
  void add_collector(std::function<void()> collect);

 private:
  template <class F, class... Extra>
  F& add(std::string name, std::string help, std::vector<std::string> label_names,
         Extra&&... extra);

  mutable std::mutex mutex_;
  std::vector<std::unique_ptr<Family>> families_;
  std::vector<std::function<void()>> collectors_;
};

// Escaping used by render(): label values escape '\', '"' and newline; HELP text
// escapes '\' and newline.
std::string escape_label_value(std::string_view v);
std::string escape_help(std::string_view v);
// Prometheus float: shortest round-trip form, "+Inf", "-Inf", "NaN".
std::string format_value(double v);

}  // namespace smdp::http
