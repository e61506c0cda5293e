// SPDX-License-Identifier: Apache-2.0
// The HTTP(S) server of server.h on Boost.Beast. One Session per connection, serialised
// on its own strand; handlers run on a separate worker pool (see server.h "Threads").
#include "http/server.h"

#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <future>
#include <map>
#include <mutex>
#include <thread>
#include <type_traits>

#include "base/log.h"
#include "http/beast.h"
#include "http/metrics.h"
#include "http/proxy_protocol.h"
#include "http/tls_context.h"

namespace smdp::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace ssl = boost::asio::ssl;
using tcp = boost::asio::ip::tcp;
using Clock = std::chrono::steady_clock;

std::string errc_name(Errc e) {
  switch (e) {
    case Errc::invalid_tls_config:
      return "http: invalid TLS configuration";
    case Errc::invalid_address:
      return "http: invalid listen address";
    case Errc::listen_failed:
      return "http: cannot listen";
  }
  return "http: unknown error";
}

constexpr unsigned kIoThreads = 2;
constexpr auto kCloseTimeout = std::chrono::seconds(1);
// At most this much of a refused request is read and discarded before closing.
constexpr std::size_t kDrainLimit = std::size_t{1} << 20;

// RFC 9110 token characters, for header names coming from the handler.
bool is_token(std::string_view s) {
  if (s.empty()) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
  });
}

