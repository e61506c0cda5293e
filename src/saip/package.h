// SPDX-License-Identifier: Apache-2.0
// TCA eUICC Profile Package (SAIP, PEDefinitions.asn v3.x, also 2.x) as a tree of named
// values, decoded PE by PE from a schema transcribed from the ASN.1 module.
//
// Contract:
// - decode() accepts the DER of a sequence of ProfileElements (no outer wrapper) and
//   keeps everything: known fields are decoded into named Nodes, elements the schema
//   does not know (a future PE, an extension added after "...") are kept as opaque
//   Nodes with known == false.
// - encode() of a decoded package gives back the input byte for byte (DER has one
//   encoding per value, and every element is kept in its received order).
// - Names are the ASN.1 identifiers ("ef-imsi", "fillFileContent", "keyReference");
//   they point to static storage and stay valid for the program's life.
// - A SEQUENCE OF item is a Node named after its element ("item" when the element
//   type is anonymous); a CHOICE component holds one child, the chosen alternative
//   (AUTOMATIC TAGS make a tagged CHOICE explicit); an untagged CHOICE (a
//   ProfileElement, a File entry) is the alternative itself.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/bytes.h"
#include "base/error.h"
#include "der/der.h"

namespace smdp::saip {

enum class Errc {
  malformed = 1,    // not DER, or a value that does not match the schema
  not_found,        // a path or element that the package does not have
  invalid_value,    // a value that the schema or the caller's rule refuses
  invalid_package,  // a structurally valid package that fails validation
};

}  // namespace smdp::saip
SMDP_DECLARE_ERROR_ENUM(smdp::saip, Errc)

namespace smdp::saip {

struct Node {
  std::string_view name;  // ASN.1 identifier; "" for an unknown element
  der::Tag tag = 0;
  bool known = true;           // false: not in the schema, carried through as received
  Bytes value;                 // primitive contents, or the contents of an unknown element
  std::vector<Node> children;  // a known constructed value: its elements in order

  bool constructed() const { return der::is_constructed(tag); }
  // The nth child with this name, or null.
  const Node* child(std::string_view child_name, std::size_t nth = 0) const;
  Node* child(std::string_view child_name, std::size_t nth = 0);
  // A non-negative INTEGER's value, if this is one that fits 64 bits.
  std::optional<std::uint64_t> as_uint() const;
  // The DER of this node (tag, length, contents).
  Bytes encode() const;
  void encode_to(Bytes& out) const;
};

struct ProfilePackage {
  // Each element is a ProfileElement alternative: name "header", "mf", "usim",
  // "pinCodes", "akaParameter", "end", ...; an unknown PE has known == false.
  std::vector<Node> elements;

  static Result<ProfilePackage> decode(ByteView der);
  Bytes encode() const;

  // The nth PE with this name, or null.
  const Node* find(std::string_view pe_name, std::size_t nth = 0) const;
  Node* find(std::string_view pe_name, std::size_t nth = 0);
};

// Path lookup: "usim/ef-imsi", "header/iccid",
// "akaParameter/algoConfiguration/algoParameter/key". The first segment is a PE name,
// optionally with an occurrence "pinCodes[1]"; each further segment a child name,
// optionally with an occurrence. Null when absent.
const Node* find_path(const ProfilePackage& package, std::string_view path);
Node* find_path(ProfilePackage& package, std::string_view path);

// ---- Files (PEDefinitions "File ::= SEQUENCE OF CHOICE", §8.3 of the SAIP spec) ----

// The Fcp of a File node (its "fileDescriptor" entry), or null.
const Node* file_descriptor(const Node& file);
// The contents a File node writes, as the eUICC applies them: each fillFileContent at
// the current offset, each fillFileOffset advancing it; bytes not written are 0xFF.
// Empty when the File writes nothing.
Bytes file_content(const Node& file);
// Replaces every fillFileOffset/fillFileContent entry of `file` with one
// fillFileContent holding `content` (the descriptor and doNotCreate entries stay).
void set_file_content(Node& file, ByteView content);
// The fillFileContent entries' values in order (record files write one per record).
std::vector<const Node*> file_fill_contents(const Node& file);

// A File's size from its Fcp efFileSize (big-endian), if it has one.
std::optional<std::size_t> ef_file_size(const Node& fcp);

}  // namespace smdp::saip
