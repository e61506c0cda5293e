// SPDX-License-Identifier: Apache-2.0
#include "load.h"

#include <algorithm>
#include <cmath>
#include <mutex>
#include <thread>

#include "crypto/rng.h"
#include "https_client.h"
#include "lpa.h"

namespace bench {
namespace {

using Clock = std::chrono::steady_clock;

// Times each ES9+ POST of one download into `latency_ms`.
class TimedTransport final : public smdp::lpa::Es9Transport {
 public:
  TimedTransport(smdp::lpa::Es9Transport& inner,
                 std::map<std::string, std::vector<double>>& latency_ms)
      : inner_(inner), latency_ms_(latency_ms) {}

  smdp::Result<smdp::lpa::HttpResponse> post(std::string_view address, std::string_view function,
                                             std::string_view body) override {
    const auto start = Clock::now();
    auto response = inner_.post(address, function, body);
    const std::chrono::duration<double, std::milli> took = Clock::now() - start;
    latency_ms_[std::string(function)].push_back(took.count());
    return response;
  }
  smdp::lpa::Es9Binding binding() const override { return inner_.binding(); }

 private:
  smdp::lpa::Es9Transport& inner_;
  std::map<std::string, std::vector<double>>& latency_ms_;
};

std::string reason(const smdp::lpa::DownloadResult& r) {
  const auto& f = *r.failure;
  std::string codes = f.codes();
  return std::string(smdp::lpa::step_name(f.step)) + ":" +
         (codes.empty() ? f.error.message() : codes);
}

}  // namespace

double quantile(std::vector<double>& v, double q) {
  if (v.empty()) return 0;
  std::ranges::sort(v);
  const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(v.size())));
  return v[std::min(v.size() - 1, rank == 0 ? 0 : rank - 1)];
}

LoadResult run_load(const LoadPlan& plan, const Fleet& fleet,
                    const std::vector<smdp::Bytes>& trusted_cis, std::uint16_t port) {
  const std::vector<std::string>& codes = *plan.codes;
  const std::size_t end =
      plan.count != 0 ? std::min(codes.size(), plan.first + plan.count) : codes.size();
  std::atomic<std::size_t> next{plan.first};
  std::mutex merge;
  LoadResult total;
  const auto start = Clock::now();
  const auto deadline = start + std::chrono::duration_cast<Clock::duration>(
                                    std::chrono::duration<double>(plan.duration_s));

  auto worker = [&] {
    LoadResult mine;
    for (;;) {
      const std::size_t i = next.fetch_add(1);
      if (i >= end) break;
      if (plan.rate > 0) {
        const auto due =
            start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(
                        static_cast<double>(i - plan.first) / plan.rate));
        std::this_thread::sleep_until(due);
      }
      if (plan.duration_s > 0 && Clock::now() >= deadline) break;
      smdp::lpa::HttpsClientConfig config;
      config.trusted_ci_certificates = trusted_cis;
      config.connect_to = "127.0.0.1:" + std::to_string(port);
      config.binding = plan.binding;
      auto client = smdp::lpa::HttpsClient::create(std::move(config));
      if (!client) {
        ++mine.errors["client:" + client.error().message()];
        continue;
      }
      TimedTransport timed(*client, mine.latency_ms);
      smdp::crypto::Rng& rng = smdp::crypto::system_rng();
      smdp::euicc::Card card(fleet.identity(i), rng);
      smdp::lpa::DownloadOptions options;
      options.now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
      const auto result = smdp::lpa::download(card, timed, codes[i], options);
      if (!result.ok())
        ++mine.errors[reason(result)];
      else if (result.notifications_sent != 1)
        ++mine.errors["handleNotification:not acknowledged"];
      else
        ++mine.completed;
    }
    const std::scoped_lock lock(merge);
    total.completed += mine.completed;
    for (auto& [k, n] : mine.errors) total.errors[k] += n;
    for (auto& [k, v] : mine.latency_ms)
      total.latency_ms[k].insert(total.latency_ms[k].end(), v.begin(), v.end());
  };
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < plan.concurrency; ++t) threads.emplace_back(worker);
  for (auto& t : threads) t.join();
  total.elapsed_s = std::chrono::duration<double>(Clock::now() - start).count();
  return total;
}

}  // namespace bench
