// SPDX-License-Identifier: Apache-2.0
// ES9+ request parse errors and their generic status codes (SGP.22 §6.5).
#include "es9/request.h"

namespace smdp::es9 {
namespace {

std::string errc_name(Errc e) {
  switch (e) {
    case Errc::invalid_parameter:
      return "invalid parameter";
    case Errc::missing_parameter:
      return "mandatory parameter missing";
    case Errc::body_too_large:
      return "request body too large";
  }
  return "unknown es9 error";
}

}  // namespace

SMDP_DEFINE_ERROR_CATEGORY(Errc, "smdp.es9", errc_name)

StatusCode status_code(const Error& error) {
  return error.code == Errc::missing_parameter ? kMandatoryElementMissing : kInvalidParameter;
}

std::string render_failure(const Error& error) {
  return render_failure(status_code(error), error.message());
}

}  // namespace smdp::es9