bool is_safe_value(std::string_view s) {
  return std::none_of(s.begin(), s.end(),
                      [](char c) { return c == '\r' || c == '\n' || c == '\0'; });
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

SMDP_DEFINE_ERROR_CATEGORY(Errc, "http", errc_name)

std::optional<std::string_view> Request::header(std::string_view lower_name) const {
  for (const auto& [name, value] : headers) {
    if (name == lower_name) return std::string_view(value);
  }
  return std::nullopt;
}

class SessionBase {
 public:
  virtual ~SessionBase() = default;
  // Posted by Server::stop(): closes the connection unless a handler is running.
  virtual void shutdown() = 0;
};

struct Server::Impl {
  ServerConfig config;
  Handler handler;
  std::uint16_t port = 0;
  std::string port_label;
  Counter* responses = nullptr;
  Counter* rejected = nullptr;
  std::vector<asio::ip::address> proxy_from;  // config.proxy_protocol_from, parsed

  // Session registry; declared before the io_context so that sessions destroyed while
  // the io_context is torn down can still unregister.
  std::mutex mutex;
  std::condition_variable sessions_changed;
  std::map<std::uint64_t, std::weak_ptr<SessionBase>> sessions;
  std::uint64_t next_id = 0;
  std::atomic<bool> stopping{false};
  bool stopped = false;
  std::mutex stop_mutex;

  std::unique_ptr<detail::TlsContext> tls;  // set iff config.tls; outlives the sessions

  // The I/O machinery, created as one by start() and destroyed as one by stop():
  // destroying the io_context destroys the sessions still queued on it. Members are
  // destroyed in reverse order: acceptor and timer before the io_context, the worker
  // pool (already joined by stop()) last.
  struct Runtime {
    explicit Runtime(unsigned worker_threads)
        : workers(worker_threads),
          ioc(static_cast<int>(kIoThreads)),
          work(ioc.get_executor()),
          accept_retry(ioc),
          acceptor(asio::make_strand(ioc)) {}
    asio::thread_pool workers;
    asio::io_context ioc;
    // Keeps run() going while the only live sessions wait for a worker (no pending I/O).
    asio::executor_work_guard<asio::io_context::executor_type> work;
    asio::steady_timer accept_retry;
    tcp::acceptor acceptor;
  };
  // Non-null from start() until the end of stop(); every use (start(), the accept loop,
  // sessions, stop()) lies within that span.
  std::unique_ptr<Runtime> rt;
  std::vector<std::thread> io_threads;

  // Registers a session; nullopt when the server is stopping.
  std::optional<std::uint64_t> add(const std::shared_ptr<SessionBase>& s) {
    const std::scoped_lock lock(mutex);
    if (stopping.load()) return std::nullopt;
    const std::uint64_t id = next_id++;
    sessions.emplace(id, s);
    return id;
  }
  void remove(std::uint64_t id) {
    {
      const std::scoped_lock lock(mutex);
      sessions.erase(id);
    }
    sessions_changed.notify_all();
  }
  bool full() {
    const std::scoped_lock lock(mutex);
    return sessions.size() >= config.max_connections;
  }
  void count_response(unsigned status) {
    if (responses != nullptr) responses->inc({port_label, std::to_string(status)});
  }

  void do_accept();
  void on_accept(beast::error_code ec, tcp::socket socket);
};

namespace {

// The client's verified chain (leaf first, anchor last) in DER; empty without one.
std::vector<Bytes> verified_chain(beast::ssl_stream<beast::tcp_stream>& stream) {
  std::vector<Bytes> out;
  STACK_OF(X509)* chain = SSL_get0_verified_chain(stream.native_handle());
  if (chain == nullptr) return out;
  for (int i = 0; i < sk_X509_num(chain); ++i) {
    unsigned char* der = nullptr;
    const int n = i2d_X509(sk_X509_value(chain, i), &der);
    if (n <= 0) return {};
    out.emplace_back(der, der + n);
    OPENSSL_free(der);
  }
  return out;
}

template <bool kTls>
class Session final : public SessionBase, public std::enable_shared_from_this<Session<kTls>> {
 public:
  using Stream = std::conditional_t<kTls, beast::ssl_stream<beast::tcp_stream>, beast::tcp_stream>;
  using Parser = bhttp::request_parser<bhttp::string_body>;

  // `stream_args` follow the socket into the Stream: the ssl::context for TLS, none for TCP.
  template <class... StreamArgs>
  Session(Server::Impl& server, std::string remote, bool proxied, tcp::socket&& socket,
          StreamArgs&... stream_args)
      : server_(server),
        stream_(std::move(socket), stream_args...),
        remote_(std::move(remote)),
        proxied_(proxied) {}

  ~Session() override {
    if (id_) server_.remove(*id_);
  }

  void set_id(std::uint64_t id) { id_ = id; }

  void start() {
    asio::dispatch(stream_.get_executor(), [self = this->shared_from_this()] { self->begin(); });
  }

  void shutdown() override {
    asio::post(stream_.get_executor(), [self = this->shared_from_this()] {
      if (self->state_ == State::reading) self->lowest().close();
    });
  }

 private:
  enum class State { reading, handling, writing, closing };

  beast::tcp_stream& lowest() { return beast::get_lowest_layer(stream_); }
  const ServerConfig& config() const { return server_.config; }

  void begin() {
    state_ = State::reading;
    lowest().expires_after(config().read_timeout);
    if (proxied_) return read_proxy_header();
    handshake();
  }

  // From a configured load balancer: its PROXY v2 header (http/proxy_protocol.h) first,
  // within read_timeout; the client's address it names replaces the balancer's. A
  // missing or malformed header closes the connection.
  void read_proxy_header() {
    asio::async_read(lowest(), asio::buffer(proxy_prefix_),
                     [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                       if (ec) return self->proxy_failed(ec.message());
                       auto length = proxy_v2_length(self->proxy_prefix_);
                       if (!length) return self->proxy_failed(length.error().message());
                       self->proxy_block_.resize(*length);
                       asio::async_read(self->lowest(), asio::buffer(self->proxy_block_),
                                        [self](beast::error_code e, std::size_t) {
                                          if (e) return self->proxy_failed(e.message());
                                          auto source = proxy_v2_source(self->proxy_prefix_,
                                                                        self->proxy_block_);
                                          if (!source)
                                            return self->proxy_failed(source.error().message());
                                          if (*source) self->remote_ = **source;
                                          self->handshake();
                                        });
                     });
  }

  void proxy_failed(const std::string& why) {
    log::debug("http.proxy_header_refused", {{"remote", remote_}, {"error", why}});
  }

  void handshake() {
    if constexpr (kTls) {
      stream_.async_handshake(ssl::stream_base::server,
                              [self = this->shared_from_this()](beast::error_code ec) {
                                if (ec) {
                                  log::debug("http.tls_handshake_failed",
                                             {{"remote", self->remote_}, {"error", ec.message()}});
                                  return;  // the session ends; the socket closes
                                }
                                self->peer_certificates_ = verified_chain(self->stream_);
                                self->lowest().expires_after(self->config().read_timeout);
                                self->read_request();
                              });
    } else {
      read_request();
    }
  }

  // Between keep-alive requests: waits up to idle_timeout for the first byte, then
  // gives the whole request read_timeout.
  void wait_for_next_request() {
    state_ = State::reading;
    if (server_.stopping.load()) return close();
    if (buffer_.size() > 0) {
      lowest().expires_after(config().read_timeout);
      return read_request();
    }
    lowest().expires_after(config().idle_timeout);
    stream_.async_read_some(buffer_.prepare(4096),
                            [self = this->shared_from_this()](beast::error_code ec, std::size_t n) {
                              if (ec) return;  // idle timeout, peer closed, or stop()
                              self->buffer_.commit(n);
                              self->lowest().expires_after(self->config().read_timeout);
                              self->read_request();
                            });
  }

  // A parser reads one request; it is owned by that read (each step's completion
  // handler holds it) and freed once the request has been handed to the handler.
  void read_request() {
    state_ = State::reading;
    auto parser = std::make_shared<Parser>();
    parser->header_limit(static_cast<std::uint32_t>(config().max_header_bytes));
    parser->body_limit(config().max_body_bytes);
    bhttp::async_read_header(
        stream_, buffer_, *parser,
        [self = this->shared_from_this(), parser](beast::error_code ec, std::size_t) {
          self->on_header(ec, parser);
        });
  }

  void on_header(beast::error_code ec, const std::shared_ptr<Parser>& parser) {
    if (ec) return on_read_error(ec);
    const auto expect = parser->get()[bhttp::field::expect];
    if (beast::iequals(expect, "100-continue") && !parser->is_done()) {
      auto& interim = continue_.emplace(bhttp::status::continue_, parser->get().version());
      bhttp::async_write(
          stream_, interim,
          [self = this->shared_from_this(), parser](beast::error_code e, std::size_t) {
            if (e) return;
            self->read_body(parser);
          });
      return;
    }
    read_body(parser);
  }

  void read_body(const std::shared_ptr<Parser>& parser) {
    bhttp::async_read(stream_, buffer_, *parser,
                      [self = this->shared_from_this(), parser](beast::error_code ec, std::size_t) {
                        if (ec) return self->on_read_error(ec);
                        self->on_request(*parser);
                      });
  }

  void on_read_error(beast::error_code ec) {
    if (ec == bhttp::error::header_limit) return respond_error(431, "request header too large\n");
    if (ec == bhttp::error::body_limit) return respond_error(413, "request body too large\n");
    if (ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category() &&
        ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message) {
      return respond_error(400, "bad request\n");
    }
    // Timeout (slowloris), peer closed or reset, TLS error, stop(): close silently.
    if (ec != bhttp::error::end_of_stream) {
      log::debug("http.read_failed", {{"remote", remote_}, {"error", ec.message()}});
    }
  }

  void respond_error(int status, std::string body) {
    unread_request_ = true;  // the rest of the request may still be on its way
    Response r;
    r.status = status;
    r.headers.emplace_back("Content-Type", "text/plain");
    r.body = std::move(body);
    write(std::move(r), false);
  }

  void on_request(Parser& parser) {
    state_ = State::handling;
    auto& msg = parser.get();
    auto req = std::make_shared<Request>();
    req->method = std::string(to_std(msg.method_string()));
    req->target = std::string(to_std(msg.target()));
    for (const auto& f : msg) {
      req->headers.emplace_back(lower(to_std(f.name_string())), std::string(to_std(f.value())));
    }
    req->body = std::move(msg.body());
    req->remote_address = remote_;
    req->peer_certificates = peer_certificates_;
    const bool keep_alive = msg.keep_alive();
    const unsigned version = msg.version();
    version_ = version;
    asio::post(server_.rt->workers, [self = this->shared_from_this(), req, keep_alive] {
      Response resp = self->call_handler(*req);
      asio::post(self->stream_.get_executor(),
                 [self, keep_alive, resp = std::move(resp)]() mutable {
                   self->write(std::move(resp), keep_alive);
                 });
    });
  }

  Response call_handler(const Request& req) {
    try {
      return server_.handler(req);
    } catch (const std::exception& e) {
      log::error("http.handler_exception", {{"method", req.method},
                                            {"target", std::string_view(req.target).substr(0, 200)},
                                            {"what", std::string_view(e.what()).substr(0, 200)}});
    } catch (...) {
      log::error("http.handler_exception", {{"method", req.method},
                                            {"target", std::string_view(req.target).substr(0, 200)},
                                            {"what", "unknown exception"}});
    }
    Response r;
    r.status = 500;
    r.headers.emplace_back("Content-Type", "text/plain");
    r.body = "internal server error\n";
    return r;
  }

  void write(Response resp, bool keep_alive) {
    state_ = State::writing;
    if (server_.stopping.load()) keep_alive = false;
    keep_alive_ = keep_alive;
    unsigned status =
        resp.status >= 100 && resp.status <= 999 ? static_cast<unsigned>(resp.status) : 500U;
    auto res = std::make_shared<bhttp::response<bhttp::string_body>>();
    res->version(version_);
    res->result(status);
    for (const auto& [name, value] : resp.headers) {
      const std::string n = lower(name);
      if (n == "content-length" || n == "connection" || n == "transfer-encoding") continue;
      if (!is_token(name) || !is_safe_value(value)) continue;  // no header injection
      res->insert(name, value);
    }
    res->body() = std::move(resp.body);
    res->keep_alive(keep_alive);
    res->prepare_payload();
    server_.count_response(status);
    response_ = res;
    lowest().expires_after(config().idle_timeout);
    bhttp::async_write(stream_, *res,
                       [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                         self->response_.reset();
                         if (ec) return;
                         if (!self->keep_alive_) return self->close();
                         self->wait_for_next_request();
                       });
  }

  // Graceful close, within kCloseTimeout. TLS: after an error response (the request may
  // not have been read whole), first read and discard what the peer still sends (at
  // most kDrainLimit bytes); then send close_notify, waiting for the peer's. Plain:
  // half-close and drain. Either way the response is not lost to a reset caused by
  // unread request bytes (a client still uploading would see a broken pipe instead).
  void close() {
    state_ = State::closing;
    lowest().expires_after(kCloseTimeout);
    if constexpr (kTls) {
      if (unread_request_) return drain_tls();
      shutdown_tls();
    } else {
      beast::error_code ignored;
      lowest().socket().shutdown(tcp::socket::shutdown_send, ignored);
      drain();
    }
  }

  void shutdown_tls() requires kTls {
    stream_.async_shutdown([self = this->shared_from_this()](beast::error_code) {
      beast::error_code ignored;
      self->lowest().socket().shutdown(tcp::socket::shutdown_both, ignored);
      self->lowest().close();
    });
  }

  void drain_tls() requires kTls {
    stream_.async_read_some(asio::buffer(drain_buffer_),
                            [self = this->shared_from_this()](beast::error_code ec, std::size_t n) {
                              self->drained_ += n;
                              if (ec || self->drained_ > kDrainLimit) return self->shutdown_tls();
                              self->drain_tls();
                            });
  }

  void drain() {
    lowest().async_read_some(asio::buffer(drain_buffer_),
                             [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                               if (ec) return self->lowest().close();
                               self->drain();
                             });
  }

  Server::Impl& server_;
  Stream stream_;
  std::string remote_;
  bool proxied_;  // the peer is a configured load balancer: a PROXY v2 header comes first
  std::array<std::uint8_t, kProxyPrefixSize> proxy_prefix_{};
  std::vector<std::uint8_t> proxy_block_;
  std::vector<Bytes> peer_certificates_;  // verified client chain (mutual TLS), per connection
  std::optional<std::uint64_t> id_;
  State state_ = State::reading;
  beast::flat_buffer buffer_;
  std::optional<bhttp::response<bhttp::empty_body>> continue_;
  std::shared_ptr<bhttp::response<bhttp::string_body>> response_;
  unsigned version_ = 11;
  bool keep_alive_ = true;
  std::array<char, 1024> drain_buffer_{};
  bool unread_request_ = false;
  std::size_t drained_ = 0;
};

}  // namespace

void Server::Impl::do_accept() {
  rt->acceptor.async_accept(
      asio::make_strand(rt->ioc),
      [this](beast::error_code ec, tcp::socket s) { on_accept(ec, std::move(s)); });
}

void Server::Impl::on_accept(beast::error_code ec, tcp::socket socket) {
  if (ec == asio::error::operation_aborted || !rt->acceptor.is_open()) return;
  if (ec) {
    // EMFILE and friends: back off briefly instead of spinning.
    log::warn("http.accept_failed", {{"port", port_label}, {"error", ec.message()}});
    rt->accept_retry.expires_after(std::chrono::milliseconds(100));
    rt->accept_retry.async_wait([this](beast::error_code e) {
      if (!e) do_accept();
    });
    return;
  }
  beast::error_code ignored;
  if (full()) {
    if (rejected != nullptr) rejected->inc({port_label});
    socket.close(ignored);
    return do_accept();
  }
  // TCP_NODELAY: a response leaves as several writes (TLS records, header and body);
  // with Nagle's algorithm the last one waits for the ACK of the first, which the
  // peer delays up to 40 ms. Each ES9+ call would pay that wait.
  socket.set_option(tcp::no_delay(true), ignored);
  const auto endpoint = socket.remote_endpoint(ignored);
  std::string remote = ignored ? std::string() : endpoint.address().to_string();
  const bool proxied =
      !ignored && std::ranges::find(proxy_from, endpoint.address()) != proxy_from.end();
  std::shared_ptr<SessionBase> base;
  auto launch = [&](auto session) {
    const auto id = add(session);
    if (!id) return;  // stopping: the socket closes with the session
    session->set_id(*id);
    session->start();
  };
  if (tls) {
    launch(std::make_shared<Session<true>>(*this, std::move(remote), proxied, std::move(socket),
                                           tls->context()));
  } else {
    launch(std::make_shared<Session<false>>(*this, std::move(remote), proxied, std::move(socket)));
  }
  do_accept();
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() { stop(std::chrono::seconds(0)); }

std::uint16_t Server::port() const { return impl_->port; }

Result<std::unique_ptr<Server>> Server::start(ServerConfig config, Handler handler) {
  auto impl = std::make_unique<Impl>();
  beast::error_code ec;
  const auto address = asio::ip::make_address(config.address, ec);
  if (ec) return fail(Errc::invalid_address, config.address);
  for (const std::string& balancer : config.proxy_protocol_from) {
    impl->proxy_from.push_back(asio::ip::make_address(balancer, ec));
    if (ec) return fail(Errc::invalid_address, "PROXY protocol source " + balancer);
  }
  if (config.tls) {
    auto tls = detail::TlsContext::create(*config.tls);
    if (!tls) return std::unexpected(tls.error());
    impl->tls = std::move(*tls);
  }
  unsigned workers = config.threads != 0 ? config.threads : std::thread::hardware_concurrency();
  workers = std::max(workers, 2U);
  impl->rt = std::make_unique<Impl::Runtime>(workers);
  tcp::acceptor& acc = impl->rt->acceptor;
  const tcp::endpoint endpoint(address, config.port);
  acc.open(endpoint.protocol(), ec);
  if (!ec) acc.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acc.bind(endpoint, ec);
  if (!ec) acc.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return fail(Errc::listen_failed,
                config.address + ":" + std::to_string(config.port) + ": " + ec.message());
  }
  impl->port = acc.local_endpoint().port();
  impl->port_label = std::to_string(impl->port);
  if (config.metrics != nullptr) {
    impl->responses =
        &config.metrics->counter("smdp_http_responses_total",
                                 "HTTP responses sent, by port and status code.", {"port", "code"});
    impl->rejected = &config.metrics->counter(
        "smdp_http_connections_rejected_total",
        "Connections closed at accept because max_connections was reached.", {"port"});
  }
  impl->config = std::move(config);
  impl->handler = std::move(handler);
  Impl* raw = impl.get();
  asio::post(acc.get_executor(), [raw] { raw->do_accept(); });
  for (unsigned i = 0; i < kIoThreads; ++i) {
    impl->io_threads.emplace_back([raw] {
      for (;;) {
        try {
          raw->rt->ioc.run();
          return;
        } catch (const std::exception& e) {
          // A completion handler threw (it should not); keep serving.
          log::error("http.io_exception", {{"what", e.what()}});
        }
      }
    });
  }
  log::info("http.listening", {{"address", raw->config.address},
                               {"port", raw->port_label},
                               {"tls", raw->tls ? "true" : "false"}});
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

void Server::stop(std::chrono::seconds grace) {
  Impl& s = *impl_;
  const std::scoped_lock stop_lock(s.stop_mutex);
  if (s.stopped) return;
  s.stopped = true;
  const auto deadline = Clock::now() + grace;
  {
    const std::scoped_lock lock(s.mutex);
    s.stopping.store(true);
  }
  // Stop accepting: new connections are refused from here on.
  std::promise<void> closed;
  Impl::Runtime& rt = *s.rt;
  asio::post(rt.acceptor.get_executor(), [&rt, &closed] {
    beast::error_code ignored;
    rt.acceptor.close(ignored);
    rt.accept_retry.cancel();
    closed.set_value();
  });
  closed.get_future().wait();
  // Close idle and reading connections; the others close after their response.
  std::vector<std::shared_ptr<SessionBase>> live;
  {
    const std::scoped_lock lock(s.mutex);
    for (const auto& [id, weak] : s.sessions) {
      if (auto p = weak.lock()) live.push_back(std::move(p));
    }
  }
  for (const auto& p : live) p->shutdown();
  live.clear();
  {
    std::unique_lock lock(s.mutex);
    s.sessions_changed.wait_until(lock, deadline, [&s] { return s.sessions.empty(); });
  }
  rt.ioc.stop();
  for (auto& t : s.io_threads) t.join();
  s.io_threads.clear();
  rt.workers.join();  // handlers still running finish; their responses are dropped
  s.rt.reset();       // destroys the remaining sessions and closes their sockets
  log::info("http.stopped", {{"port", s.port_label}});
}

void wait_for_termination_signal() {
  asio::io_context ioc(1);
  asio::signal_set signals(ioc, SIGINT, SIGTERM);
  signals.async_wait([](const beast::error_code&, int) {});
  ioc.run();
}

}  // namespace smdp::http
