// SPDX-License-Identifier: Apache-2.0
// Fuzz target: the TCA SAIP profile package decoder (saip/package.h) and validator.
//
// Invariants, for any input that decodes:
// - encode() gives the input back byte for byte (package.h's contract), and so does
//   the concatenation of each element's Node::encode();
// - the re-encoding decodes again, to a package with as many elements that re-encodes
//   identically;
// - validate() runs to completion, and its verdict does not change on the re-decoded
//   package (validation depends on the value only); every problem names a PE in range.
#include <cstddef>
#include <cstdint>

#include "fuzz_check.h"
#include "saip/package.h"
#include "saip/validate.h"

namespace {

using smdp::Bytes;
using smdp::ByteView;
using smdp::fuzz::same;
namespace saip = smdp::saip;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const ByteView input = smdp::fuzz::input(data, size);
  auto package = saip::ProfilePackage::decode(input);
  if (!package) return 0;

  const Bytes encoded = package->encode();
  FUZZ_CHECK(same(encoded, input));
  Bytes pieces;
  for (const saip::Node& pe : package->elements) pe.encode_to(pieces);
  FUZZ_CHECK(same(pieces, input));

  auto again = saip::ProfilePackage::decode(encoded);
  FUZZ_CHECK(again.has_value());
  FUZZ_CHECK(again->elements.size() == package->elements.size());
  FUZZ_CHECK(same(again->encode(), encoded));

  const saip::ValidationReport report = saip::validate(*package);
  for (const saip::Problem& p : report.problems) FUZZ_CHECK(p.pe_index <= package->elements.size());
  FUZZ_CHECK(saip::validate(*again).problems.size() == report.problems.size());
  (void)report.to_text();
  return 0;
}
