// SPDX-License-Identifier: Apache-2.0
// Profile package tree access: the Errc category, Node lookups, PE lookup and
// find_path (SAIP v3.x §8 ProfileElements addressed by their ASN.1 names).
#include "saip/package.h"

#include <charconv>
#include <string>

namespace smdp::saip {
namespace {

std::string errc_name(Errc e) {
  switch (e) {
    case Errc::malformed:
      return "SAIP: malformed profile package";
    case Errc::not_found:
      return "SAIP: element not found";
    case Errc::invalid_value:
      return "SAIP: invalid value";
    case Errc::invalid_package:
      return "SAIP: invalid profile package";
  }
  return "SAIP: unknown error";
}

}  // namespace

SMDP_DEFINE_ERROR_CATEGORY(Errc, "saip", errc_name)

namespace {

template <class NodeT>
NodeT* nth_named(std::vector<NodeT>& nodes, std::string_view name, std::size_t nth) {
  for (NodeT& n : nodes) {
    if (n.known && n.name == name) {
      if (nth == 0) return &n;
      --nth;
    }
  }
  return nullptr;
}

template <class NodeT>
const NodeT* nth_named(const std::vector<NodeT>& nodes, std::string_view name, std::size_t nth) {
  for (const NodeT& n : nodes) {
    if (n.known && n.name == name) {
      if (nth == 0) return &n;
      --nth;
    }
  }
  return nullptr;
}

// "name" or "name[3]"; nullopt when the segment is malformed.
struct Segment {
  std::string_view name;
  std::size_t nth = 0;
};
std::optional<Segment> parse_segment(std::string_view s) {
  Segment out;
  const std::size_t open = s.find('[');
  if (open == std::string_view::npos) {
    out.name = s;
  } else {
    if (!s.ends_with(']')) return std::nullopt;
    out.name = s.substr(0, open);
    const std::string_view digits = s.substr(open + 1, s.size() - open - 2);
    if (digits.empty()) return std::nullopt;
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), out.nth);
    if (ec != std::errc{} || ptr != digits.data() + digits.size()) return std::nullopt;
  }
  if (out.name.empty()) return std::nullopt;
  return out;
}

template <class Package, class NodeT>
NodeT* walk(Package& package, std::string_view path) {
  NodeT* node = nullptr;
  bool first = true;
  while (true) {
    const std::size_t slash = path.find('/');
    const std::string_view part = path.substr(0, slash);
    auto seg = parse_segment(part);
    if (!seg) return nullptr;
    node = first ? package.find(seg->name, seg->nth) : node->child(seg->name, seg->nth);
    if (node == nullptr) return nullptr;
    first = false;
    if (slash == std::string_view::npos) return node;
    path.remove_prefix(slash + 1);
  }
}

}  // namespace

const Node* Node::child(std::string_view child_name, std::size_t nth) const {
  return nth_named(children, child_name, nth);
}
Node* Node::child(std::string_view child_name, std::size_t nth) {
  return nth_named(children, child_name, nth);
}

std::optional<std::uint64_t> Node::as_uint() const {
  if (constructed() || value.empty() || value[0] >= 0x80) return std::nullopt;
  if (value.size() > 1 && value[0] == 0x00 && value[1] < 0x80) return std::nullopt;
  const std::size_t start = value[0] == 0x00 ? 1 : 0;
  if (value.size() - start > 8) return std::nullopt;
  std::uint64_t out = 0;
  for (std::size_t i = start; i < value.size(); ++i) out = out << 8 | value[i];
  return out;
}

const Node* ProfilePackage::find(std::string_view pe_name, std::size_t nth) const {
  return nth_named(elements, pe_name, nth);
}
Node* ProfilePackage::find(std::string_view pe_name, std::size_t nth) {
  return nth_named(elements, pe_name, nth);
}

const Node* find_path(const ProfilePackage& package, std::string_view path) {
  return walk<const ProfilePackage, const Node>(package, path);
}
Node* find_path(ProfilePackage& package, std::string_view path) {
  return walk<ProfilePackage, Node>(package, path);
}

}  // namespace smdp::saip
