// SPDX-License-Identifier: Apache-2.0
// Personalisation variables: names, text rules, storage form (variables.h).
#include "saip/variables.h"

#include <algorithm>
#include <array>
#include <utility>

#include "saip/package.h"

namespace smdp::saip {
namespace {

struct KindName {
  VariableKind kind;
  std::string_view name;
};

constexpr std::array<KindName, 9> kNames{{
    {VariableKind::iccid, "iccid"},
    {VariableKind::imsi, "imsi"},
    {VariableKind::ki, "ki"},
    {VariableKind::opc, "opc"},
    {VariableKind::pin1, "pin1"},
    {VariableKind::pin2, "pin2"},
    {VariableKind::puk1, "puk1"},
    {VariableKind::puk2, "puk2"},
    {VariableKind::adm1, "adm1"},
}};

constexpr std::string_view kEfPrefix = "ef:";

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool all_digits(std::string_view s) { return std::ranges::all_of(s, is_digit); }
bool all_hex(std::string_view s) { return std::ranges::all_of(s, is_hex); }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// A path segment: a name ("ef-spn", "pinCodes") with an optional occurrence "[1]".
bool valid_path_segment(std::string_view seg) {
  if (seg.empty()) return false;
  std::string_view name = seg;
  if (const auto open = seg.find('['); open != std::string_view::npos) {
    if (seg.back() != ']' || open + 2 >= seg.size()) return false;
    if (!all_digits(seg.substr(open + 1, seg.size() - open - 2))) return false;
    name = seg.substr(0, open);
  }
  if (name.empty()) return false;
  return std::ranges::all_of(name, [](char c) {
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
  });
}

bool valid_file_path(std::string_view path) {
  std::size_t segments = 0;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    if (!valid_path_segment(path.substr(start, end - start))) return false;
    ++segments;
    if (end == path.size()) break;
    start = end + 1;
  }
  return segments >= 2;  // a PE and a File inside it
}

std::string strip_spaces(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (!is_space(c)) out += c;
  }
  return out;
}

std::string upper(std::string s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'f') c = static_cast<char>(c - 'a' + 'A');
  }
  return s;
}

// Nibbles of a digit string, F-padded to `octets`, high nibble first when !swapped.
Bytes encode_bcd(std::string_view digits, std::size_t octets, bool swapped) {
  Bytes out(octets, 0xFF);
  for (std::size_t i = 0; i < digits.size() && i / 2 < octets; ++i) {
    const auto d = static_cast<std::uint8_t>(digits[i] - '0');
    const bool high = (i % 2 == 0) != swapped;
    std::uint8_t& b = out[i / 2];
    b = high ? static_cast<std::uint8_t>((b & 0x0F) | (d << 4))
             : static_cast<std::uint8_t>((b & 0xF0) | d);
  }
  return out;
}

Result<std::string> rule_broken(const Variable& v, std::string_view rule) {
  return fail(Errc::invalid_value, v.name() + ": " + std::string(rule));
}

}  // namespace

std::string Variable::name() const {
  if (kind == VariableKind::ef_content) return std::string(kEfPrefix) + path;
  for (const auto& kn : kNames) {
    if (kn.kind == kind) return std::string(kn.name);
  }
  return {};
}

bool Variable::secret() const {
  switch (kind) {
    case VariableKind::ki:
    case VariableKind::opc:
    case VariableKind::pin1:
    case VariableKind::pin2:
    case VariableKind::puk1:
    case VariableKind::puk2:
    case VariableKind::adm1:
      return true;
    case VariableKind::iccid:
    case VariableKind::imsi:
    case VariableKind::ef_content:
      return false;
  }
  return true;
}

Result<Variable> parse_variable(std::string_view name) {
  name = trim(name);
  for (const auto& kn : kNames) {
    if (kn.name == name) return Variable{kn.kind, {}};
  }
  if (name.starts_with(kEfPrefix)) {
    const std::string_view path = name.substr(kEfPrefix.size());
    if (valid_file_path(path)) return Variable{VariableKind::ef_content, std::string(path)};
    return fail(Errc::invalid_value, "variable " + std::string(name) + ": not a file path");
  }
  return fail(Errc::invalid_value, "unknown variable " + std::string(name));
}

