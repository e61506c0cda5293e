// SPDX-License-Identifier: Apache-2.0
// Persistence of the software eUICC's durable state (what a card keeps in NVM across
// power cycles): installed profiles, pending notifications and the next notification
// sequence number (SGP.22 §5.7.10), as JSON with base64 byte strings. Sessions,
// challenges and one-time keys are volatile and not saved, as on a card.
#include <openssl/evp.h>

#include <nlohmann/json.hpp>

#include "euicc/card.h"
#include "euicc/card_errors.h"
#include "euicc/card_impl.h"

namespace smdp::euicc {
namespace {

constexpr int kStateVersion = 1;

std::string base64(ByteView data) {
  std::string out(4 * ((data.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data.data(),
                                static_cast<int>(data.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

// Canonical padded base64 only; nullopt otherwise.
std::optional<Bytes> unbase64(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  Bytes out(text.size() / 4 * 3);
  const int n = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(text.data()),
                                static_cast<int>(text.size()));
  if (n < 0) return std::nullopt;
  std::size_t padding = 0;
  if (!text.empty() && text.back() == '=') ++padding;
  if (text.size() > 1 && text[text.size() - 2] == '=') ++padding;
  out.resize(static_cast<std::size_t>(n) - padding);
  if (base64(out) != text) return std::nullopt;
  return out;
}

Bytes bytes_field(const nlohmann::json& j, const char* key) {
  auto b = unbase64(j.at(key).get<std::string>());
  if (!b) throw std::invalid_argument(key);
  return *b;
}

}  // namespace

Bytes Card::save_state() const {
  const Impl& card = *impl_;
  nlohmann::json state;
  state["version"] = kStateVersion;
  state["eid"] = card.config.eid;
  state["next_seq_number"] = card.next_seq_number;
  state["profiles"] = nlohmann::json::array();
  for (const auto& p : card.profiles) {
    state["profiles"].push_back({{"iccid", p.iccid},
                                 {"profile_package", base64(p.profile_package)},
                                 {"store_metadata", base64(p.store_metadata)},
                                 {"used_ppk", p.used_ppk}});
  }
  state["notifications"] = nlohmann::json::array();
  for (const auto& n : card.notifications) {
    state["notifications"].push_back({{"seq_number", n.seq_number}, {"der", base64(n.der)}});
  }
  const std::string text = state.dump(2);
  return Bytes(text.begin(), text.end());
}

Result<void> Card::restore_state(ByteView blob) {
  Impl& card = *impl_;
  std::vector<InstalledProfileInfo> profiles;
  std::vector<PendingNotificationEntry> notifications;
  std::int64_t next_seq = 0;
  try {
    const auto state = nlohmann::json::parse(as_chars(blob));
    if (state.at("version").get<int>() != kStateVersion) {
      return fail(CardErrc::invalid_state, "version");
    }
    if (state.at("eid").get<std::string>() != card.config.eid) {
      return fail(CardErrc::wrong_eid, "state of EID " + state.at("eid").get<std::string>());
    }
    next_seq = state.at("next_seq_number").get<std::int64_t>();
    for (const auto& p : state.at("profiles")) {
      profiles.push_back({.iccid = p.at("iccid").get<std::string>(),
                          .profile_package = bytes_field(p, "profile_package"),
                          .store_metadata = bytes_field(p, "store_metadata"),
                          .used_ppk = p.at("used_ppk").get<bool>()});
    }
    for (const auto& n : state.at("notifications")) {
      const auto seq = n.at("seq_number").get<std::int64_t>();
      if (seq <= 0 || seq >= next_seq) return fail(CardErrc::invalid_state, "seq_number");
      notifications.push_back({seq, bytes_field(n, "der")});
    }
  } catch (const std::exception& e) {
    return fail(CardErrc::invalid_state, e.what());
  }
  if (next_seq < 1) return fail(CardErrc::invalid_state, "next_seq_number");
  card.profiles = std::move(profiles);
  card.notifications = std::move(notifications);
  card.next_seq_number = next_seq;
  card.session.reset();
  card.euicc_challenge.reset();
  return {};
}

}  // namespace smdp::euicc
