// SPDX-License-Identifier: Apache-2.0
// The error category of the software eUICC (card_errors.h).
#include "euicc/card_errors.h"

#include <string>

namespace smdp::euicc {
namespace {
std::string card_errc_name(CardErrc e) {
  switch (e) {
    case CardErrc::malformed_request:
      return "malformed ES10b request";
    case CardErrc::no_session:
      return "no RSP session";
    case CardErrc::invalid_state:
      return "invalid eUICC state blob";
    case CardErrc::wrong_eid:
      return "eUICC state of another EID";
  }
  return "unknown eUICC error";
}
}  // namespace

SMDP_DEFINE_ERROR_CATEGORY(CardErrc, "euicc.card", card_errc_name)

}  // namespace smdp::euicc
