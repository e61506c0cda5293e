// SPDX-License-Identifier: Apache-2.0
#include "bus/nats.h"

#include <nats/nats.h>

#include <array>
#include <mutex>
#include <utility>

namespace smdp::bus {
namespace {

std::string errc_name(BusErrc e) {
  switch (e) {
    case BusErrc::unavailable:
      return "message bus unavailable";
  }
  return "message bus error";
}

constexpr std::int64_t kNanosPerSecond = 1'000'000'000;
constexpr std::int64_t kEventsKeptSeconds = std::int64_t{7} * 24 * 3600;

std::unexpected<Error> nats_error(std::string_view operation, natsStatus s, jsErrCode js = {}) {
  std::string context = std::string(operation) + ": " + natsStatus_GetText(s);
  if (js != 0) context += " (JetStream error " + std::to_string(static_cast<int>(js)) + ")";
  return fail(BusErrc::unavailable, std::move(context));
}

void on_connected(natsConnection* /*nc*/, void* /*closure*/) {}

// One stream, created unless it exists (its configuration is then left as it is).
Result<void> ensure_stream(jsCtx* js, const char* name, const char* subject,
                           jsRetentionPolicy retention, std::int64_t max_age_s,
                           std::int64_t duplicates_s) {
  jsStreamInfo* info = nullptr;
  jsErrCode jerr{};
  natsStatus s = js_GetStreamInfo(&info, js, name, nullptr, &jerr);
  if (s == NATS_OK) {
    jsStreamInfo_Destroy(info);
    return {};
  }
  if (s != NATS_NOT_FOUND) return nats_error("stream info", s, jerr);
  jsStreamConfig cfg;
  jsStreamConfig_Init(&cfg);
  std::array<const char*, 1> subjects{subject};
  cfg.Name = name;
  cfg.Subjects = subjects.data();
  cfg.SubjectsLen = 1;
  cfg.Retention = retention;
  cfg.Storage = js_FileStorage;
  cfg.MaxAge = max_age_s * kNanosPerSecond;
  cfg.Duplicates = duplicates_s * kNanosPerSecond;
  s = js_AddStream(&info, js, &cfg, nullptr, &jerr);
  if (s == NATS_OK) jsStreamInfo_Destroy(info);
  // Another role may have created it meanwhile (JSStreamNameExistErr).
  if (s != NATS_OK && jerr != JSStreamNameExistErr) return nats_error("add stream", s, jerr);
  return {};
}

}  // namespace

SMDP_DEFINE_ERROR_CATEGORY(BusErrc, "smdp.bus", errc_name)

std::string redacted_bus_url(std::string_view url) {
  std::string out(url);
  for (std::size_t from = 0;;) {
    const auto scheme = out.find("://", from);
    if (scheme == std::string::npos) return out;
    const auto start = scheme + 3;
    const auto end = out.find_first_of(",/", start);
    const auto at = out.find('@', start);
    if (at != std::string::npos && (end == std::string::npos || at < end))
      out.replace(start, at - start, "***");
    from = start;
  }
}

Fetched::Fetched(Fetched&& other) noexcept : message_(std::exchange(other.message_, nullptr)) {}

Fetched::~Fetched() {
  if (message_ != nullptr) natsMsg_Destroy(static_cast<natsMsg*>(message_));
}

std::string_view Fetched::subject() const {
  return natsMsg_GetSubject(static_cast<natsMsg*>(message_));
}

std::string_view Fetched::data() const {
  auto* m = static_cast<natsMsg*>(message_);
  return {natsMsg_GetData(m), static_cast<std::size_t>(natsMsg_GetDataLength(m))};
}

void Fetched::ack() { (void)natsMsg_Ack(static_cast<natsMsg*>(message_), nullptr); }

void Fetched::nak(std::chrono::milliseconds delay) {
  (void)natsMsg_NakWithDelay(static_cast<natsMsg*>(message_), delay.count(), nullptr);
}

struct JetStream::Impl {
  NatsConfig config;
  natsConnection* connection = nullptr;
  jsCtx* js = nullptr;
  std::mutex mutex;  // guards ready and subscription
  bool ready = false;
  natsSubscription* subscription = nullptr;

  ~Impl() {
    if (subscription != nullptr) natsSubscription_Destroy(subscription);
    if (js != nullptr) jsCtx_Destroy(js);
    if (connection != nullptr) {
      natsConnection_Close(connection);
      natsConnection_Destroy(connection);
    }
  }

