// SPDX-License-Identifier: Apache-2.0
// The Boost.Asio/Beast headers the server and its tests use, in one place: g++ 12's
// -Wnull-dereference reports false positives inside Boost 1.74's scheduler once
// inlined, so it is silenced for these headers only (our code keeps the warning).
#pragma once

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <boost/asio/connect.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#pragma GCC diagnostic pop

#include <string_view>

namespace smdp::http {
inline std::string_view to_std(boost::beast::string_view s) { return {s.data(), s.size()}; }
}  // namespace smdp::http
