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

namespace qbo_sandbox::query {
namespace {

// ---------------------------------------------------------------------------------------------
// What may be queried: entity names and, per entity, the fields QBO lets a WHERE clause use.

struct EntityRules {
  std::string name;
  bool name_list = false;  // an Active flag, inactive objects hidden by default
  std::string sort_name;   // default order key for name lists (as the recordings show)
  std::vector<std::string> filterable;
};

const std::vector<std::string> kCommonFields = {"Id", "MetaData.CreateTime",
                                                "MetaData.LastUpdatedTime"};

std::vector<EntityRules> build_entity_rules() {
  const std::vector<std::string> sales = {"DocNumber", "TxnDate", "CustomerRef", "TotalAmt"};
  const std::vector<std::string> purchases = {"DocNumber", "TxnDate", "VendorRef", "TotalAmt"};
  auto with = [](std::vector<std::string> base, std::initializer_list<const char*> extra) {
    base.insert(base.end(), extra.begin(), extra.end());
    return base;
  };
  const std::vector<std::string> simple_list = {"Name", "Active"};
  return {
      {"Account",
       true,
       "FullyQualifiedName",
       {"Name", "Active", "AccountType", "AccountSubType", "Classification", "FullyQualifiedName",
        "CurrentBalance", "CurrentBalanceWithSubAccounts", "ParentRef"}},
      {"Bill", false, "", with(purchases, {"Balance", "DueDate"})},
      {"BillPayment", false, "", purchases},
      {"Class", true, "FullyQualifiedName", with(simple_list, {"FullyQualifiedName", "ParentRef"})},
      {"CompanyInfo", false, "", {}},
      {"CreditMemo", false, "", with(sales, {"Balance"})},
      {"Customer",
       true,
       "FullyQualifiedName",
       {"DisplayName", "GivenName", "MiddleName", "FamilyName", "CompanyName", "FullyQualifiedName",
        "PrimaryEmailAddr", "Active", "Balance", "Job", "ParentRef"}},
      {"Department", true, "FullyQualifiedName",
       with(simple_list, {"FullyQualifiedName", "ParentRef"})},
      {"Deposit", false, "", {"TxnDate", "TotalAmt"}},
      {"Employee",
       true,
       "DisplayName",
       {"DisplayName", "GivenName", "MiddleName", "FamilyName", "Active", "EmployeeNumber"}},
      {"Estimate", false, "", with(sales, {"TxnStatus", "ExpirationDate"})},
      {"Invoice", false, "", with(sales, {"Balance", "DueDate", "EmailStatus", "PrintStatus"})},
      {"Item",
       true,
       "FullyQualifiedName",
       {"Name", "Active", "Type", "Sku", "FullyQualifiedName", "ParentRef"}},
      {"JournalEntry", false, "", {"DocNumber", "TxnDate"}},
      {"Payment", false, "", {"TxnDate", "CustomerRef", "TotalAmt", "PaymentRefNum"}},
      {"PaymentMethod", true, "Name", with(simple_list, {"Type"})},
      {"Preferences", false, "", {}},
      {"Purchase", false, "", {"DocNumber", "TxnDate", "TotalAmt", "PaymentType"}},
      {"PurchaseOrder", false, "", purchases},
      {"RefundReceipt", false, "", sales},
      {"SalesReceipt", false, "", sales},
      {"TaxAgency", false, "", {"DisplayName"}},
      {"TaxCode", true, "Name", with(simple_list, {"Taxable", "TaxGroup"})},
      {"TaxRate", true, "Name", with(simple_list, {"AgencyRef", "RateValue"})},
      {"Term", true, "Name", simple_list},
      {"TimeActivity", false, "", {"TxnDate"}},
      {"Transfer", false, "", {"TxnDate", "Amount"}},
      {"Vendor",
       true,
       "DisplayName",
       {"DisplayName", "GivenName", "MiddleName", "FamilyName", "CompanyName", "Active", "Balance",
        "Vendor1099"}},
      {"VendorCredit", false, "", purchases},
  };
}

const std::vector<EntityRules>& entity_rules() {
  static const std::vector<EntityRules> rules = build_entity_rules();
  return rules;
}

std::string lower(std::string_view text) {
  std::string result(text);
  std::transform(result.begin(), result.end(), result.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return result;
}

bool iequals(std::string_view a, std::string_view b) {
  return lower(a) == lower(b);
}

const EntityRules* find_entity(std::string_view name) {
  for (const auto& rules : entity_rules()) {
    if (iequals(rules.name, name)) {
      return &rules;
    }
  }
  return nullptr;
}

// The field's QBO spelling if the entity lets WHERE / ORDERBY use it.
std::optional<std::string> filterable_field(const EntityRules& entity, std::string_view field) {
  for (const auto& candidate : kCommonFields) {
    if (iequals(candidate, field)) {
      return candidate;
    }
  }
  for (const auto& candidate : entity.filterable) {
    if (iequals(candidate, field)) {
      return candidate;
    }
  }
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// Faults, with QBO's texts.

Fault parser_fault(std::string detail) {
  Fault fault;
  fault.code = "4000";
  fault.message = "Error parsing query";
  fault.detail = "QueryParserError: " + std::move(detail);
  return fault;
}

Fault validation_fault(std::string detail) {
  Fault fault;
  fault.code = "4001";
  fault.message = "Invalid query";
  fault.detail = "QueryValidationError: " + std::move(detail);
  return fault;
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
    return token.kind == TokenKind::identifier && iequals(token.text, keyword);
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
      return Literal{Literal::Kind::boolean, lower(next().text)};
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

// ---------------------------------------------------------------------------------------------
// Evaluation.

// The value a field path names in an object; references compare on their "value".
const boost::json::value* field_value(const boost::json::object& object, std::string_view path) {
  const boost::json::object* current = &object;
  const boost::json::value* value = nullptr;
  while (true) {
    const std::size_t dot = path.find('.');
    const std::string_view head = path.substr(0, dot);
    value = current->if_contains(head);
    if (value == nullptr) {
      return nullptr;
    }
    if (dot == std::string_view::npos) {
      break;
    }
    path.remove_prefix(dot + 1);
    current = value->if_object();
    if (current == nullptr) {
      return nullptr;
    }
  }
  if (const auto* reference = value->if_object()) {
    // References ({"value":..}) and e-mail addresses ({"Address":..}) compare on their text.
    if (const auto* text = reference->if_contains("value")) {
      return text;
    }
    return reference->if_contains("Address");
  }
  return value;
}

// Seconds since the epoch of an ISO-8601 date or date-time ("2024-01-01",
// "2024-01-01T10:00:00-08:00", "...Z", fractional seconds allowed); a date alone counts as
// midnight UTC of that day.
std::optional<long double> to_instant(std::string_view text) {
  auto digits = [&](std::size_t from, std::size_t count) -> std::optional<int> {
    if (from + count > text.size()) {
      return std::nullopt;
    }
    int result = 0;
    for (std::size_t i = from; i < from + count; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(text[i]))) {
        return std::nullopt;
      }
      result = result * 10 + (text[i] - '0');
    }
    return result;
  };
  const auto year = digits(0, 4);
  const auto month = digits(5, 2);
  const auto day = digits(8, 2);
  if (!year || !month || !day || text[4] != '-' || text[7] != '-') {
    return std::nullopt;
  }
  // Days from civil (Howard Hinnant's algorithm).
  const int y = *year - (*month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int year_of_era = y - era * 400;
  const int day_of_year = (153 * (*month + (*month > 2 ? -3 : 9)) + 2) / 5 + *day - 1;
  const int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  const long long days = static_cast<long long>(era) * 146097 + day_of_era - 719468;
  long double seconds = static_cast<long double>(days) * 86400;
  if (text.size() == 10) {
    return seconds;
  }
  if (text[10] != 'T' && text[10] != ' ') {
    return std::nullopt;
  }
  const auto hour = digits(11, 2);
  const auto minute = digits(14, 2);
  if (!hour || !minute) {
    return std::nullopt;
  }
  seconds += *hour * 3600 + *minute * 60;
  std::size_t position = 16;
  if (position < text.size() && text[position] == ':') {
    const auto second = digits(position + 1, 2);
    if (!second) {
      return std::nullopt;
    }
    seconds += *second;
    position += 3;
    if (position < text.size() && text[position] == '.') {
      long double scale = 0.1L;
      ++position;
      while (position < text.size() && std::isdigit(static_cast<unsigned char>(text[position]))) {
        seconds += (text[position] - '0') * scale;
        scale /= 10;
        ++position;
      }
    }
  }
  if (position == text.size()) {
    return seconds;  // no offset: taken as UTC
  }
  if (text[position] == 'Z' && position + 1 == text.size()) {
    return seconds;
  }
  if ((text[position] == '+' || text[position] == '-') && position + 6 == text.size() &&
      text[position + 3] == ':') {
    const auto offset_hours = digits(position + 1, 2);
    const auto offset_minutes = digits(position + 4, 2);
    if (!offset_hours || !offset_minutes) {
      return std::nullopt;
    }
    const int offset = *offset_hours * 3600 + *offset_minutes * 60;
    return text[position] == '+' ? seconds - offset : seconds + offset;
  }
  return std::nullopt;
}

bool is_date_only(std::string_view text) {
  return text.size() == 10 && to_instant(text);
}

// -1, 0, 1, or nullopt when the two cannot be compared.
std::optional<int> compare_values(const boost::json::value& field, const Literal& literal) {
  if (field.is_bool()) {
    const std::string text = lower(literal.text);
    if (text != "true" && text != "false") {
      return std::nullopt;
    }
    const bool wanted = text == "true";
    return field.get_bool() == wanted ? 0 : (field.get_bool() ? 1 : -1);
  }
  if (field.is_number()) {
    const auto left = Decimal::from_json(field);
    const auto right = Decimal::parse(literal.text);
    if (!left || !right) {
      return std::nullopt;
    }
    return *left < *right ? -1 : (*left > *right ? 1 : 0);
  }
  if (!field.is_string()) {
    return std::nullopt;
  }
  const std::string_view text = field.get_string();
  // Ids and other integral strings compare as numbers ('5' < '10').
  const auto left_number = Decimal::parse(text);
  const auto right_number = Decimal::parse(literal.text);
  if (left_number && right_number && left_number->to_string() == std::string(text) &&
      text.find('-') == std::string_view::npos) {
    return *left_number < *right_number ? -1 : (*left_number > *right_number ? 1 : 0);
  }
  // Dates and date-times compare as instants; a date compares with a date-time by its day.
  const auto left_instant = to_instant(text);
  const auto right_instant = to_instant(literal.text);
  if (left_instant && right_instant) {
    long double left = *left_instant;
    long double right = *right_instant;
    if (is_date_only(text) != is_date_only(literal.text)) {
      left = *to_instant(text.substr(0, 10));
      right = *to_instant(std::string_view(literal.text).substr(0, 10));
    }
    return left < right ? -1 : (left > right ? 1 : 0);
  }
  // Values are not case-sensitive.
  const std::string left = lower(text);
  const std::string right = lower(literal.text);
  return left < right ? -1 : (left > right ? 1 : 0);
}

// LIKE with '%' wildcards, case-insensitive.
bool like_matches(std::string_view text, std::string_view pattern) {
  const std::string subject = lower(text);
  const std::string wanted = lower(pattern);
  std::size_t s = 0;
  std::size_t p = 0;
  std::size_t star = std::string::npos;
  std::size_t resume = 0;
  while (s < subject.size()) {
    if (p < wanted.size() && wanted[p] == '%') {
      star = p++;
      resume = s;
    } else if (p < wanted.size() && wanted[p] == subject[s]) {
      ++p;
      ++s;
    } else if (star != std::string::npos) {
      p = star + 1;
      s = ++resume;
    } else {
      return false;
    }
  }
  while (p < wanted.size() && wanted[p] == '%') {
    ++p;
  }
  return p == wanted.size();
}

bool matches(const boost::json::object& object, const Condition& condition) {
  const boost::json::value* value = field_value(object, condition.field);
  if (value == nullptr) {
    // Name lists without an explicit Active flag count as active.
    if (condition.field == "Active") {
      static const boost::json::value kTrue = true;
      value = &kTrue;
    } else {
      return false;
    }
  }
  switch (condition.op) {
    case Operator::in:
      return std::any_of(
          condition.values.begin(), condition.values.end(),
          [&](const Literal& literal) { return compare_values(*value, literal) == 0; });
    case Operator::like:
      if (value->is_string()) {
        return like_matches(value->get_string(), condition.values.front().text);
      }
      return false;
    default:
      break;
  }
  const auto order = compare_values(*value, condition.values.front());
  if (!order) {
    return false;
  }
  switch (condition.op) {
    case Operator::equal:
      return *order == 0;
    case Operator::less:
      return *order < 0;
    case Operator::greater:
      return *order > 0;
    case Operator::less_equal:
      return *order <= 0;
    case Operator::greater_equal:
      return *order >= 0;
    default:
      return false;
  }
}

// Orders two field values of the same field; absent values sort first.
int order_values(const boost::json::value* a, const boost::json::value* b) {
  if (a == nullptr || b == nullptr) {
    return (a == nullptr ? 0 : 1) - (b == nullptr ? 0 : 1);
  }
  if (a->is_string() && b->is_string()) {
    const std::string_view left = a->get_string();
    const std::string_view right = b->get_string();
    // Ids as numbers, date-times as instants, other text byte by byte: the recorded name
    // lists put "PG&E" before "Pam Seitz" and "Doe, Jane" before "Doe4, Jane".
    const auto left_number = Decimal::parse(left);
    const auto right_number = Decimal::parse(right);
    if (left_number && right_number && left_number->to_string() == left &&
        right_number->to_string() == right) {
      return *left_number < *right_number ? -1 : (*left_number > *right_number ? 1 : 0);
    }
    const auto left_instant = to_instant(left);
    const auto right_instant = to_instant(right);
    if (left_instant && right_instant) {
      return *left_instant < *right_instant ? -1 : (*left_instant > *right_instant ? 1 : 0);
    }
    return left.compare(right) < 0 ? -1 : (left.compare(right) > 0 ? 1 : 0);
  }
  if (a->is_number() && b->is_number()) {
    const auto left = Decimal::from_json(*a);
    const auto right = Decimal::from_json(*b);
    if (left && right) {
      return *left < *right ? -1 : (*left > *right ? 1 : 0);
    }
  }
  if (a->is_bool() && b->is_bool()) {
    return static_cast<int>(a->get_bool()) - static_cast<int>(b->get_bool());
  }
  return 0;
}

int order_ids(const boost::json::object& a, const boost::json::object& b) {
  return order_values(a.if_contains("Id"), b.if_contains("Id"));
}

}  // namespace

std::variant<Statement, Fault> parse(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) {
    return parser_fault("The query provided was empty");
  }
  Parser parser(tokenize(text));
  return parser.parse();
}

std::variant<boost::json::object, Fault> execute(
    const Statement& statement, const std::vector<const boost::json::object*>& objects) {
  const EntityRules* entity = find_entity(statement.entity);
  if (entity == nullptr) {
    return validation_fault("invalid context declaration: " + statement.entity);
  }
  const bool constrains_active =
      std::any_of(statement.conditions.begin(), statement.conditions.end(),
                  [](const Condition& condition) { return condition.field == "Active"; });
  std::vector<const boost::json::object*> selected;
  for (const auto* object : objects) {
    if (object == nullptr) {
      continue;
    }
    if (entity->name_list && !constrains_active) {
      const auto* active = object->if_contains("Active");
      if (active != nullptr && active->is_bool() && !active->get_bool()) {
        continue;
      }
    }
    if (std::all_of(statement.conditions.begin(), statement.conditions.end(),
                    [&](const Condition& condition) { return matches(*object, condition); })) {
      selected.push_back(object);
    }
  }
  boost::json::object response;
  if (statement.count) {
    response["totalCount"] = static_cast<std::int64_t>(selected.size());
    return response;
  }

  std::vector<OrderBy> order = statement.order_by;
  if (order.empty() && entity->name_list) {
    order.push_back({entity->sort_name, false});
    // Objects without a FullyQualifiedName (as a client may build them) fall back to the name.
    order.push_back(
        {entity->name == "Customer" || entity->name == "Vendor" || entity->name == "Employee"
             ? "DisplayName"
             : "Name",
         false});
  }
  std::stable_sort(selected.begin(), selected.end(),
                   [&](const boost::json::object* a, const boost::json::object* b) {
                     for (const auto& key : order) {
                       int result =
                           order_values(field_value(*a, key.field), field_value(*b, key.field));
                       if (key.descending) {
                         result = -result;
                       }
                       if (result != 0) {
                         return result < 0;
                       }
                     }
                     return order_ids(*a, *b) < 0;
                   });

  const auto first = static_cast<std::size_t>(statement.start_position - 1);
  if (first >= selected.size()) {
    return response;  // QBO answers an empty page with an empty QueryResponse
  }
  const std::size_t last =
      std::min(selected.size(), first + static_cast<std::size_t>(statement.max_results));
  boost::json::array page;
  for (std::size_t i = first; i < last; ++i) {
    page.push_back(*selected[i]);
  }
  response[entity->name] = std::move(page);
  response["startPosition"] = statement.start_position;
  response["maxResults"] = static_cast<std::int64_t>(last - first);
  return response;
}

const std::vector<std::string>& queryable_entities() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> result;
    for (const auto& rules : entity_rules()) {
      result.push_back(rules.name);
    }
    return result;
  }();
  return names;
}

}  // namespace qbo_sandbox::query
