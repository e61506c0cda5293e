// SPDX-License-Identifier: Apache-2.0
// ASN.1 value notation reader for the TS.48 v7 oracle files (see value_notation.h).
#include "value_notation.h"

#include <cctype>
#include <optional>

namespace smdp::saip::testing {
namespace {

struct Token {
  enum class Kind {
    end,
    lbrace,
    rbrace,
    comma,
    colon,
    assign,
    identifier,
    number,
    hstring,
    string
  };
  Kind kind = Kind::end;
  std::string_view text;
  std::size_t offset = 0;
};

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  Token peek(std::size_t ahead = 0) {
    std::size_t saved = pos_;
    Token t;
    for (std::size_t i = 0; i <= ahead; ++i) t = next();
    pos_ = saved;
    return t;
  }

  Token next() {
    skip_space();
    Token t;
    t.offset = pos_;
    if (pos_ >= text_.size()) return t;
    const char c = text_[pos_];
    auto single = [&](Token::Kind k) {
      t.kind = k;
      t.text = text_.substr(pos_, 1);
      ++pos_;
      return t;
    };
    if (c == '{') return single(Token::Kind::lbrace);
    if (c == '}') return single(Token::Kind::rbrace);
    if (c == ',') return single(Token::Kind::comma);
    if (text_.substr(pos_, 3) == "::=") {
      t.kind = Token::Kind::assign;
      t.text = text_.substr(pos_, 3);
      pos_ += 3;
      return t;
    }
    if (c == ':') return single(Token::Kind::colon);
    if (c == '\'') {
      const std::size_t close = text_.find('\'', pos_ + 1);
      if (close == std::string_view::npos || close + 1 >= text_.size() || text_[close + 1] != 'H') {
        t.kind = Token::Kind::end;
        t.text = "bad hstring";
        pos_ = text_.size();
        return t;
      }
      t.kind = Token::Kind::hstring;
      t.text = text_.substr(pos_ + 1, close - pos_ - 1);
      pos_ = close + 2;
      return t;
    }
    if (c == '"') {
      const std::size_t close = text_.find('"', pos_ + 1);
      if (close == std::string_view::npos) {
        pos_ = text_.size();
        return t;
      }
      t.kind = Token::Kind::string;
      t.text = text_.substr(pos_ + 1, close - pos_ - 1);
      pos_ = close + 1;
      return t;
    }
    const std::size_t start = pos_;
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '-') {
      ++pos_;
      while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) ++pos_;
      t.kind = Token::Kind::number;
      t.text = text_.substr(start, pos_ - start);
      return t;
    }
    if (std::isalpha(static_cast<unsigned char>(c))) {
      while (pos_ < text_.size() &&
             (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '-')) {
        ++pos_;
      }
      t.kind = Token::Kind::identifier;
      t.text = text_.substr(start, pos_ - start);
      return t;
    }
    t.text = "unexpected character";
    pos_ = text_.size();
    return t;
  }

 private:
  void skip_space() {
    while (pos_ < text_.size()) {
      if (std::isspace(static_cast<unsigned char>(text_[pos_]))) {
        ++pos_;
      } else if (text_.substr(pos_, 2) == "--") {
        const std::size_t eol = text_.find('\n', pos_);
        pos_ = eol == std::string_view::npos ? text_.size() : eol;
      } else if (text_.substr(pos_, 2) == "/*") {
        const std::size_t close = text_.find("*/", pos_ + 2);
        pos_ = close == std::string_view::npos ? text_.size() : close + 2;
      } else {
        break;
      }
    }
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

class Parser {
 public:
  explicit Parser(std::string_view text) : lex_(text) {}

  bool assignments(std::vector<ValueAssignment>& out) {
    while (lex_.peek().kind != Token::Kind::end) {
      ValueAssignment a;
      Token name = lex_.next();
      Token type = lex_.next();
      Token assign = lex_.next();
      if (name.kind != Token::Kind::identifier || type.kind != Token::Kind::identifier ||
          assign.kind != Token::Kind::assign) {
        return error(name, "expected 'name Type ::='");
      }
      a.name = name.text;
      a.type = type.text;
      auto v = value();
      if (!v) return false;
      a.value = std::move(*v);
      out.push_back(std::move(a));
    }
    return true;
  }

  std::string message;

 private:
  bool error(const Token& at, std::string_view what) {
    message = std::string(what) + " at offset " + std::to_string(at.offset);
    return false;
  }

  static bool starts_value(Token::Kind k) {
    return k == Token::Kind::lbrace || k == Token::Kind::identifier || k == Token::Kind::number ||
           k == Token::Kind::hstring || k == Token::Kind::string;
  }

  std::optional<Value> value() {
    Token t = lex_.next();
    Value v;
    switch (t.kind) {
      case Token::Kind::hstring: {
        auto b = from_hex(t.text);
        if (!b) return fail(t, "bad hex");
        v.kind = Value::Kind::octets;
        v.octets = std::move(*b);
        return v;
      }
      case Token::Kind::number:
        v.kind = Value::Kind::integer;
        v.integer = std::stoll(std::string(t.text));
        return v;
      case Token::Kind::string:
        v.kind = Value::Kind::string;
        v.text = t.text;
        return v;
      case Token::Kind::identifier:
        if (t.text == "NULL") {
          v.kind = Value::Kind::null;
          return v;
        }
        if (t.text == "TRUE" || t.text == "FALSE") {
          v.kind = Value::Kind::boolean;
          v.integer = t.text == "TRUE" ? 1 : 0;
          return v;
        }
        if (lex_.peek().kind == Token::Kind::colon) {
          lex_.next();
          auto inner = value();
          if (!inner) return std::nullopt;
          v.kind = Value::Kind::choice;
          v.text = t.text;
          v.members.emplace_back("", std::move(*inner));
          return v;
        }
        v.kind = Value::Kind::identifier;
        v.text = t.text;
        return v;
      case Token::Kind::lbrace:
        return braces(t);
      default:
        return fail(t, "expected a value");
    }
  }

  std::optional<Value> braces(const Token& open) {
    Value v;
    // { 2 23 143 1 } is an OBJECT IDENTIFIER: numbers without commas.
    if (lex_.peek().kind == Token::Kind::number && lex_.peek(1).kind == Token::Kind::number) {
      v.kind = Value::Kind::oid;
      while (lex_.peek().kind == Token::Kind::number) {
        v.arcs.push_back(std::stoull(std::string(lex_.next().text)));
      }
      if (lex_.next().kind != Token::Kind::rbrace) return fail(open, "unterminated OID");
      return v;
    }
    v.kind = Value::Kind::braces;
    if (lex_.peek().kind == Token::Kind::rbrace) {
      lex_.next();
      return v;
    }
    while (true) {
      std::string name;
      const Token first = lex_.peek();
      const Token second = lex_.peek(1);
      if (first.kind == Token::Kind::identifier && starts_value(second.kind) &&
          first.text != "NULL") {
        name = first.text;
        lex_.next();
      }
      auto member = value();
      if (!member) return std::nullopt;
      v.members.emplace_back(std::move(name), std::move(*member));
      const Token sep = lex_.next();
      if (sep.kind == Token::Kind::rbrace) return v;
      if (sep.kind != Token::Kind::comma) return fail(sep, "expected ',' or '}'");
    }
  }

  std::optional<Value> fail(const Token& t, std::string_view what) {
    error(t, what);
    return std::nullopt;
  }

  Lexer lex_;
};

}  // namespace

bool parse_value_notation(std::string_view text, std::vector<ValueAssignment>& out,
                          std::string& error) {
  Parser p(text);
  if (!p.assignments(out)) {
    error = p.message;
    return false;
  }
  return true;
}

Bytes encode_oid_contents(const std::vector<std::uint64_t>& arcs) {
  Bytes out;
  auto put = [&out](std::uint64_t n) {
    Bytes tmp;
    tmp.push_back(static_cast<std::uint8_t>(n & 0x7F));
    for (n >>= 7; n != 0; n >>= 7) tmp.push_back(static_cast<std::uint8_t>(0x80 | (n & 0x7F)));
    out.insert(out.end(), tmp.rbegin(), tmp.rend());
  };
  if (arcs.size() < 2) return out;
  put(arcs[0] * 40 + arcs[1]);
  for (std::size_t i = 2; i < arcs.size(); ++i) put(arcs[i]);
  return out;
}

}  // namespace smdp::saip::testing