  Result<void> ensure_locked() {
    if (ready) return {};
    if (auto r =
            ensure_stream(js, kOutboxStream.data(), "smdp.outbox.>", js_WorkQueuePolicy, 0, 60);
        !r)
      return r;
    if (auto r = ensure_stream(js, kEventStream.data(), "smdp.event.>", js_LimitsPolicy,
                               kEventsKeptSeconds, 120);
        !r)
      return r;
    ready = true;
    return {};
  }
};

JetStream::JetStream(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
JetStream::~JetStream() = default;

Result<std::unique_ptr<JetStream>> JetStream::connect(const NatsConfig& config) {
  auto impl = std::make_unique<Impl>();
  impl->config = config;
  natsOptions* opts = nullptr;
  if (natsStatus s = natsOptions_Create(&opts); s != NATS_OK) return nats_error("options", s);
  const std::unique_ptr<natsOptions, decltype(&natsOptions_Destroy)> guard(opts,
                                                                           natsOptions_Destroy);
  natsStatus s = natsOptions_SetURL(opts, config.url.c_str());
  if (s == NATS_OK) s = natsOptions_SetName(opts, config.name.c_str());
  if (s == NATS_OK) s = natsOptions_SetTimeout(opts, config.timeout.count());
  if (s == NATS_OK) s = natsOptions_SetMaxReconnect(opts, -1);
  if (s == NATS_OK) s = natsOptions_SetReconnectWait(opts, 250);
  if (s == NATS_OK) s = natsOptions_SetRetryOnFailedConnect(opts, true, on_connected, nullptr);
  if (s != NATS_OK) return nats_error("options " + redacted_bus_url(config.url), s);
  s = natsConnection_Connect(&impl->connection, opts);
  if (s != NATS_OK && s != NATS_NOT_YET_CONNECTED)
    return nats_error("connect " + redacted_bus_url(config.url), s);
  jsOptions jo;
  jsOptions_Init(&jo);
  jo.Wait = config.timeout.count();
  if (s = natsConnection_JetStream(&impl->js, impl->connection, &jo); s != NATS_OK)
    return nats_error("jetstream", s);
  return std::unique_ptr<JetStream>(new JetStream(std::move(impl)));
}

bool JetStream::connected() const {
  return natsConnection_Status(impl_->connection) == NATS_CONN_STATUS_CONNECTED;
}

Result<void> JetStream::ensure_streams() {
  std::lock_guard lock(impl_->mutex);
  return impl_->ensure_locked();
}

Result<void> JetStream::publish(const std::string& subject, std::string_view data,
                                const std::string& message_id) {
  if (!connected()) return fail(BusErrc::unavailable, "publish: not connected");
  if (auto r = ensure_streams(); !r) return r;
  jsPubOptions po;
  jsPubOptions_Init(&po);
  po.MsgId = message_id.c_str();
  po.MaxWait = impl_->config.timeout.count();
  jsPubAck* ack = nullptr;
  jsErrCode jerr{};
  const natsStatus s = js_Publish(&ack, impl_->js, subject.c_str(), data.data(),
                                  static_cast<int>(data.size()), &po, &jerr);
  jsPubAck_Destroy(ack);
  if (s != NATS_OK) {
    // The stream may be gone (a server started afresh): create it again next time.
    std::lock_guard lock(impl_->mutex);
    impl_->ready = false;
    return nats_error("publish " + subject, s, jerr);
  }
  return {};
}

Result<std::vector<Fetched>> JetStream::fetch(int batch, std::chrono::milliseconds wait) {
  std::vector<Fetched> out;
  natsSubscription* sub = nullptr;
  {
    std::lock_guard lock(impl_->mutex);
    if (impl_->subscription == nullptr) {
      if (!connected()) return out;
      if (auto r = impl_->ensure_locked(); !r) return std::unexpected(r.error());
      jsSubOptions so;
      jsSubOptions_Init(&so);
      so.Stream = kOutboxStream.data();
      so.Config.AckPolicy = js_AckExplicit;
      so.Config.AckWait =
          static_cast<std::int64_t>(impl_->config.ack_wait.count()) * kNanosPerSecond;
      so.Config.MaxDeliver = -1;
      jsErrCode jerr{};
      const natsStatus s = js_PullSubscribe(&impl_->subscription, impl_->js, "smdp.outbox.>",
                                            kDispatchersConsumer.data(), nullptr, &so, &jerr);
      if (s != NATS_OK) {
        impl_->subscription = nullptr;
        return nats_error("subscribe", s, jerr);
      }
    }
    sub = impl_->subscription;
  }
  natsMsgList list{};
  jsErrCode jerr{};
  const natsStatus s = natsSubscription_Fetch(&list, sub, batch, wait.count(), &jerr);
  if (s == NATS_TIMEOUT) return out;
  if (s != NATS_OK) {
    natsMsgList_Destroy(&list);
    if (s == NATS_CONNECTION_CLOSED || s == NATS_INVALID_SUBSCRIPTION) {
      std::lock_guard lock(impl_->mutex);
      natsSubscription_Destroy(impl_->subscription);
      impl_->subscription = nullptr;
      impl_->ready = false;
    }
    return nats_error("fetch", s, jerr);
  }
  out.reserve(static_cast<std::size_t>(list.Count));
  for (int i = 0; i < list.Count; ++i) {
    out.emplace_back(list.Msgs[i]);
    list.Msgs[i] = nullptr;  // ours now
  }
  natsMsgList_Destroy(&list);
  return out;
}

}  // namespace smdp::bus
