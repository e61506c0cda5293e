// SPDX-License-Identifier: Apache-2.0
// Fuzz target: the strict DER reader (der/der.h) and its agreement with the writer.
//
// Invariants, for any input:
// - every element read() returns re-encodes (der::tlv of its tag and value) to exactly
//   its raw bytes, and raw lies inside the input: the reader accepts DER only, which
//   has one encoding per value;
// - peek_tag() agrees with the tag read() then returns;
// - parse_single() succeeds iff one read() succeeds and nothing is left;
// - validate_tree() accepts the input iff a recursive walk (every constructed value
//   entered) accepts it, and then re-encoding the walked tree gives the input back;
// - typed reads (read_uint, read_bool) re-encode to their contents octets.
#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "der/der.h"
#include "der/writer.h"
#include "fuzz_check.h"

namespace {

using smdp::Bytes;
using smdp::ByteView;
using smdp::fuzz::same;
namespace der = smdp::der;

bool inside(ByteView part, ByteView whole) {
  return part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size();
}

// Reads every element of `reader`, entering constructed ones, and appends their
// re-encoding to `out`. False on the first error.
bool walk(der::Reader reader, ByteView whole, Bytes& out) {
  while (!reader.empty()) {
    const auto peeked = reader.peek_tag();
    auto tlv = reader.read();
    if (!tlv) return false;
    FUZZ_CHECK(peeked && *peeked == tlv->tag);
    FUZZ_CHECK(inside(tlv->raw, whole));
    FUZZ_CHECK(inside(tlv->value, tlv->raw));
    FUZZ_CHECK(same(der::tlv(tlv->tag, tlv->value), tlv->raw));
    if (tlv->constructed()) {
      auto inner = reader.enter(*tlv);
      if (!inner) return false;
      Bytes contents;
      if (!walk(*inner, whole, contents)) return false;
      FUZZ_CHECK(same(contents, tlv->value));
      const Bytes again = der::tlv(tlv->tag, contents);
      out.insert(out.end(), again.begin(), again.end());
    } else {
      out.insert(out.end(), tlv->raw.begin(), tlv->raw.end());
    }
  }
  return true;
}

// Typed reads of primitive elements: each decoded value re-encodes to its contents.
void typed_reads(ByteView input) {
  der::Reader reader(input);
  while (const auto tag = reader.peek_tag()) {
    if (der::is_constructed(*tag)) {
      if (!reader.read()) return;
      continue;
    }
    der::Reader probe = reader;
    if (auto v = probe.read_uint(*tag)) {
      FUZZ_CHECK(same(der::encode_uint(*v), reader.read()->value));
      continue;
    }
    probe = reader;
    if (auto b = probe.read_bool(*tag)) {
      der::Writer w;
      w.add_bool(*tag, *b);
      FUZZ_CHECK(same(w.bytes(), reader.read()->raw));
      continue;
    }
    probe = reader;
    if (auto text = probe.read_utf8(*tag))
      FUZZ_CHECK(text->size() == reader.read()->value.size());
    else if (!reader.read())
      return;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const ByteView input = smdp::fuzz::input(data, size);

  Bytes reencoded;
  const bool walked = walk(der::Reader(input), input, reencoded);
  const bool valid = der::validate_tree(input).has_value();
  FUZZ_CHECK(walked == valid);
  if (valid) FUZZ_CHECK(same(reencoded, input));

  der::Reader one(input);
  const auto first = one.read();
  const auto single = der::parse_single(input);
  FUZZ_CHECK(single.has_value() == (first.has_value() && one.empty()));
  if (single) FUZZ_CHECK(same(single->raw, input) && single->tag == first->tag);

  typed_reads(input);
  return 0;
}
