// SPDX-License-Identifier: Apache-2.0
// Schema-driven DER decoder and encoder for ProfileElements (SAIP v3.x §8,
// PEDefinitions.asn). Framing is der::Reader's strict DER; the schema decides names,
// which components are mandatory, and how primitive contents must look. Elements the
// schema does not know (a future PE, an extension addition, a new CHOICE alternative)
// are kept as opaque nodes in place, so encode() reproduces the input byte for byte.
#include <algorithm>
#include <string>

#include "der/writer.h"
#include "saip/package.h"
#include "saip/schema.h"

namespace smdp::saip {
namespace {

using schema::Field;
using schema::Kind;
using schema::Type;

std::string tag_text(der::Tag tag) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string s;
  bool started = false;
  for (int shift = 24; shift >= 0; shift -= 8) {
    const unsigned octet = (tag >> shift) & 0xFFu;
    if (!started && octet == 0 && shift != 0) continue;
    started = true;
    s.push_back(kDigits[octet >> 4]);
    s.push_back(kDigits[octet & 0xF]);
  }
  return s;
}

// Errors carry "path: detail"; each level prepends its segment on the way out.
Error malformed(std::string detail) {
  return Error{make_error_code(Errc::malformed), ": " + std::move(detail)};
}
Error from_der(const Error& e) { return malformed(e.message()); }
Error within(Error e, std::string_view segment) {
  std::string prefix(segment);
  if (!e.context.starts_with(": ")) prefix += "/";
  e.context = prefix + e.context;
  return e;
}
std::string indexed(std::string_view name, std::size_t index) {
  return std::string(name) + "[" + std::to_string(index) + "]";
}

Result<void> check_integer(ByteView b) {
  if (b.empty()) return std::unexpected(malformed("INTEGER with no contents"));
  if (b.size() > 1 && ((b[0] == 0x00 && b[1] < 0x80) || (b[0] == 0xFF && b[1] >= 0x80))) {
    return std::unexpected(malformed("INTEGER not minimally encoded"));
  }
  return {};
}

Result<void> check_oid(ByteView b) {
  if (b.empty()) return std::unexpected(malformed("OBJECT IDENTIFIER with no contents"));
  bool start = true;
  for (std::uint8_t octet : b) {
    if (start && octet == 0x80) {
      return std::unexpected(malformed("OBJECT IDENTIFIER arc not minimally encoded"));
    }
    start = (octet & 0x80) == 0;
  }
  if (!start) return std::unexpected(malformed("OBJECT IDENTIFIER ends inside an arc"));
  return {};
}

Result<void> check_bit_string(ByteView b) {
  if (b.empty() || b[0] > 7 || (b.size() == 1 && b[0] != 0)) {
    return std::unexpected(malformed("BIT STRING unused-bits octet invalid"));
  }
  const std::uint8_t mask = static_cast<std::uint8_t>((1u << b[0]) - 1u);
  if ((b.back() & mask) != 0) return std::unexpected(malformed("BIT STRING padding not zero"));
  return {};
}

Result<void> check_primitive(const der::Tlv& tlv, Kind kind) {
  if (tlv.constructed()) return std::unexpected(malformed("constructed primitive value"));
  switch (kind) {
    case Kind::integer:
      return check_integer(tlv.value);
    case Kind::boolean:
      if (tlv.value.size() != 1 || (tlv.value[0] != 0x00 && tlv.value[0] != 0xFF)) {
        return std::unexpected(malformed("BOOLEAN not DER"));
      }
      return {};
    case Kind::null:
      if (!tlv.value.empty()) return std::unexpected(malformed("NULL with contents"));
      return {};
    case Kind::object_identifier:
      return check_oid(tlv.value);
    case Kind::utf8_string: {
      der::Reader r(tlv.raw);
      if (auto s = r.read_utf8(tlv.tag); !s) return std::unexpected(from_der(s.error()));
      return {};
    }
    case Kind::bit_string:
      return check_bit_string(tlv.value);
    default:
      return {};
  }
}

// The class bits of a tag's first identifier octet.
std::uint32_t tag_class(der::Tag tag) {
  while (tag > 0xFF) tag >>= 8;
  return tag & 0xC0u;
}

// Under AUTOMATIC TAGS a SEQUENCE or CHOICE whose components are all context-tagged
// can only be extended by context-tagged additions: anything else is not this type.
Result<void> check_extension(std::span<const Field> fields, der::Tag tag) {
  const bool all_context = std::ranges::all_of(
      fields, [](const Field& f) { return f.tag != 0 && tag_class(f.tag) == 0x80; });
  if (all_context && tag_class(tag) != 0x80) {
    return std::unexpected(malformed("unexpected tag " + tag_text(tag)));
  }
  return {};
}

class Decoder {
 public:
  // One element `tlv` (read from `parent`) as `field`.
  static Result<Node> field(const der::Reader& parent, const der::Tlv& tlv, const Field& f,
                            std::string_view segment) {
    if (f.tag == 0) {
      // Untagged CHOICE: the node is the alternative itself.
      for (const Field& alt : f.type->fields) {
        if (schema::matches(alt, tlv.tag)) return field(parent, tlv, alt, alt.name);
      }
      if (auto c = check_extension(f.type->fields, tlv.tag); !c) {
        return std::unexpected(c.error());
      }
      return unknown(parent, tlv);
    }
    Node node;
    node.name = f.name;
    node.tag = tlv.tag;
    if (auto r = contents(parent, tlv, *f.type, node); !r) {
      return std::unexpected(within(r.error(), segment));
    }
    return node;
  }

