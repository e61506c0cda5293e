// SPDX-License-Identifier: Apache-2.0
// ES10b.CancelSession on the software eUICC (SGP.22 §5.7.14, §3.1.5): the signed
// CancelSessionResponse that lets the SM-DP+ end the RSP session.
#include "asn1/cancel_session.h"

#include <algorithm>

#include "der/der.h"
#include "euicc/card.h"
#include "euicc/card_errors.h"
#include "euicc/card_impl.h"

namespace smdp::euicc {
namespace {

constexpr std::uint64_t kInvalidTransactionId = 5;

struct CancelSessionRequest {
  ByteView transaction_id;
  std::uint64_t reason = 0;
};

// CancelSessionRequest ::= [65] SEQUENCE { transactionId TransactionId,
// reason CancelSessionReason }, AUTOMATIC TAGS: BF41 { 80 tid, 81 reason }.
Result<CancelSessionRequest> decode_request(ByteView der) {
  der::Reader outer(der);
  auto inner = outer.read_constructed(0xBF41);
  if (!inner) return std::unexpected(inner.error());
  if (auto done = outer.finish(); !done) return std::unexpected(done.error());
  CancelSessionRequest req;
  auto tid = inner->read_octets(0x80);
  if (!tid) return std::unexpected(in_context(tid.error(), "transactionId"));
  if (tid->empty() || tid->size() > 16) return fail(CardErrc::malformed_request, "transactionId");
  req.transaction_id = *tid;
  auto reason = inner->read_uint(0x81);
  if (!reason) return std::unexpected(in_context(reason.error(), "reason"));
  req.reason = *reason;
  if (auto done = inner->finish(); !done) return std::unexpected(done.error());
  return req;
}

}  // namespace

Result<Bytes> Card::cancel_session(ByteView request) {
  Impl& card = *impl_;
  auto req = decode_request(request);
  if (!req) return std::unexpected(in_context(req.error(), "ES10b.CancelSession"));

  asn1::CancelSessionResponse response;
  if (!card.session || !std::ranges::equal(req->transaction_id, card.session->transaction_id)) {
    response.result = kInvalidTransactionId;
    return response.encode();
  }
  asn1::CancelSessionResponseOk ok;
  ok.euicc_cancel_session_signed.transaction_id = card.session->transaction_id;
  ok.euicc_cancel_session_signed.smdp_oid = card.session->smdp_oid;  // from CERT.DPauth
  ok.euicc_cancel_session_signed.reason = req->reason;
  const crypto::RawSignature signature = card.sign(ok.euicc_cancel_session_signed.encode());
  ok.euicc_cancel_session_signature.assign(signature.begin(), signature.end());
  response.result = std::move(ok);
  card.session.reset();
  return response.encode();
}

}  // namespace smdp::euicc
