#include "query.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <string>

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>

#include "decimal.h"
#include "query_schema.h"
#include "text/ascii.h"

namespace qbo_sandbox::query {
namespace {

using qbo_sync::text::ascii_lower;
using qbo_sync::text::equal_ascii_nocase;
using schema::EntityRules;
using schema::filterable_field;
using schema::find_entity;
using schema::validation_fault;

// ---------------------------------------------------------------------------------------------
// Faults, with QBO's texts.

Fault parser_fault(std::string detail) {
  return make_fault("4000", "Error parsing query", "QueryParserError: " + std::move(detail));
}

// ---------------------------------------------------------------------------------------------
// Tokens.

// `invalid` stands for a lexical error, reported only if the parser gets that far (as QBO
// reports a stray word before an unterminated string after it).
enum class TokenKind { identifier, string, number, symbol, end, invalid };

struct Token {
  TokenKind kind = TokenKind::end;
  std::string text;   // identifiers and symbols as written; strings unescaped
  std::string image;  // exactly as written in the query
  int column = 1;     // 1-based, as QBO reports it
  std::optional<Fault> lexical_error;
};

// The query language's lexer, reporting errors in QBO's (JavaCC's) wording.
std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  std::size_t position = 0;
  auto lexical_error = [&](std::string encountered, std::string_view after) {
    return parser_fault("Invalid content. Lexical error at line 1, column " +
                        std::to_string(position + 1) + ".  Encountered: " + encountered +
                        ", after : \"" + std::string(after) + "\"");
  };
  while (position < text.size()) {
    const char character = text[position];
    const int column = static_cast<int>(position) + 1;
    if (std::isspace(static_cast<unsigned char>(character))) {
      ++position;
      continue;
    }
    if (std::isalpha(static_cast<unsigned char>(character)) || character == '_') {
      std::size_t end = position;
      while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) ||
                                   text[end] == '_' || text[end] == '.')) {
        ++end;
      }
      const std::string word(text.substr(position, end - position));
      tokens.push_back({TokenKind::identifier, word, word, column, std::nullopt});
      position = end;
      continue;
    }
    if (std::isdigit(static_cast<unsigned char>(character)) ||
        (character == '-' && position + 1 < text.size() &&
         std::isdigit(static_cast<unsigned char>(text[position + 1])))) {
      std::size_t end = position + 1;
      while (end < text.size() &&
             (std::isdigit(static_cast<unsigned char>(text[end])) || text[end] == '.')) {
        ++end;
      }
      const std::string number(text.substr(position, end - position));
      tokens.push_back({TokenKind::number, number, number, column, std::nullopt});
      position = end;
      continue;
    }
    if (character == '\'') {
      std::string value;
      std::size_t end = position + 1;
      bool closed = false;
      while (end < text.size()) {
        if (text[end] == '\\' && end + 1 < text.size()) {
          value += text[end + 1];  // \' and \\ stand for the character itself
          end += 2;
          continue;
        }
        if (text[end] == '\'') {
          closed = true;
          break;
        }
        value += text[end];
        ++end;
      }
      if (!closed) {
        const std::string_view after = text.substr(position, end - position);
        position = end;
        tokens.push_back({TokenKind::invalid, "", "", column, lexical_error("<EOF>", after)});
        return tokens;
      }
      tokens.push_back({TokenKind::string, value,
                        std::string(text.substr(position, end + 1 - position)), column,
                        std::nullopt});
      position = end + 1;
      continue;
    }
    if (character == '<' || character == '>') {
      std::string symbol(1, character);
      if (position + 1 < text.size() && text[position + 1] == '=') {
        symbol += '=';
      }
      tokens.push_back({TokenKind::symbol, symbol, symbol, column, std::nullopt});
      position += symbol.size();
      continue;
    }
    if (character == '=' || character == '*' || character == '(' || character == ')' ||
        character == ',') {
      const std::string symbol(1, character);
      tokens.push_back({TokenKind::symbol, symbol, symbol, column, std::nullopt});
      ++position;
      continue;
    }
    tokens.push_back({TokenKind::invalid, "", "", column,
                      lexical_error("\"" + std::string(1, character) + "\" (" +
                                        std::to_string(static_cast<unsigned char>(character)) + ")",
                                    "")});
    return tokens;
  }
  tokens.push_back({TokenKind::end, "", "", static_cast<int>(text.size()) + 1, std::nullopt});
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// The parser: a recursive descent over the tokens, one keyword set per position.

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  std::variant<Statement, Fault> parse() {
    Statement statement;
    if (!accept_keyword("select")) {
      return unexpected({"\"select\""});
    }
    if (accept_symbol("*")) {
      statement.count = false;
    } else if (accept_keyword("count")) {
      if (!accept_symbol("(")) {
        return unexpected({"\"(\""});
      }
      if (!accept_symbol("*")) {
        return unexpected({"\"*\""});
      }
      if (!accept_symbol(")")) {
        return unexpected({"\")\""});
      }
      statement.count = true;
    } else {
      return unexpected({"\"*\"", "\"count\""});
    }
    if (!accept_keyword("from")) {
      return unexpected({"\"from\""});
    }
    if (peek().kind != TokenKind::identifier) {
      return unexpected({"<IDENTIFIER>"});
    }
    const Token entity_token = next();
    const EntityRules* entity = find_entity(entity_token.text);
    if (entity == nullptr) {
      return validation_fault("invalid context declaration: " + entity_token.text);
    }
    statement.entity = entity->name;

    if (accept_keyword("where")) {
      while (true) {
        auto condition = parse_condition(*entity);
        if (auto* fault = std::get_if<Fault>(&condition)) {
          return *fault;
        }
        statement.conditions.push_back(std::get<Condition>(std::move(condition)));
        if (accept_keyword("and")) {
          continue;
        }
        if (is_keyword(peek(), "or")) {
          return validation_fault("OR operator is not supported");
        }
        break;
      }
    }
    bool seen_order = false;
    bool seen_start = false;
    bool seen_max = false;
    while (peek().kind != TokenKind::end) {
      if (!seen_order && (is_keyword(peek(), "orderby") || is_keyword(peek(), "order"))) {
        if (accept_keyword("order")) {
          if (!accept_keyword("by")) {
            return unexpected({"\"by\""});
          }
        } else {
          next();  // ORDERBY
        }
        seen_order = true;
        auto fault = parse_order_by(*entity, statement);
        if (fault) {
          return *fault;
        }
      } else if (!seen_start && is_keyword(peek(), "startposition")) {
        next();
        auto value = parse_paging_value(1, std::nullopt);
        if (auto* fault = std::get_if<Fault>(&value)) {
          return *fault;
        }
        statement.start_position = std::get<std::int64_t>(value);
        seen_start = true;
      } else if (!seen_max && is_keyword(peek(), "maxresults")) {
        next();
        auto value = parse_paging_value(1, kMaxMaxResults);
        if (auto* fault = std::get_if<Fault>(&value)) {
          return *fault;
        }
        statement.max_results = std::get<std::int64_t>(value);
        seen_max = true;
      } else {
        std::vector<std::string> expected = {"<EOF>"};
        if (statement.conditions.empty() && !seen_order && !seen_start && !seen_max) {
          expected.push_back("\"where\"");
        } else if (!statement.conditions.empty() && !seen_order && !seen_start && !seen_max) {
          expected.push_back("<AND>");
        }
        if (!seen_order) {
          expected.push_back("\"orderby\"");
        }
        if (!seen_max) {
          expected.push_back("\"maxresults\"");
        }
        if (!seen_start) {
          expected.push_back("\"startposition\"");
        }
        return unexpected(expected);
      }
    }
    return statement;
  }

 private:
  const Token& peek() const { return tokens_[index_]; }
  Token next() {
    Token token = tokens_[index_];
    if (token.kind != TokenKind::end && token.kind != TokenKind::invalid) {
      ++index_;
    }
    return token;
  }
  static bool is_keyword(const Token& token, std::string_view keyword) {
    return token.kind == TokenKind::identifier && equal_ascii_nocase(token.text, keyword);
  }
  bool accept_keyword(std::string_view keyword) {
    if (is_keyword(peek(), keyword)) {
      ++index_;
      return true;
    }
    return false;
  }
  bool accept_symbol(std::string_view symbol) {
    if (peek().kind == TokenKind::symbol && peek().text == symbol) {
      ++index_;
      return true;
    }
    return false;
  }

  // QBO's (JavaCC's) "Encountered ... Was expecting one of:" detail for the current token.
  Fault unexpected(const std::vector<std::string>& expected) const {
    const Token& token = peek();
    if (token.lexical_error) {
      return *token.lexical_error;
    }
    std::string encountered;
    switch (token.kind) {
      case TokenKind::invalid:
      case TokenKind::end:
        encountered = "\"<EOF>\"";
        break;
      case TokenKind::identifier:
        encountered = "\" <IDENTIFIER> \"" + token.image + " \"\"";
        break;
      case TokenKind::string:
        encountered = "\" <STRING> \"" + token.image + " \"\"";
        break;
      case TokenKind::number:
        encountered = "\" <INTEGER> \"" + token.image + " \"\"";
        break;
      case TokenKind::symbol:
        encountered = "\" \"" + token.image + "\" \"" + token.image + " \"\"";
        break;
    }
    std::string detail =
        "Encountered " + encountered + " at line 1, column " + std::to_string(token.column) + ".\n";
    detail += expected.size() == 1 ? "Was expecting:\n" : "Was expecting one of:\n";
    for (const auto& item : expected) {
      detail += "    " + item + " ...\n";
    }
    detail += "    ";
    return parser_fault(std::move(detail));
  }

  std::variant<Literal, Fault> parse_literal() {
    const Token& token = peek();
    if (token.kind == TokenKind::string) {
      return Literal{Literal::Kind::string, next().text};
    }
    if (token.kind == TokenKind::number) {
      return Literal{Literal::Kind::number, next().text};
    }
    if (is_keyword(token, "true") || is_keyword(token, "false")) {
      return Literal{Literal::Kind::boolean, ascii_lower(next().text)};
    }
    return unexpected({"\"false\"", "\"true\"", "<STRING>", "<NUMBER>"});
  }

  std::variant<Condition, Fault> parse_condition(const EntityRules& entity) {
    if (peek().kind != TokenKind::identifier) {
      return unexpected({"<IDENTIFIER>"});
    }
    const Token field_token = next();
    Condition condition;
    const Token& operator_token = peek();
    if (operator_token.kind == TokenKind::symbol) {
      static const std::map<std::string, Operator> kSymbols = {{"=", Operator::equal},
                                                               {"<", Operator::less},
                                                               {">", Operator::greater},
                                                               {"<=", Operator::less_equal},
                                                               {">=", Operator::greater_equal}};
      const auto found = kSymbols.find(operator_token.text);
      if (found == kSymbols.end()) {
        return unexpected({"\"<\"", "\"<=\"", "\"=\"", "\">\"", "\">=\"", "\"in\"", "\"like\""});
      }
      condition.op = found->second;
      next();
    } else if (is_keyword(operator_token, "in")) {
      condition.op = Operator::in;
      next();
    } else if (is_keyword(operator_token, "like")) {
      condition.op = Operator::like;
      next();
    } else {
      return unexpected({"\"<\"", "\"<=\"", "\"=\"", "\">\"", "\">=\"", "\"in\"", "\"like\""});
    }
    const auto field = filterable_field(entity, field_token.text);
    if (!field) {
      return validation_fault("property '" + field_token.text + "' is not queryable");
    }
    condition.field = *field;
    if (condition.op == Operator::in) {
      if (!accept_symbol("(")) {
        return unexpected({"\"(\""});
      }
      while (true) {
        auto literal = parse_literal();
        if (auto* fault = std::get_if<Fault>(&literal)) {
          return *fault;
        }
        condition.values.push_back(std::get<Literal>(std::move(literal)));
        if (accept_symbol(",")) {
          continue;
        }
        if (accept_symbol(")")) {
          break;
        }
        return unexpected({"\")\"", "\",\""});
      }
    } else {
      auto literal = parse_literal();
      if (auto* fault = std::get_if<Fault>(&literal)) {
        return *fault;
      }
      condition.values.push_back(std::get<Literal>(std::move(literal)));
      if (condition.op == Operator::like &&
          condition.values.front().kind != Literal::Kind::string) {
        return unexpected({"<STRING>"});
      }
    }
    return condition;
  }

  std::optional<Fault> parse_order_by(const EntityRules& entity, Statement& statement) {
    while (true) {
      if (peek().kind != TokenKind::identifier) {
        return unexpected({"<IDENTIFIER>"});
      }
      const Token field_token = next();
      const auto field = filterable_field(entity, field_token.text);
      if (!field) {
        return validation_fault("property '" + field_token.text + "' is not sortable");
      }
      OrderBy order{*field, false};
      if (accept_keyword("desc")) {
        order.descending = true;
      } else {
        accept_keyword("asc");
      }
      statement.order_by.push_back(order);
      if (!accept_symbol(",")) {
        return std::nullopt;
      }
    }
  }

  std::variant<std::int64_t, Fault> parse_paging_value(std::int64_t minimum,
                                                       std::optional<std::int64_t> maximum) {
    const Token& token = peek();
    if (token.kind != TokenKind::number || token.text.find('.') != std::string::npos) {
      return unexpected({"<INTEGER>"});
    }
    const auto value = Decimal::parse(token.text);
    next();
    if (!value || *value < Decimal::from_integer(minimum)) {
      return validation_fault("value " + token.text + " is too small. Min allowed value is " +
                              std::to_string(minimum));
    }
    if (maximum && *value > Decimal::from_integer(*maximum)) {
      return validation_fault("value " + token.text + " is too large. Max allowed value is " +
                              std::to_string(*maximum));
    }
    if (*value > Decimal::from_integer(1'000'000'000)) {
      return static_cast<std::int64_t>(1'000'000'000);
    }
    return std::stoll(value->to_string());
  }

  std::vector<Token> tokens_;
  std::size_t index_ = 0;
};

}  // namespace

std::variant<Statement, Fault> parse(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) {
    return parser_fault("The query provided was empty");
  }
  Parser parser(tokenize(text));
  return parser.parse();
}

}  // namespace qbo_sandbox::query
