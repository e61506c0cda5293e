// SPDX-License-Identifier: Apache-2.0
#include "pki/chain_errors.h"

#include <string>

namespace smdp::pki {
namespace {
std::string chain_errc_name(ChainErrc e) {
  switch (e) {
    case ChainErrc::eum_malformed:
      return "eUICC chain: EUM certificate malformed";
    case ChainErrc::eum_invalid:
      return "eUICC chain: EUM certificate invalid";
    case ChainErrc::eum_expired:
      return "eUICC chain: EUM certificate expired";
    case ChainErrc::eum_wrong_curve:
      return "eUICC chain: EUM key not on the CI's curve";
    case ChainErrc::euicc_malformed:
      return "eUICC chain: eUICC certificate malformed";
    case ChainErrc::euicc_invalid:
      return "eUICC chain: eUICC certificate invalid";
    case ChainErrc::euicc_expired:
      return "eUICC chain: eUICC certificate expired";
    case ChainErrc::euicc_wrong_curve:
      return "eUICC chain: eUICC key not on the CI's curve";
    case ChainErrc::eid_outside_eum_range:
      return "eUICC chain: EID outside the EUM's permitted range";
    case ChainErrc::ci_unknown:
      return "eUICC chain: CI unknown or not the one selected";
    case ChainErrc::eid_mismatch:
      return "eUICC chain: EID differs from the expected one";
  }
  return "eUICC chain: unknown error";
}
}  // namespace

SMDP_DEFINE_ERROR_CATEGORY(ChainErrc, "euicc-chain", chain_errc_name)

}  // namespace smdp::pki
