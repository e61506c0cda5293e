// SPDX-License-Identifier: Apache-2.0
// ES8+ BPP framing (SGP.22 §2.5.5, §5.5): encode/decode of BF36 and its commands.
#include "asn1/bpp.h"

#include <openssl/crypto.h>

#include "asn1/codec.h"
#include "der/writer.h"

namespace smdp::asn1 {
namespace {

constexpr SizeRange kOctet1{1, 1};
constexpr SizeRange kHostIdSize{1, 16};  // OctetTo16

Bytes copy(ByteView v) { return {v.begin(), v.end()}; }

// An Octet1 component; 0 once `f` has failed (the caller then returns f's error).
std::uint8_t octet1(detail::Fields& f, der::Tag tag, std::string_view name) {
  const ByteView v = f.octets(tag, name, kOctet1);
  return v.empty() ? 0 : v[0];
}

// Ends a BPP command: its components are signed or MAC'd as sent, so unlike the ES9+
// messages no unknown extension element is tolerated.
Result<void> finish(detail::Fields& f, std::string_view type_name) {
  if (!f.failed() && !f.extensions().empty())
    f.fail_at(Error{make_error_code(der::Errc::trailing_bytes), {}}, {});
  if (auto s = f.status(); !s) return detail::failure(s.error(), type_name);
  return {};
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
  constexpr std::string_view kName = "InitialiseSecureChannelRequest";
  auto opened = detail::open(bf23_tlv, kTagInitialiseSecureChannel);
  if (!opened) return detail::failure(opened.error(), kName);
  detail::Fields f(opened->contents);
  InitialiseSecureChannelRequest out;
  out.remote_op_id = f.integer(0x82, "remoteOpId");
  out.transaction_id = copy(f.octets(0x80, "transactionId", kTransactionIdSize));
  const der::Tlv crt = f.opaque(0xA6, "controlRefTemplate");
  out.smdp_otpk = copy(f.octets(kTagOtpk, "smdpOtpk"));
  const der::Tlv sig = f.signature("smdpSign");
  if (auto done = finish(f, kName); !done) return std::unexpected(done.error());
  out.smdp_sign = copy(sig.value);
  // Everything before smdpSign is the signed part, as received.
  const ByteView value = opened->tlv.value;
  out.signed_part = copy(value.first(static_cast<std::size_t>(sig.raw.data() - value.data())));

  auto crt_opened = detail::open(crt.raw, 0xA6);
  if (!crt_opened) return detail::failure(crt_opened.error(), "controlRefTemplate");
  detail::Fields c(crt_opened->contents);
  out.control_ref_template.key_type = octet1(c, 0x80, "keyType");
  out.control_ref_template.key_len = octet1(c, 0x81, "keyLen");
  out.control_ref_template.host_id = copy(c.octets(0x84, "hostId", kHostIdSize));
  if (auto done = finish(c, "controlRefTemplate"); !done)
    return detail::failure(done.error(), kName);
  return out;
}

Bytes ConfigureIsdpRequest::encode() const {
  der::Writer w;
  if (dp_oid) {
    w.add_constructed(0xB8, [&](der::Writer& dp) {
      dp.add(kTagDpOid, *dp_oid);
      dp.add_raw(dp_extra);
    });
  }
  return der::tlv(kTagConfigureIsdp, w.bytes());
}

Result<ConfigureIsdpRequest> ConfigureIsdpRequest::decode(ByteView bf24_tlv) {
  constexpr std::string_view kName = "ConfigureISDPRequest";
  auto opened = detail::open(bf24_tlv, kTagConfigureIsdp);
  if (!opened) return detail::failure(opened.error(), kName);
  detail::Fields f(opened->contents);
  const auto dp = f.optional_opaque(0xB8, "dpProprietaryData");
  if (auto done = finish(f, kName); !done) return std::unexpected(done.error());
  ConfigureIsdpRequest out;
  if (!dp) return out;
  // DpProprietaryData: at most 128 bytes including tag and length (SGP.22 ASN.1).
  if (dp->raw.size() > 128)
    return fail(der::Errc::invalid_value, "ConfigureISDPRequest.dpProprietaryData size");
  auto dp_opened = detail::open(dp->raw, 0xB8);
  if (!dp_opened) return detail::failure(dp_opened.error(), kName);
  detail::Fields d(dp_opened->contents);
  out.dp_oid = copy(d.oid(kTagDpOid, "dpOid"));
  // "additional data objects defined by the SM-DP+ MAY follow": kept as they are.
  out.dp_extra = copy(d.extensions());
  if (auto s = d.status(); !s)
    return detail::failure(s.error(), "ConfigureISDPRequest.dpProprietaryData");
  return out;
}

ReplaceSessionKeysRequest::~ReplaceSessionKeysRequest() {
  for (Bytes* b : {&initial_mac_chaining_value, &ppk_enc, &ppk_cmac})
    OPENSSL_cleanse(b->data(), b->size());
}

Bytes ReplaceSessionKeysRequest::encode() const {
  der::Writer w;
  w.add(0x80, initial_mac_chaining_value).add(0x81, ppk_enc).add(0x82, ppk_cmac);
  return der::tlv(kTagReplaceSessionKeys, w.bytes());
}

Result<ReplaceSessionKeysRequest> ReplaceSessionKeysRequest::decode(ByteView bf26_tlv) {
  constexpr std::string_view kName = "ReplaceSessionKeysRequest";
  auto opened = detail::open(bf26_tlv, kTagReplaceSessionKeys);
  if (!opened) return detail::failure(opened.error(), kName);
  detail::Fields f(opened->contents);
  // SGP.22 uses AES-128 throughout: every value is 16 bytes.
  ReplaceSessionKeysRequest out;
  out.initial_mac_chaining_value = copy(f.octets(0x80, "initialMacChainingValue", kOctet16));
  out.ppk_enc = copy(f.octets(0x81, "ppkEnc", kOctet16));
  out.ppk_cmac = copy(f.octets(0x82, "ppkCmac", kOctet16));
  if (auto done = finish(f, kName); !done) return std::unexpected(done.error());
  return out;
}

namespace {

void add_sequence(der::Writer& w, der::Tag tag, const std::vector<Bytes>& items) {
  w.add_constructed(tag, [&](der::Writer& seq) {
    for (const Bytes& item : items) seq.add_raw(item);
  });
}

Result<std::vector<Bytes>> read_sequence(der::Reader& r, der::Tag tag, der::Tag element,
                                         const char* name) {
  auto seq = r.read_constructed(tag);
  if (!seq) return detail::failure(seq.error(), name);
  std::vector<Bytes> out;
  while (!seq->empty()) {
    auto item = seq->read(element);
    if (!item) return detail::failure(item.error(), name);
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
  if (!r) return detail::failure(r.error(), "BoundProfilePackage");
  if (auto f = top.finish(); !f) return detail::failure(f.error(), "BoundProfilePackage");
  BoundProfilePackage out;
  auto isc = r->read(kTagInitialiseSecureChannel);
  if (!isc)
    return detail::failure(isc.error(), "BoundProfilePackage.initialiseSecureChannelRequest");
  out.initialise_secure_channel = copy(isc->raw);
  auto first =
      read_sequence(*r, 0xA0, kTagEncryptedCommand, "BoundProfilePackage.firstSequenceOf87");
  if (!first) return std::unexpected(first.error());
  out.first_sequence_of_87 = std::move(*first);
  auto s88 = read_sequence(*r, 0xA1, kTagMacOnlyCommand, "BoundProfilePackage.sequenceOf88");
  if (!s88) return std::unexpected(s88.error());
  out.sequence_of_88 = std::move(*s88);
  if (r->peek_tag() == 0xA2) {
    auto second =
        read_sequence(*r, 0xA2, kTagEncryptedCommand, "BoundProfilePackage.secondSequenceOf87");
    if (!second) return std::unexpected(second.error());
    out.second_sequence_of_87 = std::move(*second);
  }
  auto s86 = read_sequence(*r, 0xA3, kTagProfileSegment, "BoundProfilePackage.sequenceOf86");
  if (!s86) return std::unexpected(s86.error());
  out.sequence_of_86 = std::move(*s86);
  if (auto f = r->finish(); !f) return detail::failure(f.error(), "BoundProfilePackage");
  return out;
}

}  // namespace smdp::asn1
