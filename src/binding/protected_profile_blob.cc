// SPDX-License-Identifier: Apache-2.0
#include "binding/protected_profile.h"
#include "binding/scp03t.h"
#include "der/der.h"
#include "der/writer.h"

namespace smdp::binding {

Bytes serialise_protected_package(const ProtectedProfilePackage& ppp) {
  der::Writer w;
  w.add_constructed(0x30, [&](der::Writer& seq) {
    seq.add(0x80, ppp.ppk.s_enc);
    seq.add(0x81, ppp.ppk.s_mac);
    seq.add(0x82, ppp.ppk.initial_mcv);
    seq.add_constructed(0xA3, [&](der::Writer& segments) {
      for (const auto& s : ppp.segments) segments.add_raw(s);
    });
  });
  return w.take();
}

Result<ProtectedProfilePackage> parse_protected_package(ByteView serialised) {
  auto bad = [] { return fail(Errc::structure, "stored protected profile package"); };
  der::Reader top(serialised);
  auto seq = top.read_constructed(0x30);
  if (!seq || !top.finish()) return bad();
  auto enc = seq->read_octets(0x80);
  auto mac = seq->read_octets(0x81);
  auto mcv = seq->read_octets(0x82);
  auto segments = seq->read_constructed(0xA3);
  if (!enc || !mac || !mcv || !segments || !seq->finish()) return bad();
  if (enc->size() != 16 || mac->size() != 16 || mcv->size() != 16) return bad();
  ProtectedProfilePackage ppp;
  ppp.ppk = ChannelKeys(*enc, *mac, *mcv);
  while (!segments->empty()) {
    auto segment = segments->read(0x86);
    if (!segment) return bad();
    ppp.segments.emplace_back(segment->raw.begin(), segment->raw.end());
  }
  if (ppp.segments.empty()) return bad();
  return ppp;
}

}  // namespace smdp::binding
