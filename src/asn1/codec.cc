// SPDX-License-Identifier: Apache-2.0
// Shared decode steps for the RSPDefinitions types (X.690 DER, X.680 extensibility).
#include "asn1/codec.h"

#include <algorithm>
#include <string>

namespace smdp::asn1::detail {
namespace {

// ASN.1 SIZE of a UTF8String counts characters: every octet but continuation octets.
std::size_t utf8_length(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

Result<void> check_size(std::size_t size, SizeRange range) {
  if (size < range.min || size > range.max) {
    return fail(Errc::size_constraint);
  }
  return {};
}

template <class T>
std::unexpected<Error> error_of(const Result<T>& r) {
  return std::unexpected(r.error());
}

}  // namespace

Result<Opened> open(ByteView der, der::Tag tag) {
  der::Reader outer(der);
  auto tlv = outer.read(tag);
  if (!tlv) return error_of(tlv);
  if (auto f = outer.finish(); !f) return error_of(f);
  auto contents = outer.enter(*tlv);
  if (!contents) return error_of(contents);
  return Opened{*tlv, *contents};
}

void Fields::fail_at(Error e, std::string_view name) {
  if (error_) return;
  error_ = name.empty() ? std::move(e) : in_context(std::move(e), name);
}

Result<void> Fields::status() const {
  if (error_) return std::unexpected(*error_);
  return {};
}

void Fields::note(der::Tag tag) { known_tags_.push_back(tag); }

Result<der::Tlv> Fields::read(der::Tag tag, std::string_view name) {
  note(tag);
  auto tlv = reader_.read(tag);
  if (!tlv) return std::unexpected(in_context(tlv.error(), name));
  return tlv;
}

std::optional<der::Reader> Fields::enter(der::Tag tag, std::string_view name) {
  if (failed()) return std::nullopt;
  auto tlv = read(tag, name);
  if (!ok(tlv, {})) return std::nullopt;
  auto inner = reader_.enter(*tlv);
  if (!ok(inner, name)) return std::nullopt;
  return *inner;
}

ByteView Fields::octets(der::Tag tag, std::string_view name, SizeRange size) {
  if (failed()) return {};
  auto tlv = read(tag, name);
  if (!ok(tlv, {})) return ByteView{};
  if (!ok(check_size(tlv->value.size(), size), name)) return ByteView{};
  return tlv->value;
}

std::optional<ByteView> Fields::optional_octets(der::Tag tag, std::string_view name,
                                                SizeRange size) {
  note(tag);
  if (failed() || reader_.peek_tag() != tag) return std::nullopt;
  return octets(tag, name, size);
}

std::string_view Fields::text(der::Tag tag, std::string_view name, SizeRange size) {
  if (failed()) return {};
  note(tag);
  auto s = reader_.read_utf8(tag);
  if (!ok(s, name)) return std::string_view{};
  if (!ok(check_size(utf8_length(*s), size), name)) return std::string_view{};
  return *s;
}

std::optional<std::string_view> Fields::optional_text(der::Tag tag, std::string_view name,
                                                      SizeRange size) {
  note(tag);
  if (failed() || reader_.peek_tag() != tag) return std::nullopt;
  return text(tag, name, size);
}

std::uint64_t Fields::integer(der::Tag tag, std::string_view name) {
  if (failed()) return 0;
  note(tag);
  auto v = reader_.read_uint(tag);
  if (!ok(v, name)) return 0;
  return *v;
}

std::optional<std::uint64_t> Fields::optional_integer(der::Tag tag, std::string_view name) {
  note(tag);
  if (failed() || reader_.peek_tag() != tag) return std::nullopt;
  return integer(tag, name);
}

bool Fields::boolean(der::Tag tag, std::string_view name) {
  if (failed()) return false;
  note(tag);
  auto v = reader_.read_bool(tag);
  if (!ok(v, name)) return false;
  return *v;
}

ByteView Fields::bit_string(der::Tag tag, std::string_view name) {
  ByteView v = octets(tag, name);
  if (!failed() && !is_valid_bit_string(v)) fail_at(Error{Errc::invalid_bit_string, {}}, name);
  return v;
}

std::optional<ByteView> Fields::optional_bit_string(der::Tag tag, std::string_view name) {
  note(tag);
  if (failed() || reader_.peek_tag() != tag) return std::nullopt;
  return bit_string(tag, name);
}

ByteView Fields::oid(der::Tag tag, std::string_view name) {
  ByteView v = octets(tag, name);
  if (!failed() && !is_valid_oid(v)) fail_at(Error{Errc::invalid_oid, {}}, name);
  return v;
}

std::vector<ByteView> Fields::octets_list(der::Tag tag, std::string_view name,
                                          SizeRange item_size) {
  std::vector<ByteView> out;
  auto list = enter(tag, name);
  if (!list) return out;
  Fields items(*list);
  while (!items.reader_.empty() && !items.failed()) {
    out.push_back(items.octets(kTagOctetString, {}, item_size));
  }
  if (auto s = items.status(); !s) fail_at(s.error(), name);
  return out;
}

std::optional<std::vector<ByteView>> Fields::optional_octets_list(der::Tag tag,
                                                                  std::string_view name,
                                                                  SizeRange item_size) {
  note(tag);
  if (failed() || reader_.peek_tag() != tag) return std::nullopt;
  return octets_list(tag, name, item_size);
}

der::Tlv Fields::opaque(der::Tag tag, std::string_view name) {
  if (failed()) return {};
  auto tlv = read(tag, name);
  if (!ok(tlv, {})) return der::Tlv{};
  if (!ok(der::validate_tree(tlv->raw), name)) return der::Tlv{};
  return *tlv;
}

std::optional<der::Tlv> Fields::optional_opaque(der::Tag tag, std::string_view name) {
  note(tag);
  if (failed() || reader_.peek_tag() != tag) return std::nullopt;
  return opaque(tag, name);
}

ByteView Fields::certificate(std::string_view name) { return opaque(kTagSequence, name).raw; }

der::Tlv Fields::signature(std::string_view name) {
  if (failed()) return {};
  auto tlv = read(kTagSignature, name);
  if (!ok(tlv, {})) return der::Tlv{};
  return *tlv;
}

ByteView Fields::extensions() {
  if (failed()) return {};
  const ByteView rest = reader_.remaining();
  while (!reader_.empty()) {
    auto tlv = reader_.read();
    if (!ok(tlv, "extension")) return ByteView{};
    if (std::ranges::find(known_tags_, tlv->tag) != known_tags_.end()) {
      fail_at(Error{Errc::reused_tag, "after the known components"}, {});
      return {};
    }
    if (!ok(der::validate_tree(tlv->raw), "extension")) return ByteView{};
  }
  return rest;
}

Result<der::Tlv> open_choice(ByteView der, der::Tag tag) {
  auto opened = open(der, tag);
  if (!opened) return error_of(opened);
  auto inner = opened->contents.read();
  if (!inner) return error_of(inner);
  if (auto f = opened->contents.finish(); !f) return error_of(f);
  return inner;
}

Error unknown_alternative(der::Tag tag) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string hex;
  for (int shift = 28; shift >= 0; shift -= 4) {
    const unsigned d = (tag >> shift) & 0xFu;
    if (!hex.empty() || d != 0 || shift == 0) hex.push_back(kDigits[d]);
  }
  return Error{Errc::unknown_alternative, "tag " + hex};
}

Result<std::uint64_t> integer_alternative(const der::Tlv& tlv) {
  der::Reader r(tlv.raw);
  return r.read_uint(tlv.tag);
}

}  // namespace smdp::asn1::detail
