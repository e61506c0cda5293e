// SPDX-License-Identifier: Apache-2.0
// RFC 5280 §4.2.1.1/2/4/10 extension values, parsed with the strict DER reader.
#include "pki/extensions.h"

#include <algorithm>

#include "der/der.h"
#include "der/writer.h"

namespace smdp::pki::ext {
namespace {

constexpr der::Tag kSequence = 0x30;
constexpr der::Tag kSet = 0x31;
constexpr der::Tag kOctetString = 0x04;
constexpr der::Tag kOid = 0x06;
constexpr der::Tag kPrintableString = 0x13;
constexpr der::Tag kUtf8String = 0x0C;

// id-at-organizationName 2.5.4.10 and id-at-serialNumber 2.5.4.5, contents octets.
constexpr std::uint8_t kOrganizationOid[] = {0x55, 0x04, 0x0A};
constexpr std::uint8_t kSerialNumberOid[] = {0x55, 0x04, 0x05};

template <class T>
std::unexpected<Error> pass(const Result<T>& r, std::string_view where) {
  return std::unexpected(in_context(r.error(), where));
}

// The value of each serialNumber attribute in a Name (RDNSequence).
Result<void> collect_serial_numbers(der::Reader name, std::vector<std::string>& out) {
  auto rdns = name.read_constructed(kSequence);
  if (!rdns) return pass(rdns, "Name");
  while (!rdns->empty()) {
    auto rdn = rdns->read_constructed(kSet);
    if (!rdn) return pass(rdn, "RDN");
    while (!rdn->empty()) {
      auto atv = rdn->read_constructed(kSequence);
      if (!atv) return pass(atv, "AttributeTypeAndValue");
      auto type = atv->read_octets(kOid);
      if (!type) return pass(type, "type");
      auto value = atv->read();
      if (!value) return pass(value, "value");
      if (auto f = atv->finish(); !f) return pass(f, "AttributeTypeAndValue");
      if (!std::ranges::equal(*type, kSerialNumberOid)) continue;
      if (value->tag != kPrintableString && value->tag != kUtf8String) {
        return fail(der::Errc::wrong_tag, "serialNumber");
      }
      out.emplace_back(as_chars(value->value));
    }
  }
  return name.finish();
}

}  // namespace

Result<std::string> oid_to_text(ByteView contents) {
  if (contents.empty()) return fail(der::Errc::invalid_value, "OID empty");
  std::string text;
  std::uint64_t value = 0;
  bool first = true;
  bool at_start = true;
  for (std::size_t i = 0; i < contents.size(); ++i) {
    const std::uint8_t octet = contents[i];
    if (at_start && octet == 0x80) return fail(der::Errc::invalid_value, "OID not minimal");
    if (value > (UINT64_MAX >> 7)) return fail(der::Errc::invalid_value, "OID arc too large");
    value = value << 7 | (octet & 0x7Fu);
    at_start = (octet & 0x80) == 0;
    if (!at_start) continue;
    if (first) {
      const std::uint64_t top = value < 40 ? 0 : value < 80 ? 1 : 2;
      text = std::to_string(top) + "." + std::to_string(value - 40 * top);
      first = false;
    } else {
      text += "." + std::to_string(value);
    }
    value = 0;
  }
  if (!at_start) return fail(der::Errc::truncated, "OID");
  return text;
}

Result<Bytes> oid_from_text(std::string_view dotted) {
  std::vector<std::uint64_t> arcs;
  std::size_t start = 0;
  while (start <= dotted.size()) {
    const std::size_t end = std::min(dotted.find('.', start), dotted.size());
    const std::string_view digits = dotted.substr(start, end - start);
    if (digits.empty() || digits.size() > 18 || (digits.size() > 1 && digits[0] == '0') ||
        !std::ranges::all_of(digits, [](char c) { return c >= '0' && c <= '9'; })) {
      return fail(der::Errc::invalid_value, "OID text");
    }
    std::uint64_t arc = 0;
    for (char c : digits) arc = arc * 10 + static_cast<std::uint64_t>(c - '0');
    arcs.push_back(arc);
    start = end + 1;
  }
  if (arcs.size() < 2 || arcs[0] > 2 || (arcs[0] < 2 && arcs[1] >= 40)) {
    return fail(der::Errc::invalid_value, "OID text");
  }
  Bytes out;
  auto append_arc = [&](std::uint64_t arc) {
    std::uint8_t groups[10];
    std::size_t n = 0;
    do {
      groups[n++] = static_cast<std::uint8_t>(arc & 0x7F);
      arc >>= 7;
    } while (arc != 0);
    while (n-- > 0) out.push_back(static_cast<std::uint8_t>(groups[n] | (n > 0 ? 0x80 : 0x00)));
  };
  append_arc(arcs[0] * 40 + arcs[1]);
  for (std::size_t i = 2; i < arcs.size(); ++i) append_arc(arcs[i]);
  return out;
}

Result<Bytes> encode_certificate_policies(std::string_view dotted_oid) {
  auto oid = oid_from_text(dotted_oid);
  if (!oid) return std::unexpected(oid.error());
  der::Writer w;
  w.add_constructed(kSequence, [&](der::Writer& policies) {
    policies.add_constructed(kSequence, [&](der::Writer& info) { info.add(kOid, *oid); });
  });
  return w.take();
}

Result<Bytes> parse_subject_key_identifier(ByteView extn_value) {
  der::Reader r(extn_value);
  auto ski = r.read_octets(kOctetString);
  if (!ski) return pass(ski, "subjectKeyIdentifier");
  if (auto f = r.finish(); !f) return pass(f, "subjectKeyIdentifier");
  if (ski->empty()) return fail(der::Errc::invalid_value, "subjectKeyIdentifier empty");
  return Bytes(ski->begin(), ski->end());
}

Result<std::optional<Bytes>> parse_authority_key_identifier(ByteView extn_value) {
  der::Reader top(extn_value);
  auto aki = top.read_constructed(kSequence);
  if (!aki) return pass(aki, "authorityKeyIdentifier");
  if (auto f = top.finish(); !f) return pass(f, "authorityKeyIdentifier");
  auto key_id = aki->read_optional(0x80);
  if (!key_id) return pass(key_id, "authorityKeyIdentifier.keyIdentifier");
  for (der::Tag optional : {der::Tag{0xA1}, der::Tag{0x82}}) {
    if (auto o = aki->read_optional(optional); !o) return pass(o, "authorityKeyIdentifier");
  }
  if (auto f = aki->finish(); !f) return pass(f, "authorityKeyIdentifier");
  if (!*key_id) return std::optional<Bytes>{};
  if ((*key_id)->value.empty())
    return fail(der::Errc::invalid_value, "authorityKeyIdentifier empty");
  return std::optional<Bytes>(Bytes((*key_id)->value.begin(), (*key_id)->value.end()));
}

Result<std::vector<std::string>> parse_certificate_policies(ByteView extn_value) {
  der::Reader top(extn_value);
  auto policies = top.read_constructed(kSequence);
  if (!policies) return pass(policies, "certificatePolicies");
  if (auto f = top.finish(); !f) return pass(f, "certificatePolicies");
  if (policies->empty()) return fail(der::Errc::invalid_value, "certificatePolicies empty");
  std::vector<std::string> out;
  while (!policies->empty()) {
    auto info = policies->read_constructed(kSequence);
    if (!info) return pass(info, "PolicyInformation");
    auto oid = info->read_octets(kOid);
    if (!oid) return pass(oid, "policyIdentifier");
    if (auto q = info->read_optional(kSequence); !q) return pass(q, "policyQualifiers");
    if (auto f = info->finish(); !f) return pass(f, "PolicyInformation");
    auto text = oid_to_text(*oid);
    if (!text) return pass(text, "policyIdentifier");
    out.push_back(std::move(*text));
  }
  return out;
}

Result<std::optional<std::string>> parse_registered_id(ByteView extn_value) {
  der::Reader top(extn_value);
  auto names = top.read_constructed(kSequence);
  if (!names) return pass(names, "subjectAltName");
  if (auto f = top.finish(); !f) return pass(f, "subjectAltName");
  if (names->empty()) return fail(der::Errc::invalid_value, "subjectAltName empty");
  std::optional<std::string> registered_id;
  while (!names->empty()) {
    auto name = names->read();
    if (!name) return pass(name, "GeneralName");
    if (name->tag != 0x88) continue;  // registeredID [8] IMPLICIT OBJECT IDENTIFIER
    if (registered_id) return fail(der::Errc::invalid_value, "more than one registeredID");
    auto text = oid_to_text(name->value);
    if (!text) return pass(text, "registeredID");
    registered_id = std::move(*text);
  }
  return registered_id;
}

Result<std::vector<std::string>> parse_permitted_eid_prefixes(ByteView extn_value) {
  der::Reader top(extn_value);
  auto nc = top.read_constructed(kSequence);
  if (!nc) return pass(nc, "nameConstraints");
  if (auto f = top.finish(); !f) return pass(f, "nameConstraints");
  std::vector<std::string> prefixes;
  for (der::Tag subtrees_tag : {der::Tag{0xA0}, der::Tag{0xA1}}) {
    auto subtrees_tlv = nc->read_optional(subtrees_tag);
    if (!subtrees_tlv) return pass(subtrees_tlv, "nameConstraints");
    if (!*subtrees_tlv) continue;
    auto subtrees = nc->enter(**subtrees_tlv);
    if (!subtrees) return pass(subtrees, "nameConstraints");
    if (subtrees->empty()) return fail(der::Errc::invalid_value, "GeneralSubtrees empty");
    while (!subtrees->empty()) {
      auto subtree = subtrees->read_constructed(kSequence);
      if (!subtree) return pass(subtree, "GeneralSubtree");
      auto base = subtree->read();
      if (!base) return pass(base, "GeneralSubtree.base");
      for (der::Tag optional : {der::Tag{0x80}, der::Tag{0x81}}) {
        if (auto o = subtree->read_optional(optional); !o) return pass(o, "GeneralSubtree");
      }
      if (auto f = subtree->finish(); !f) return pass(f, "GeneralSubtree");
      if (subtrees_tag != 0xA0 || base->tag != 0xA4) continue;  // permitted directoryName only
      auto name = subtree->enter(*base);
      if (!name) return pass(name, "directoryName");
      if (auto c = collect_serial_numbers(*name, prefixes); !c) return pass(c, "directoryName");
    }
  }
  if (auto f = nc->finish(); !f) return pass(f, "nameConstraints");
  return prefixes;
}

Bytes encode_eum_name_constraints(std::string_view organization, std::string_view eid_prefix) {
  auto attribute = [](ByteView type, der::Tag string_tag, std::string_view value) {
    return [=](der::Writer& rdn) {
      rdn.add_constructed(kSequence, [&](der::Writer& atv) {
        atv.add(kOid, type).add(string_tag, as_bytes(value));
      });
    };
  };
  der::Writer w;
  w.add_constructed(kSequence, [&](der::Writer& nc) {
    nc.add_constructed(0xA0, [&](der::Writer& permitted) {
      permitted.add_constructed(kSequence, [&](der::Writer& subtree) {
        subtree.add_constructed(0xA4, [&](der::Writer& directory_name) {
          directory_name.add_constructed(kSequence, [&](der::Writer& rdns) {
            rdns.add_constructed(kSet, attribute(kOrganizationOid, kUtf8String, organization));
            rdns.add_constructed(kSet, attribute(kSerialNumberOid, kPrintableString, eid_prefix));
          });
        });
      });
    });
  });
  return w.take();
}

}  // namespace smdp::pki::ext
