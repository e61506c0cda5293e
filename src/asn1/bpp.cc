// SPDX-License-Identifier: Apache-2.0
// ES8+ BPP framing (SGP.22 §2.5.5, §5.5): encode/decode of BF36 and its commands.
#include "asn1/bpp.h"

#include <openssl/crypto.h>

#include "der/writer.h"

namespace smdp::asn1 {
namespace {

Bytes copy(ByteView v) { return {v.begin(), v.end()}; }

template <class T>
std::unexpected<Error> fwd(const Result<T>& r, std::string_view where) {
  return std::unexpected(in_context(r.error(), where));
}

Result<std::uint8_t> read_octet1(der::Reader& r, der::Tag tag) {
  auto v = r.read_octets(tag);
  if (!v) return std::unexpected(v.error());
  if (v->size() != 1) return fail(der::Errc::invalid_value, "Octet1");
  return (*v)[0];
}

}  // namespace

Bytes InitialiseSecureChannelRequest::encode_signed_part() const {
  der::Writer w;
  w.add_uint(0x82, remote_op_id);
  w.add(0x80, transaction_id);
  w.add_constructed(0xA6, [&](der::Writer& crt) {
    crt.add(0x80, ByteView(&control_ref_template.key_type, 1));
    crt.add(0x81, ByteView(&control_ref_template.key_len, 1));
    crt.add(0x84, control_ref_template.host_id);
  });
  w.add(kTagOtpk, smdp_otpk);
  return w.take();
}

Bytes InitialiseSecureChannelRequest::signature_input(ByteView signed_part, ByteView euicc_otpk) {
  Bytes out(signed_part.begin(), signed_part.end());
  append(out, der::tlv(kTagOtpk, euicc_otpk));
  return out;
}

Bytes InitialiseSecureChannelRequest::encode() const {
  Bytes content = signed_part.empty() ? encode_signed_part() : signed_part;
  append(content, der::tlv(kTagSignature, smdp_sign));
  return der::tlv(kTagInitialiseSecureChannel, content);
}

Result<InitialiseSecureChannelRequest> InitialiseSecureChannelRequest::decode(ByteView bf23_tlv) {
  auto top = der::parse_single(bf23_tlv);
  if (!top) return fwd(top, "InitialiseSecureChannelRequest");
  if (top->tag != kTagInitialiseSecureChannel) {
    return fail(der::Errc::wrong_tag, "InitialiseSecureChannelRequest");
  }
  der::Reader top_reader(bf23_tlv);
  auto r = top_reader.enter(*top);
  if (!r) return fwd(r, "InitialiseSecureChannelRequest");
  InitialiseSecureChannelRequest out;
  auto op = r->read_uint(0x82);
  if (!op) return fwd(op, "InitialiseSecureChannelRequest.remoteOpId");
  out.remote_op_id = *op;
  auto tid = r->read_octets(0x80);
  if (!tid) return fwd(tid, "InitialiseSecureChannelRequest.transactionId");
  if (tid->empty() || tid->size() > 16) return fail(der::Errc::invalid_value, "transactionId size");
  out.transaction_id = copy(*tid);
  auto crt = r->read_constructed(0xA6);
  if (!crt) return fwd(crt, "InitialiseSecureChannelRequest.controlRefTemplate");
  auto kt = read_octet1(*crt, 0x80);
  if (!kt) return fwd(kt, "controlRefTemplate.keyType");
  auto kl = read_octet1(*crt, 0x81);
  if (!kl) return fwd(kl, "controlRefTemplate.keyLen");
  auto host = crt->read_octets(0x84);
  if (!host) return fwd(host, "controlRefTemplate.hostId");
  if (host->empty() || host->size() > 16) return fail(der::Errc::invalid_value, "hostId size");
  if (auto f = crt->finish(); !f) return fwd(f, "controlRefTemplate");
  out.control_ref_template = {*kt, *kl, copy(*host)};
  auto otpk = r->read_octets(kTagOtpk);
  if (!otpk) return fwd(otpk, "InitialiseSecureChannelRequest.smdpOtpk");
  out.smdp_otpk = copy(*otpk);
  // Everything read so far is the signed part, as received.
  out.signed_part = copy(top->value.first(top->value.size() - r->remaining().size()));
  auto sig = r->read_octets(kTagSignature);
  if (!sig) return fwd(sig, "InitialiseSecureChannelRequest.smdpSign");
  out.smdp_sign = copy(*sig);
  if (auto f = r->finish(); !f) return fwd(f, "InitialiseSecureChannelRequest");
  return out;
}

Bytes ConfigureIsdpRequest::encode() const {
  der::Writer w;
  if (dp_oid) {
    w.add_constructed(0xB8, [&](der::Writer& dp) {
      dp.add(0x06, *dp_oid);
      dp.add_raw(dp_extra);
    });
  }
  return der::tlv(kTagConfigureIsdp, w.bytes());
}

Result<ConfigureIsdpRequest> ConfigureIsdpRequest::decode(ByteView bf24_tlv) {
  der::Reader top(bf24_tlv);
  auto r = top.read_constructed(kTagConfigureIsdp);
  if (!r) return fwd(r, "ConfigureISDPRequest");
  if (auto f = top.finish(); !f) return fwd(f, "ConfigureISDPRequest");
  ConfigureIsdpRequest out;
  auto dp = r->read_optional(0xB8);
  if (!dp) return fwd(dp, "ConfigureISDPRequest.dpProprietaryData");
  if (const std::optional<der::Tlv>& dp_tlv = *dp; dp_tlv.has_value()) {
    // DpProprietaryData: at most 128 bytes including tag and length (SGP.22 ASN.1).
    if (dp_tlv->raw.size() > 128) return fail(der::Errc::invalid_value, "dpProprietaryData size");
    auto inner = r->enter(*dp_tlv);
    if (!inner) return fwd(inner, "dpProprietaryData");
    auto oid = inner->read_octets(0x06);
    if (!oid) return fwd(oid, "dpProprietaryData.dpOid");
    if (oid->empty()) return fail(der::Errc::invalid_value, "dpOid empty");
    out.dp_oid = copy(*oid);
    out.dp_extra = copy(inner->remaining());
    if (auto v = der::validate_tree(out.dp_extra); !v) return fwd(v, "dpProprietaryData");
  }
  if (auto f = r->finish(); !f) return fwd(f, "ConfigureISDPRequest");
  return out;
}

ReplaceSessionKeysRequest::~ReplaceSessionKeysRequest() {
  for (Bytes* b : {&initial_mac_chaining_value, &ppk_enc, &ppk_cmac}) OPENSSL_cleanse(b->data(), b->size());
}

Bytes ReplaceSessionKeysRequest::encode() const {
  der::Writer w;
  w.add(0x80, initial_mac_chaining_value).add(0x81, ppk_enc).add(0x82, ppk_cmac);
  return der::tlv(kTagReplaceSessionKeys, w.bytes());
}

Result<ReplaceSessionKeysRequest> ReplaceSessionKeysRequest::decode(ByteView bf26_tlv) {
  der::Reader top(bf26_tlv);
  auto r = top.read_constructed(kTagReplaceSessionKeys);
  if (!r) return fwd(r, "ReplaceSessionKeysRequest");
  if (auto f = top.finish(); !f) return fwd(f, "ReplaceSessionKeysRequest");
  ReplaceSessionKeysRequest out;
  struct Field {
    der::Tag tag;
    Bytes* dest;
    const char* name;
  };
  for (const Field& f : {Field{0x80, &out.initial_mac_chaining_value, "initialMacChainingValue"},
                         Field{0x81, &out.ppk_enc, "ppkEnc"}, Field{0x82, &out.ppk_cmac, "ppkCmac"}}) {
    auto v = r->read_octets(f.tag);
    if (!v) return fwd(v, std::string("ReplaceSessionKeysRequest.") + f.name);
    // SGP.22 uses AES-128 throughout: every value is 16 bytes.
    if (v->size() != 16) return fail(der::Errc::invalid_value, f.name);
    *f.dest = copy(*v);
  }
  if (auto f = r->finish(); !f) return fwd(f, "ReplaceSessionKeysRequest");
  return out;
}

namespace {

void add_sequence(der::Writer& w, der::Tag tag, const std::vector<Bytes>& items) {
  w.add_constructed(tag, [&](der::Writer& seq) {
    for (const Bytes& item : items) seq.add_raw(item);
  });
}

Result<std::vector<Bytes>> read_sequence(der::Reader& r, der::Tag tag, der::Tag element, const char* name) {
  auto seq = r.read_constructed(tag);
  if (!seq) return fwd(seq, name);
  std::vector<Bytes> out;
  while (!seq->empty()) {
    auto item = seq->read(element);
    if (!item) return fwd(item, name);
    out.push_back(copy(item->raw));
  }
  return out;
}

}  // namespace

Bytes BoundProfilePackage::encode() const {
  der::Writer w;
  w.add_raw(initialise_secure_channel);
  add_sequence(w, 0xA0, first_sequence_of_87);
  add_sequence(w, 0xA1, sequence_of_88);
  if (second_sequence_of_87) add_sequence(w, 0xA2, *second_sequence_of_87);
  add_sequence(w, 0xA3, sequence_of_86);
  return der::tlv(kTagBoundProfilePackage, w.bytes());
}

Result<BoundProfilePackage> BoundProfilePackage::decode(ByteView bf36_tlv, der::Limits limits) {
  der::Reader top(bf36_tlv, limits);
  auto r = top.read_constructed(kTagBoundProfilePackage);
  if (!r) return fwd(r, "BoundProfilePackage");
  if (auto f = top.finish(); !f) return fwd(f, "BoundProfilePackage");
  BoundProfilePackage out;
  auto isc = r->read(kTagInitialiseSecureChannel);
  if (!isc) return fwd(isc, "BoundProfilePackage.initialiseSecureChannelRequest");
  out.initialise_secure_channel = copy(isc->raw);
  auto first = read_sequence(*r, 0xA0, kTagEncryptedCommand, "BoundProfilePackage.firstSequenceOf87");
  if (!first) return std::unexpected(first.error());
  out.first_sequence_of_87 = std::move(*first);
  auto s88 = read_sequence(*r, 0xA1, kTagMacOnlyCommand, "BoundProfilePackage.sequenceOf88");
  if (!s88) return std::unexpected(s88.error());
  out.sequence_of_88 = std::move(*s88);
  if (r->peek_tag() == 0xA2) {
    auto second = read_sequence(*r, 0xA2, kTagEncryptedCommand, "BoundProfilePackage.secondSequenceOf87");
    if (!second) return std::unexpected(second.error());
    out.second_sequence_of_87 = std::move(*second);
  }
  auto s86 = read_sequence(*r, 0xA3, kTagProfileSegment, "BoundProfilePackage.sequenceOf86");
  if (!s86) return std::unexpected(s86.error());
  out.sequence_of_86 = std::move(*s86);
  if (auto f = r->finish(); !f) return fwd(f, "BoundProfilePackage");
  return out;
}

}  // namespace smdp::asn1
