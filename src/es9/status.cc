// SPDX-License-Identifier: Apache-2.0
// ES9+ response header rendering (SGP.22 §6.5.1).
#include "es9/status.h"

namespace smdp::es9 {

std::string_view to_string(ExecutionStatus status) {
  switch (status) {
    case ExecutionStatus::kExecutedSuccess:
      return "Executed-Success";
    case ExecutionStatus::kExecutedWithWarning:
      return "Executed-WithWarning";
    case ExecutionStatus::kFailed:
      return "Failed";
    case ExecutionStatus::kExpired:
      return "Expired";
  }
  return "Failed";
}

FunctionStatus FunctionStatus::failed(StatusCode c, std::string_view msg) {
  return {ExecutionStatus::kFailed, c, std::string(msg)};
}

nlohmann::json FunctionStatus::header() const {
  nlohmann::json fes = {{"status", to_string(status)}};
  if (code) {
    nlohmann::json data = {{"subjectCode", code->subject}, {"reasonCode", code->reason}};
    if (message) data["message"] = *message;
    fes["statusCodeData"] = std::move(data);
  }
  return {{"functionExecutionStatus", std::move(fes)}};
}

std::string render_body(const FunctionStatus& status, nlohmann::json fields) {
  nlohmann::json body = nlohmann::json::object();
  body["header"] = status.header();
  if (fields.is_object()) {
    for (auto& [key, value] : fields.items()) body[key] = std::move(value);
  }
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string render_failure(StatusCode code, std::string_view message) {
  return render_body(FunctionStatus::failed(code, message));
}

}  // namespace smdp::es9