  static Result<Node> unknown(const der::Reader& parent, const der::Tlv& tlv) {
    Node node;
    node.tag = tlv.tag;
    node.known = false;
    node.value.assign(tlv.value.begin(), tlv.value.end());
    if (tlv.constructed()) {
      // Framing only: the contents' meaning is unknown, their DER is still required.
      auto inner = parent.enter(tlv);
      if (!inner) return std::unexpected(from_der(inner.error()));
      if (auto v = der::validate_tree(tlv.value); !v) {
        return std::unexpected(within(from_der(v.error()), "tag " + tag_text(tlv.tag)));
      }
    }
    return node;
  }

 private:
  static Result<void> contents(const der::Reader& parent, const der::Tlv& tlv, const Type& type,
                               Node& node) {
    switch (type.kind) {
      case Kind::sequence:
        return sequence(parent, tlv, type, node);
      case Kind::sequence_of:
        return sequence_of(parent, tlv, type, node);
      case Kind::choice:
        return choice(parent, tlv, type, node);
      default:
        if (auto c = check_primitive(tlv, type.kind); !c) return c;
        node.value.assign(tlv.value.begin(), tlv.value.end());
        return {};
    }
  }

  static const Field* first_mandatory(std::span<const Field> fields, std::size_t from,
                                      std::size_t to) {
    for (std::size_t k = from; k < to; ++k) {
      if (fields[k].mandatory()) return &fields[k];
    }
    return nullptr;
  }

  static Result<void> sequence(const der::Reader& parent, const der::Tlv& tlv, const Type& type,
                               Node& node) {
    auto inner = parent.enter(tlv);
    if (!inner) return std::unexpected(from_der(inner.error()));
    const std::span<const Field> fields = type.fields;
    std::size_t next = 0;
    while (!inner->empty()) {
      auto element = inner->read();
      if (!element) return std::unexpected(from_der(element.error()));
      std::size_t j = next;
      while (j < fields.size() && !schema::matches(fields[j], element->tag)) ++j;
      const std::size_t end = j < fields.size() ? j : fields.size();
      if (const Field* missing = first_mandatory(fields, next, end)) {
        return std::unexpected(
            within(malformed("mandatory component missing or wrong tag " + tag_text(element->tag)),
                   missing->name));
      }
      if (j == fields.size()) {
        // An extension addition (EXTENSIBILITY IMPLIED): kept as received.
        if (auto c = check_extension(fields, element->tag); !c) return c;
        auto u = unknown(*inner, *element);
        if (!u) return std::unexpected(u.error());
        node.children.push_back(std::move(*u));
        continue;
      }
      auto child = field(*inner, *element, fields[j], fields[j].name);
      if (!child) return std::unexpected(child.error());
      node.children.push_back(std::move(*child));
      next = j + 1;
    }
    if (const Field* missing = first_mandatory(fields, next, fields.size())) {
      return std::unexpected(within(malformed("mandatory component missing"), missing->name));
    }
    return {};
  }

  static Result<void> sequence_of(const der::Reader& parent, const der::Tlv& tlv, const Type& type,
                                  Node& node) {
    auto inner = parent.enter(tlv);
    if (!inner) return std::unexpected(from_der(inner.error()));
    const Field& element_field = type.fields.front();
    for (std::size_t index = 0; !inner->empty(); ++index) {
      auto element = inner->read();
      if (!element) return std::unexpected(from_der(element.error()));
      const std::string segment = indexed(element_field.name, index);
      Result<Node> item = [&]() -> Result<Node> {
        if (schema::matches(element_field, element->tag) || element_field.tag == 0) {
          return field(*inner, *element, element_field, segment);
        }
        return std::unexpected(
            within(malformed("wrong tag " + tag_text(element->tag) + " for an item"), segment));
      }();
      if (!item) return std::unexpected(item.error());
      node.children.push_back(std::move(*item));
    }
    return {};
  }

