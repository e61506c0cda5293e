// SPDX-License-Identifier: Apache-2.0
// Response header rendering (SGP.22 §6.5.1).
#include "json/status.h"

namespace smdp::json {

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

nlohmann::json FunctionStatus::execution_status() const {
  nlohmann::json fes = {{"status", to_string(status)}};
  if (code) {
    nlohmann::json data = {{"subjectCode", code->subject}, {"reasonCode", code->reason}};
    if (message && !message->empty()) data["message"] = *message;
    fes["statusCodeData"] = std::move(data);
  }
  return fes;
}

nlohmann::json FunctionStatus::header() const {
  return {{"functionExecutionStatus", execution_status()}};
}

std::pair<std::string, std::string> read_execution_status(std::string_view body) {
  const nlohmann::json parsed = nlohmann::json::parse(body, nullptr, false);
  if (!parsed.is_object()) return {"", ""};
  const nlohmann::json* status = nullptr;
  if (auto h = parsed.find("header"); h != parsed.end() && h->is_object()) {
    if (auto f = h->find("functionExecutionStatus"); f != h->end() && f->is_object()) status = &*f;
  }
  if (status == nullptr) return {"", ""};
  auto text = [](const nlohmann::json& o, const char* key) {
    const auto it = o.find(key);
    return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  std::string code;
  if (auto d = status->find("statusCodeData"); d != status->end() && d->is_object())
    code = text(*d, "subjectCode") + "/" + text(*d, "reasonCode");
  return {text(*status, "status"), std::move(code)};
}

std::string dump(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string render_body(const FunctionStatus& status, nlohmann::json fields) {
  nlohmann::json body = nlohmann::json::object();
  body["header"] = status.header();
  if (fields.is_object()) {
    for (auto& [key, value] : fields.items()) body[key] = std::move(value);
  }
  return dump(body);
}

std::string render_failure(StatusCode code, std::string_view message) {
  return render_body(FunctionStatus::failed(code, message));
}

}  // namespace smdp::json