Result<std::vector<Variable>> parse_variable_list(std::string_view names) {
  std::vector<Variable> out;
  std::size_t start = 0;
  while (start <= names.size()) {
    const std::size_t end = std::min(names.find(',', start), names.size());
    auto v = parse_variable(names.substr(start, end - start));
    if (!v) return std::unexpected(v.error());
    if (std::ranges::find(out, *v) != out.end()) {
      return fail(Errc::invalid_value, "variable " + v->name() + " listed twice");
    }
    out.push_back(std::move(*v));
    start = end + 1;
  }
  if (std::ranges::none_of(out, [](const Variable& v) { return v.kind == VariableKind::iccid; })) {
    return fail(Errc::invalid_value, "variable list lacks iccid");
  }
  return out;
}

char luhn_check_digit(std::string_view digits) {
  unsigned sum = 0;
  bool dbl = true;  // the rightmost payload digit is doubled
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    unsigned d = static_cast<unsigned>(*it - '0');
    if (dbl) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    dbl = !dbl;
  }
  return static_cast<char>('0' + (10 - sum % 10) % 10);
}

Result<std::string> normalise_value(const Variable& variable, std::string_view text) {
  std::string s = strip_spaces(text);
  switch (variable.kind) {
    case VariableKind::iccid:
      if (s.size() < 18 || s.size() > 20 || !all_digits(s)) {
        return rule_broken(variable, "expected 18 to 20 digits");
      }
      if (luhn_check_digit(std::string_view(s).substr(0, s.size() - 1)) != s.back()) {
        return rule_broken(
            variable,
            "wrong Luhn check digit (E.118), expected " +
                std::string(1, luhn_check_digit(std::string_view(s).substr(0, s.size() - 1))));
      }
      return s;
    case VariableKind::imsi:
      if (s.size() < 6 || s.size() > 15 || !all_digits(s)) {
        return rule_broken(variable, "expected 6 to 15 digits");
      }
      return s;
    case VariableKind::ki:
    case VariableKind::opc:
      if ((s.size() != 32 && s.size() != 64) || !all_hex(s)) {
        return rule_broken(variable, "expected 32 or 64 hex digits");
      }
      return upper(std::move(s));
    case VariableKind::pin1:
    case VariableKind::pin2:
      if (s.size() < 4 || s.size() > 8 || !all_digits(s)) {
        return rule_broken(variable, "expected 4 to 8 digits");
      }
      return s;
    case VariableKind::puk1:
    case VariableKind::puk2:
      if (s.size() != 8 || !all_digits(s)) return rule_broken(variable, "expected 8 digits");
      return s;
    case VariableKind::adm1:
      if (s.size() >= 4 && s.size() <= 8 && all_digits(s)) return s;
      if (s.size() == 16 && all_hex(s)) return upper(std::move(s));
      return rule_broken(variable, "expected 4 to 8 digits or 16 hex digits");
    case VariableKind::ef_content:
      if (s.empty() || s.size() % 2 != 0 || !all_hex(s)) {
        return rule_broken(variable, "expected an even number of hex digits, at least 2");
      }
      return upper(std::move(s));
  }
  return rule_broken(variable, "unknown kind");
}

Bytes encode_iccid_ef(std::string_view iccid) { return encode_bcd(iccid, 10, true); }

Bytes encode_iccid_header(std::string_view iccid) { return encode_bcd(iccid, 10, false); }

std::optional<std::string> decode_iccid_header(ByteView octets) {
  if (octets.size() != 10) return std::nullopt;
  std::string out;
  bool padding = false;
  for (std::uint8_t b : octets) {
    for (const unsigned nibble : {static_cast<unsigned>(b >> 4), static_cast<unsigned>(b & 0x0F)}) {
      if (nibble == 0x0F) {
        padding = true;
      } else if (padding || nibble > 9) {
        return std::nullopt;
      } else {
        out += static_cast<char>('0' + nibble);
      }
    }
  }
  if (out.empty()) return std::nullopt;
  return out;
}

