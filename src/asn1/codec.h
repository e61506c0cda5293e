// SPDX-License-Identifier: Apache-2.0
// Internal to src/asn1: the decode and encode steps every RSPDefinitions type shares.
// Not part of the module's public API.
//
// Decoding reads one SEQUENCE's components in order through `Fields`, whose first error
// sticks: later reads return empty values and do nothing, and status() reports that
// error with the field name as context. Encoding mirrors it with free functions on
// der::Writer.
#pragma once

#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "asn1/common.h"
#include "der/der.h"
#include "der/writer.h"

namespace smdp::asn1::detail {

// The contents of one element: the element itself and a reader over its value.
struct Opened {
  der::Tlv tlv;
  der::Reader contents;
};
// `der` must be exactly one element with `tag`.
Result<Opened> open(ByteView der, der::Tag tag);

// Opens an explicitly tagged CHOICE `[tag] CHOICE {...}`: the single alternative inside.
Result<der::Tlv> open_choice(ByteView der, der::Tag tag);

class Fields {
 public:
  explicit Fields(der::Reader contents) : reader_(contents) {}

  ByteView octets(der::Tag tag, std::string_view name, SizeRange size = kAnySize);
  std::optional<ByteView> optional_octets(der::Tag tag, std::string_view name,
                                          SizeRange size = kAnySize);
  std::string_view text(der::Tag tag, std::string_view name, SizeRange size = kAnySize);
  std::optional<std::string_view> optional_text(der::Tag tag, std::string_view name,
                                                SizeRange size = kAnySize);
  std::uint64_t integer(der::Tag tag, std::string_view name);
  std::optional<std::uint64_t> optional_integer(der::Tag tag, std::string_view name);
  bool boolean(der::Tag tag, std::string_view name);
  ByteView bit_string(der::Tag tag, std::string_view name);
  std::optional<ByteView> optional_bit_string(der::Tag tag, std::string_view name);
  ByteView oid(der::Tag tag, std::string_view name);
  // SEQUENCE OF OCTET STRING, e.g. a list of SubjectKeyIdentifier or VersionType.
  std::vector<ByteView> octets_list(der::Tag tag, std::string_view name,
                                    SizeRange item_size = kAnySize);
  std::optional<std::vector<ByteView>> optional_octets_list(der::Tag tag, std::string_view name,
                                                            SizeRange item_size = kAnySize);
  // An X.509 Certificate (0x30): the whole TLV, DER framing checked, contents not parsed.
  ByteView certificate(std::string_view name);
  // A [APPLICATION 55] signature: value and whole TLV (SGP.22 concatenates the TLV).
  der::Tlv signature(std::string_view name);
  // Any element with `tag`, DER framing of its subtree checked (opaque fields).
  der::Tlv opaque(der::Tag tag, std::string_view name);
  std::optional<der::Tlv> optional_opaque(der::Tag tag, std::string_view name);

  // A component of type T, decoded by T::decode(raw, tag).
  template <class T>
  T nested(der::Tag tag, std::string_view name) {
    return take(nested_result<T>(tag, name));
  }
  template <class T>
  std::optional<T> optional_nested(der::Tag tag, std::string_view name) {
    note(tag);
    if (failed() || reader_.peek_tag() != tag) return std::nullopt;
    return take(nested_result<T>(tag, name));
  }
  // An untagged CHOICE component: the next element, whatever its tag, decoded by
  // T::decode(raw).
  template <class T>
  T choice(std::string_view name) {
    if (failed()) return T{};
    if (auto tag = reader_.peek_tag()) note(*tag);
    auto tlv = reader_.read();
    if (!ok(tlv, name)) return T{};
    return take(T::decode(tlv->raw));
  }
  // An explicitly tagged CHOICE component `[n] CHOICE` (tag A0+n): the single element
  // inside, decoded by T::decode(raw).
  template <class T>
  T explicit_choice(der::Tag tag, std::string_view name) {
    if (failed()) return T{};
    auto tlv = read(tag, name);
    if (!ok(tlv, {})) return T{};
    auto inner = open_choice(tlv->raw, tag);
    if (!ok(inner, name)) return T{};
    return take(T::decode(inner->raw));
  }
  // SEQUENCE OF T under `tag`; each item decoded by T::decode(raw).
  template <class T>
  std::vector<T> nested_list(der::Tag tag, std::string_view name) {
    std::vector<T> out;
    auto list = enter(tag, name);
    if (!list) return out;
    while (!list->empty() && !failed()) {
      auto item = list->read();
      if (!item) {
        fail_at(item.error(), name);
        break;
      }
      out.push_back(take(T::decode(item->raw)));
    }
    return out;
  }
  template <class T>
  std::optional<std::vector<T>> optional_nested_list(der::Tag tag, std::string_view name) {
    note(tag);
    if (failed() || reader_.peek_tag() != tag) return std::nullopt;
    return nested_list<T>(tag, name);
  }

  // Consumes what is left after the known components: unknown extension elements,
  // each DER, none reusing a tag read or probed above. Returns their raw bytes.
  ByteView extensions();

  bool failed() const { return error_.has_value(); }
  Result<void> status() const;
  // Records an error found by the caller (first one wins).
  void fail_at(Error e, std::string_view name);

