// SPDX-License-Identifier: Apache-2.0
#include "http/metrics.h"

#include <charconv>
#include <cmath>
#include <stdexcept>
#include <type_traits>

namespace smdp::http {
namespace {

bool valid_name(std::string_view n, bool allow_colon) {
  if (n.empty()) return false;
  for (std::size_t i = 0; i < n.size(); ++i) {
    const char c = n[i];
    const bool alpha =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (allow_colon && c == ':');
    const bool digit = c >= '0' && c <= '9';
    if (!alpha && !(digit && i > 0)) return false;
  }
  return true;
}

}  // namespace

std::string escape_label_value(std::string_view v) {
  std::string out;
  out.reserve(v.size());
  for (const char c : v) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string escape_help(std::string_view v) {
  std::string out;
  out.reserve(v.size());
  for (const char c : v) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string format_value(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return {buf, r.ptr};
}

Family::Family(std::string name, std::string help, std::vector<std::string> label_names)
    : name_(std::move(name)), help_(std::move(help)), label_names_(std::move(label_names)) {
  if (!valid_name(name_, true)) throw std::invalid_argument("metrics: bad metric name " + name_);
  for (const auto& l : label_names_) {
    if (!valid_name(l, false) || l.starts_with("__") || l == "le") {
      throw std::invalid_argument("metrics: bad label name " + l + " in " + name_);
    }
  }
}

void Family::check_arity(const LabelValues& values) const {
  if (values.size() != label_names_.size()) {
    throw std::invalid_argument("metrics: " + name_ + " takes " +
                                std::to_string(label_names_.size()) + " label values");
  }
}

void Family::append_series_name(std::string& out, std::string_view suffix,
                                const LabelValues& values, std::string_view extra_label,
                                std::string_view extra_value) const {
  out += name_;
  out += suffix;
  if (label_names_.empty() && extra_label.empty()) return;
  out += '{';
  bool first = true;
  for (std::size_t i = 0; i < label_names_.size(); ++i) {
    if (!first) out += ',';
    first = false;
    out += label_names_[i];
    out += "=\"";
    out += escape_label_value(values[i]);
    out += '"';
  }
  if (!extra_label.empty()) {
    if (!first) out += ',';
    out += extra_label;
    out += "=\"";
    out += escape_label_value(extra_value);
    out += '"';
  }
  out += '}';
}

void Family::render(std::string& out) const {
  out += "# HELP ";
  out += name_;
  out += ' ';
  out += escape_help(help_);
  out += "\n# TYPE ";
  out += name_;
  out += ' ';
  out += type();
  out += '\n';
  const std::scoped_lock lock(mutex_);
  render_series(out);
}

void Counter::inc(const LabelValues& values, double by) {
  check_arity(values);
  if (!(by >= 0)) return;  // also rejects NaN
  const std::scoped_lock lock(mutex_);
  series_[values] += by;
}

double Counter::value(const LabelValues& values) const {
  const std::scoped_lock lock(mutex_);
  const auto it = series_.find(values);
  return it == series_.end() ? 0 : it->second;
}

void Counter::render_series(std::string& out) const {
  for (const auto& [labels, v] : series_) {
    append_series_name(out, "", labels);
    out += ' ';
    out += format_value(v);
    out += '\n';
  }
}

void Gauge::set(const LabelValues& values, double v) {
  check_arity(values);
  const std::scoped_lock lock(mutex_);
  series_[values] = v;
}

void Gauge::add(const LabelValues& values, double by) {
  check_arity(values);
  const std::scoped_lock lock(mutex_);
  series_[values] += by;
}

double Gauge::value(const LabelValues& values) const {
  const std::scoped_lock lock(mutex_);
  const auto it = series_.find(values);
  return it == series_.end() ? 0 : it->second;
}

void Gauge::render_series(std::string& out) const {
  for (const auto& [labels, v] : series_) {
    append_series_name(out, "", labels);
    out += ' ';
    out += format_value(v);
    out += '\n';
  }
}

Histogram::Histogram(std::string name, std::string help, std::vector<std::string> label_names,
                     std::vector<double> bounds)
    : Family(std::move(name), std::move(help), std::move(label_names)), bounds_(std::move(bounds)) {
  for (std::size_t i = 0; i < bounds_.size(); ++i) {
    if (!std::isfinite(bounds_[i]) || (i > 0 && bounds_[i] <= bounds_[i - 1])) {
      throw std::invalid_argument("metrics: histogram bounds must be finite and increasing");
    }
  }
}

void Histogram::observe(const LabelValues& values, double v) {
  check_arity(values);
  if (std::isnan(v)) return;
  std::size_t bucket = 0;
  while (bucket < bounds_.size() && v > bounds_[bucket]) ++bucket;  // le: v <= bound
  const std::scoped_lock lock(mutex_);
  Series& s = series_[values];
  if (s.counts.empty()) s.counts.assign(bounds_.size() + 1, 0);
  ++s.counts[bucket];
  s.sum += v;
  ++s.count;
}

void Histogram::render_series(std::string& out) const {
  for (const auto& [labels, s] : series_) {
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i <= bounds_.size(); ++i) {
      cumulative += s.counts[i];
      append_series_name(out, "_bucket", labels, "le",
                         i < bounds_.size() ? format_value(bounds_[i]) : "+Inf");
      out += ' ';
      out += std::to_string(cumulative);
      out += '\n';
    }
    append_series_name(out, "_sum", labels);
    out += ' ';
    out += format_value(s.sum);
    out += '\n';
    append_series_name(out, "_count", labels);
    out += ' ';
    out += std::to_string(s.count);
    out += '\n';
  }
}

template <class F, class... Extra>
F& Registry::add(std::string name, std::string help, std::vector<std::string> label_names,
                 Extra&&... extra) {
  const std::scoped_lock lock(mutex_);
  for (const auto& f : families_) {
    if (f->name() != name) continue;
    auto* same = dynamic_cast<F*>(f.get());
    if (same == nullptr || same->label_names() != label_names) {
      throw std::invalid_argument("metrics: " + name + " already registered differently");
    }
    if constexpr (std::is_same_v<F, Histogram>) {
      if (((same->bounds() != extra) || ...)) {
        throw std::invalid_argument("metrics: " + name + " already registered differently");
      }
    }
    return *same;
  }
  auto f = std::make_unique<F>(std::move(name), std::move(help), std::move(label_names),
                               std::forward<Extra>(extra)...);
  F& ref = *f;
  families_.push_back(std::move(f));
  return ref;
}

Counter& Registry::counter(std::string name, std::string help,
                           std::vector<std::string> label_names) {
  return add<Counter>(std::move(name), std::move(help), std::move(label_names));
}

Gauge& Registry::gauge(std::string name, std::string help, std::vector<std::string> label_names) {
  return add<Gauge>(std::move(name), std::move(help), std::move(label_names));
}

Histogram& Registry::histogram(std::string name, std::string help,
                               std::vector<std::string> label_names, std::vector<double> bounds) {
  return add<Histogram>(std::move(name), std::move(help), std::move(label_names),
                        std::move(bounds));
}

void Registry::add_collector(std::function<void()> collect) {
  const std::scoped_lock lock(mutex_);
  collectors_.push_back(std::move(collect));
}

std::string Registry::render() const {
  std::vector<std::function<void()>> collectors;
  {
    const std::scoped_lock lock(mutex_);
    collectors = collectors_;
  }
  for (const auto& collect : collectors) collect();
  std::string out;
  const std::scoped_lock lock(mutex_);
  for (const auto& f : families_) f->render(out);
  return out;
}

}  // namespace smdp::http