Bytes encode_imsi_ef(std::string_view imsi) {
  // Digit 1 shares the first octet with the parity/type nibble: b4 = odd count, b1-b3 '001'.
  std::string nibbles;
  nibbles += static_cast<char>(imsi.size() % 2 == 1 ? 9 : 1);
  for (char c : imsi) nibbles += static_cast<char>(c - '0');
  const std::size_t used = (nibbles.size() + 1) / 2;
  Bytes out(9, 0xFF);
  out[0] = static_cast<std::uint8_t>(used);
  for (std::size_t i = 0; i < nibbles.size() && 1 + i / 2 < out.size(); ++i) {
    std::uint8_t& b = out[1 + i / 2];
    const auto n = static_cast<std::uint8_t>(nibbles[i]);
    b = (i % 2 == 0) ? static_cast<std::uint8_t>((b & 0xF0) | n)
                     : static_cast<std::uint8_t>((b & 0x0F) | (n << 4));
  }
  return out;
}

std::optional<std::string> decode_imsi_ef(ByteView octets) {
  if (octets.size() < 2) return std::nullopt;
  const std::size_t used = octets[0];
  if (used < 1 || used > 8 || used + 1 > octets.size()) return std::nullopt;
  const unsigned type = octets[1] & 0x0F;
  if ((type & 0x07) != 1) return std::nullopt;
  const bool odd = (type & 0x08) != 0;
  std::string out;
  for (std::size_t i = 1; i < 2 * used; ++i) {  // nibble 0 is the parity/type nibble
    const std::uint8_t b = octets[1 + i / 2];
    const unsigned n = (i % 2 == 0) ? (b & 0x0F) : (b >> 4);
    const bool last = i == 2 * used - 1;
    if (n == 0x0F && last && !odd) break;
    if (n > 9) return std::nullopt;
    out += static_cast<char>('0' + n);
  }
  if ((out.size() % 2 == 1) != odd) return std::nullopt;
  return out;
}

Bytes encode_pin_value(std::string_view normalised) {
  if (normalised.size() == 16) {
    if (auto raw = from_hex(normalised)) return *raw;
  }
  Bytes out(8, 0xFF);
  for (std::size_t i = 0; i < normalised.size() && i < out.size(); ++i) {
    out[i] = static_cast<std::uint8_t>(normalised[i]);
  }
  return out;
}

std::string serialise_values(const SubscriptionValues& values) {
  std::string out;
  for (const auto& v : values) {
    out += v.variable.name();
    out += '=';
    out += v.value;
    out += '\n';
  }
  return out;
}

Result<SubscriptionValues> parse_values(std::string_view text) {
  SubscriptionValues out;
  std::size_t start = 0;
  std::size_t line_no = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view line = trim(text.substr(start, end - start));
    start = end + 1;
    ++line_no;
    if (line.empty()) continue;
    const std::size_t eq = line.find('=');
    if (eq == std::string_view::npos) {
      return fail(Errc::invalid_value, "line " + std::to_string(line_no) + ": no '='");
    }
    auto variable = parse_variable(line.substr(0, eq));
    if (!variable)
      return std::unexpected(in_context(variable.error(), "line " + std::to_string(line_no)));
    if (std::ranges::any_of(out, [&](const VariableValue& v) { return v.variable == *variable; })) {
      return fail(Errc::invalid_value, variable->name() + " given twice");
    }
    auto value = normalise_value(*variable, line.substr(eq + 1));
    if (!value) return std::unexpected(value.error());
    out.push_back({std::move(*variable), std::move(*value)});
  }
  return out;
}

const std::string* find_value(const SubscriptionValues& values, VariableKind kind) {
  for (const auto& v : values) {
    if (v.variable.kind == kind) return &v.value;
  }
  return nullptr;
}

}  // namespace smdp::saip