 private:
  // The value of `r`, or T{} with its error recorded.
  template <class T>
  T take(Result<T> r) {
    if (r) return *std::move(r);
    fail_at(std::move(r).error(), {});
    return T{};
  }
  template <class T>
  Result<T> nested_result(der::Tag tag, std::string_view name) {
    auto tlv = read(tag, name);
    if (!tlv) return std::unexpected(tlv.error());
    return T::decode(tlv->raw, tag);
  }
  // True if `r` holds a value; otherwise records its error under `name`.
  template <class R>
  bool ok(const R& r, std::string_view name) {
    if (r) return true;
    fail_at(r.error(), name);
    return false;
  }
  void note(der::Tag tag);
  Result<der::Tlv> read(der::Tag tag, std::string_view name);
  // Reads a constructed element and returns a reader over it; nullopt (error recorded)
  // on failure.
  std::optional<der::Reader> enter(der::Tag tag, std::string_view name);

  der::Reader reader_;
  std::vector<der::Tag> known_tags_;
  std::optional<Error> error_;
};

// `e` with `type_name` prefixed to its context, as the failure of any Result.
inline std::unexpected<Error> failure(Error e, std::string_view type_name) {
  return std::unexpected(in_context(std::move(e), type_name));
}

// Decodes one SEQUENCE-like element: opens `der` with `tag`, lets `read_fields(Fields&,
// T&)` fill the message, keeps extensions and the raw TLV, and prefixes any error
// with `type_name`.
template <class T, class Fn>
Result<T> decode_sequence(ByteView der, der::Tag tag, std::string_view type_name,
                          Fn&& read_fields) {
  auto opened = open(der, tag);
  if (!opened) return failure(opened.error(), type_name);
  T msg{};
  msg.raw = opened->tlv.raw;
  Fields fields(opened->contents);
  std::forward<Fn>(read_fields)(fields, msg);
  msg.extensions = fields.extensions();
  if (auto s = fields.status(); !s) return failure(s.error(), type_name);
  return msg;
}

// The error for a CHOICE alternative this module does not know.
Error unknown_alternative(der::Tag tag);
// A decoded INTEGER CHOICE alternative (e.g. an error code) in element `tlv`.
Result<std::uint64_t> integer_alternative(const der::Tlv& tlv);

// `[tag] CHOICE { ok [0] Ok, error [1] Err }` where Err is an INTEGER code (tag 81) or
// a SEQUENCE type (tag A1). T is an aggregate { std::variant<Ok, Err> result; raw; }.
template <class T>
Result<T> decode_ok_or_error(ByteView der, der::Tag tag, std::string_view type_name) {
  using Variant = decltype(T::result);
  using Ok = std::variant_alternative_t<0, Variant>;
  using Err = std::variant_alternative_t<1, Variant>;
  auto inner = open_choice(der, tag);
  if (!inner) return failure(inner.error(), type_name);
  // Moves a decoded alternative into the variant, or passes its error on.
  auto into = [](auto r) -> Result<Variant> {
    if (!r) return std::unexpected(r.error());
    return Variant(*std::move(r));
  };
  Result<Variant> result = std::unexpected(unknown_alternative(inner->tag));
  if (inner->tag == 0xA0) {
    result = into(Ok::decode(inner->raw, 0xA0));
  } else if constexpr (std::is_same_v<Err, std::uint64_t>) {
    if (inner->tag == 0x81) result = into(integer_alternative(*inner));
  } else if (inner->tag == 0xA1) {
    result = into(Err::decode(inner->raw, 0xA1));
  }
  if (!result) return failure(result.error(), type_name);
  return T{*std::move(result), der};
}
template <class Ok, class Err>
void encode_ok_or_error(der::Writer& out, der::Tag tag, const std::variant<Ok, Err>& result) {
  out.add_constructed(tag, [&](der::Writer& w) {
    if (const Ok* ok = std::get_if<0>(&result)) {
      ok->encode_to(w, 0xA0);
    } else if constexpr (std::is_same_v<Err, std::uint64_t>) {
      w.add_uint(0x81, std::get<1>(result));
    } else {
      std::get<1>(result).encode_to(w, 0xA1);
    }
  });
}

// Encoding. Writes `tag { fields..., extensions }`.
template <class Fn>
void encode_sequence(der::Writer& out, der::Tag tag, ByteView extensions, Fn&& fields) {
  out.add_constructed(tag, [&](der::Writer& w) {
    std::forward<Fn>(fields)(w);
    w.add_raw(extensions);
  });
}
template <class T>
Bytes encode_message(const T& msg) {
  der::Writer w;
  msg.encode_to(w);
  return w.take();
}
template <class O>
void add_optional(der::Writer& w, der::Tag tag, const std::optional<O>& v) {
  if (v) w.add(tag, *v);
}
template <class Txt>
void add_optional_text(der::Writer& w, der::Tag tag, const std::optional<Txt>& v) {
  if (v) w.add_utf8(tag, *v);
}
inline void add_optional_uint(der::Writer& w, der::Tag tag, const std::optional<std::uint64_t>& v) {
  if (v) w.add_uint(tag, *v);
}
template <class O>
void add_octets_list(der::Writer& w, der::Tag tag, const std::vector<O>& items) {
  w.add_constructed(tag, [&](der::Writer& list) {
    for (const auto& item : items) list.add(kTagOctetString, item);
  });
}
template <class T>
void add_nested_list(der::Writer& w, der::Tag tag, const std::vector<T>& items) {
  w.add_constructed(tag, [&](der::Writer& list) {
    for (const auto& item : items) item.encode_to(list);
  });
}

}  // namespace smdp::asn1::detail
