// SPDX-License-Identifier: Apache-2.0
// Errors as values. Every module defines its own error enum registered as a
// std::error_code category; Error adds a human-readable context (which field, which
// certificate). Context strings never contain secrets.
#pragma once

#include <expected>
#include <string>
#include <system_error>
#include <utility>

namespace smdp {

struct Error {
  std::error_code code;
  std::string context;  // e.g. "EUICCInfo2.svn"; may be empty

  std::string message() const {
    return context.empty() ? code.message() : code.message() + " (" + context + ")";
  }
};

template <class T>
using Result = std::expected<T, Error>;

template <class E>
std::unexpected<Error> fail(E e, std::string context = {}) {
  return std::unexpected(Error{make_error_code(e), std::move(context)});
}

// Prefixes the context of a failed result, so nested decoders report a path.
inline Error in_context(Error e, std::string_view outer) {
  e.context = e.context.empty() ? std::string(outer) : std::string(outer) + "." + e.context;
  return e;
}

// Defines the std::error_category for a module's error enum. `names` maps each enum
// value to its message. Use once per enum in one .cc file.
#define SMDP_DEFINE_ERROR_CATEGORY(Enum, category_name, names_fn)                        \
  namespace {                                                                            \
  class Enum##Category final : public std::error_category {                              \
   public:                                                                               \
    const char* name() const noexcept override { return category_name; }                 \
    std::string message(int v) const override { return names_fn(static_cast<Enum>(v)); } \
  };                                                                                     \
  }                                                                                      \
  const std::error_category& Enum##_category() {                                         \
    static const Enum##Category c;                                                       \
    return c;                                                                            \
  }                                                                                      \
  std::error_code make_error_code(Enum e) { return {static_cast<int>(e), Enum##_category()}; }

#define SMDP_DECLARE_ERROR_ENUM(ns, Enum)       \
  namespace ns {                                \
  const std::error_category& Enum##_category(); \
  std::error_code make_error_code(Enum e);      \
  }                                             \
  template <>                                   \
  struct std::is_error_code_enum<ns::Enum> : std::true_type {};

}  // namespace smdp