  static Result<void> choice(const der::Reader& parent, const der::Tlv& tlv, const Type& type,
                             Node& node) {
    auto inner = parent.enter(tlv);
    if (!inner) return std::unexpected(from_der(inner.error()));
    auto element = inner->read();
    if (!element) return std::unexpected(from_der(element.error()));
    const Field untagged{"", 0, &type};
    auto alt = field(*inner, *element, untagged, "");
    if (!alt) return std::unexpected(alt.error());
    if (auto f = inner->finish(); !f) {
      return std::unexpected(malformed("more than one CHOICE alternative"));
    }
    node.children.push_back(std::move(*alt));
    return {};
  }
};

std::size_t tag_size(der::Tag tag) { return tag > 0xFFFF ? 3 : tag > 0xFF ? 2 : 1; }
std::size_t length_size(std::size_t length) {
  std::size_t n = 1;
  if (length >= 0x80) {
    for (std::size_t l = length; l != 0; l >>= 8) ++n;
  }
  return n;
}

std::size_t contents_size(const Node& node);
std::size_t encoded_size(const Node& node) {
  const std::size_t c = contents_size(node);
  return tag_size(node.tag) + length_size(c) + c;
}
std::size_t contents_size(const Node& node) {
  if (!node.known || !node.constructed()) return node.value.size();
  std::size_t total = 0;
  for (const Node& child : node.children) total += encoded_size(child);
  return total;
}

}  // namespace

void Node::encode_to(Bytes& out) const {
  der::append_tag(out, tag);
  der::append_length(out, contents_size(*this));
  if (!known || !constructed()) {
    append(out, value);
    return;
  }
  for (const Node& c : children) c.encode_to(out);
}

Bytes Node::encode() const {
  Bytes out;
  out.reserve(encoded_size(*this));
  encode_to(out);
  return out;
}

Result<ProfilePackage> ProfilePackage::decode(ByteView input) {
  ProfilePackage package;
  der::Reader reader(input);
  if (input.empty()) return fail(Errc::malformed, "no ProfileElement");
  const Field root{"", 0, &schema::profile_element()};
  for (std::size_t index = 0; !reader.empty(); ++index) {
    // Context: "PE 7 usim/ef-imsi/fillFileContent: ..." (the alternative names itself).
    auto at_pe = [index](Error e) {
      e.context =
          "PE " + std::to_string(index) + (e.context.starts_with(": ") ? "" : " ") + e.context;
      return e;
    };
    auto tlv = reader.read();
    if (!tlv) return std::unexpected(at_pe(from_der(tlv.error())));
    auto node = Decoder::field(reader, *tlv, root, "");
    if (!node) return std::unexpected(at_pe(node.error()));
    package.elements.push_back(std::move(*node));
  }
  if (auto f = reader.finish(); !f) return std::unexpected(from_der(f.error()));
  return package;
}

Bytes ProfilePackage::encode() const {
  std::size_t total = 0;
  for (const Node& pe : elements) total += encoded_size(pe);
  Bytes out;
  out.reserve(total);
  for (const Node& pe : elements) pe.encode_to(out);
  return out;
}

namespace schema {

Result<Node> decode_value(const Field& field, ByteView der_element) {
  der::Reader reader(der_element);
  auto tlv = reader.read();
  if (!tlv) return std::unexpected(from_der(tlv.error()));
  if (auto f = reader.finish(); !f) return std::unexpected(from_der(f.error()));
  if (!matches(field, tlv->tag)) {
    return std::unexpected(within(malformed("wrong tag " + tag_text(tlv->tag)), field.name));
  }
  return Decoder::field(reader, *tlv, field, field.name);
}

std::optional<Node> default_value(const Field& field) {
  if (!field.has_default()) return std::nullopt;
  auto contents = from_hex(field.default_contents);
  if (!contents) return std::nullopt;
  Bytes element;
  der::append_tag(element, field.tag);
  der::append_length(element, contents->size());
  append(element, *contents);
  auto node = decode_value(field, element);
  if (!node) return std::nullopt;
  return std::move(*node);
}

}  // namespace schema
}  // namespace smdp::saip
