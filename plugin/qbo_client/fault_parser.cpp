#include "qbo_client/fault_parser.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <optional>
#include <sstream>
#include <utility>

#include <boost/json.hpp>
#include <boost/locale/encoding_utf.hpp>
#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>

#include "text/ascii.h"

namespace qbo_sync::qbo {
namespace {

namespace json = boost::json;
namespace pt = boost::property_tree;

constexpr std::size_t kExcerptLimit = 200;

std::optional<int> to_int(std::string_view text) {
  int number = 0;
  const auto* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, number);
  if (ec != std::errc{} || ptr != end) {
    return std::nullopt;
  }
  return number;
}

// QBO echoes part of a rejected bearer token in 401 details ("Token expired: AB0160…"); whatever
// follows such a phrase is masked so that no token fragment reaches a log or the admin.
std::string mask_token_echoes(std::string text) {
  static constexpr std::string_view kPhrases[] = {"token expired:", "bearer token:", "token:"};
  for (std::string_view phrase : kPhrases) {
    std::size_t from = 0;
    while (true) {
      auto it = std::search(text.begin() + static_cast<std::ptrdiff_t>(from), text.end(),
                            phrase.begin(), phrase.end(), [](char a, char b) {
                              return std::tolower(static_cast<unsigned char>(a)) == b;
                            });
      if (it == text.end()) {
        break;
      }
      std::size_t start = static_cast<std::size_t>(it - text.begin()) + phrase.size();
      while (start < text.size() && text[start] == ' ') {
        ++start;
      }
      std::size_t stop = start;
      while (stop < text.size() && !std::isspace(static_cast<unsigned char>(text[stop])) &&
             text[stop] != ',' && text[stop] != '"') {
        ++stop;
      }
      if (stop > start && text.compare(start, stop - start, "[redacted]") != 0) {
        text.replace(start, stop - start, "[redacted]");
      }
      from = start;
    }
  }
  return text;
}

// A short, printable excerpt of an unreadable body for the fault message.
std::string excerpt(std::string_view body) {
  std::string text;
  for (char c : body.substr(0, kExcerptLimit)) {
    text += std::isprint(static_cast<unsigned char>(c)) ? c : ' ';
  }
  if (body.size() > kExcerptLimit) {
    text += "...";
  }
  return text;
}

std::string string_member(const json::object& object,
                          std::initializer_list<std::string_view> keys) {
  for (auto key : keys) {
    if (const auto* member = object.if_contains(key)) {
      if (member->is_string()) {
        return std::string(member->get_string());
      }
      if (member->is_int64()) {
        return std::to_string(member->get_int64());
      }
    }
  }
  return {};
}

void finish(Fault& fault) {
  if (!fault.errors.empty()) {
    const auto& first = fault.errors.front();
    fault.code = first.code;
    fault.message = first.message;
    fault.detail = first.detail;
    fault.element = first.element;
  }
  for (auto& error : fault.errors) {
    error.message = mask_token_echoes(std::move(error.message));
    error.detail = mask_token_echoes(std::move(error.detail));
  }
  fault.message = mask_token_echoes(std::move(fault.message));
  fault.detail = mask_token_echoes(std::move(fault.detail));
  fault.fault_class =
      classify_fault(fault.http_status, fault.code, fault.fault_type, fault.message, fault.detail);
}

// {"Fault":{"Error":[...],"type":...}} or the lower-camel {"fault":{"error":[...],"type":...}}.
bool read_json_fault(const json::object& root, Fault& fault) {
  const json::value* fault_value = root.if_contains("Fault");
  if (fault_value == nullptr) {
    fault_value = root.if_contains("fault");
  }
  if (fault_value == nullptr || !fault_value->is_object()) {
    return false;
  }
  const auto& fault_object = fault_value->get_object();
  fault.fault_type = string_member(fault_object, {"type"});
  const json::value* errors = fault_object.if_contains("Error");
  if (errors == nullptr) {
    errors = fault_object.if_contains("error");
  }
  if (errors != nullptr && errors->is_array()) {
    for (const auto& item : errors->get_array()) {
      if (!item.is_object()) {
        continue;
      }
      const auto& error = item.get_object();
      fault.errors.push_back({string_member(error, {"code"}),
                              string_member(error, {"Message", "message"}),
                              string_member(error, {"Detail", "detail"}),
                              string_member(error, {"element", "Element"})});
    }
  }
  return true;
}

// {"error":"invalid_grant","error_description":"..."} from the OAuth endpoints.
bool read_oauth_error(const json::object& root, Fault& fault) {
  const auto* error = root.if_contains("error");
  if (error == nullptr || !error->is_string()) {
    return false;
  }
  fault.errors.push_back(
      {std::string(error->get_string()), string_member(root, {"error_description"}), {}, {}});
  fault.fault_type = "OAuth";
  return true;
}

// <IntuitResponse><Fault type=".."><Error code=".." element=".."><Message/><Detail/></Error>
// </Fault></IntuitResponse>, or a bare <Fault> (the legacy AuthenticationFault).
// An XML text as well-formed UTF-8: an XML body's bytes are not checked by the parser, and fault
// texts end up in JSON (records, admin answers), which must stay valid.
std::string xml_text(const pt::ptree& node, const std::string& path) {
  return boost::locale::conv::utf_to_utf<char>(node.get<std::string>(path, ""),
                                               boost::locale::conv::skip);
}

bool read_xml_fault(std::string_view body, Fault& fault) {
  pt::ptree tree;
  try {
    std::istringstream stream{std::string(body)};
    pt::read_xml(stream, tree);
  } catch (const pt::ptree_error&) {
    return false;
  }
  const pt::ptree* fault_node = nullptr;
  if (auto node = tree.get_child_optional("IntuitResponse.Fault")) {
    fault_node = &*node;
  } else if (auto bare = tree.get_child_optional("Fault")) {
    fault_node = &*bare;
  }
  if (fault_node == nullptr) {
    return false;
  }
  fault.fault_type = xml_text(*fault_node, "<xmlattr>.type");
  for (const auto& [name, child] : *fault_node) {
    if (name != "Error") {
      continue;
    }
    fault.errors.push_back({xml_text(child, "<xmlattr>.code"), xml_text(child, "Message"),
                            xml_text(child, "Detail"), xml_text(child, "<xmlattr>.element")});
  }
  return true;
}

std::string status_message(int http_status) {
  if (http_status >= 500) {
    return "QuickBooks is unavailable (HTTP " + std::to_string(http_status) + ")";
  }
  return "Unexpected response (HTTP " + std::to_string(http_status) + ")";
}

FaultClass oauth_fault_class(int http_status, std::string_view code) {
  if (code == "invalid_grant") {
    return FaultClass::reconnect_needed;
  }
  if (code == "invalid_client" || code == "unauthorized_client") {
    return FaultClass::bad_client;
  }
  if (http_status >= 500 || http_status == 0) {
    return FaultClass::transient;
  }
  return FaultClass::validation;
}

// QBO error codes that name their class whatever the message says.
constexpr std::array<std::pair<std::string_view, FaultClass>, 9> kClassOfCode{{
    {"3200", FaultClass::unauthorized},
    {"100", FaultClass::unauthorized},
    // ApplicationAuthorizationFailed: the app lost its access to the company.
    {"3100", FaultClass::reconnect_needed},
    {"120", FaultClass::permission},
    {"5020", FaultClass::permission},
    {"6190", FaultClass::permission},
    {"5010", FaultClass::stale_object},
    {"6240", FaultClass::duplicate_name},
    {"6140", FaultClass::duplicate_document_number},
}};

// The class a known code, message or detail names; tested in this order, as the first that
// fits wins.
std::optional<FaultClass> named_fault_class(int http_status, std::string_view code,
                                            std::string_view message, std::string_view detail) {
  for (const auto& [known, fault_class] : kClassOfCode) {
    if (code == known) {
      return fault_class;
    }
  }
  if (text::contains_ascii_nocase(message, "Duplicate Document Number")) {
    return FaultClass::duplicate_document_number;
  }
  if (code == "610" || code == "2500") {
    return FaultClass::not_found;
  }
  if (code == "6210" || text::contains_ascii_nocase(detail, "closed period") ||
      text::contains_ascii_nocase(detail, "books are closed")) {
    return FaultClass::closed_period;
  }
  if (code == "10000" || http_status >= 500) {
    return FaultClass::transient;
  }
  return std::nullopt;
}

// The class of a numbered code by its range.
std::optional<FaultClass> numbered_fault_class(int http_status, std::string_view code) {
  const auto number = to_int(code);
  if (!number) {
    return std::nullopt;
  }
  if (*number >= 6000 && *number < 7000) {
    return FaultClass::business_rule;
  }
  if ((*number >= 2000 && *number < 5000) || (*number >= 500 && *number < 600)) {
    return FaultClass::validation;
  }
  if (*number > 0 && *number < 500) {
    return http_status == 401 ? FaultClass::unauthorized : FaultClass::permission;
  }
  return std::nullopt;
}

FaultClass status_fault_class(int http_status, std::string_view code) {
  switch (http_status) {
    case 0:
    case 408:
      return FaultClass::transient;
    case 401:
      return FaultClass::unauthorized;
    case 403:
      return FaultClass::permission;
    case 404:
      return FaultClass::not_found;
    default:
      break;
  }
  if (http_status >= 400 || !code.empty()) {
    return FaultClass::validation;
  }
  return FaultClass::unknown;
}

}  // namespace

FaultClass classify_fault(int http_status, std::string_view code, std::string_view fault_type,
                          std::string_view message, std::string_view detail) {
  if (http_status == 429 || code == "3001" ||
      text::contains_ascii_nocase(message, "ThrottleExceeded")) {
    return FaultClass::throttled;
  }
  if (fault_type == "OAuth") {
    return oauth_fault_class(http_status, code);
  }
  if (auto named = named_fault_class(http_status, code, message, detail)) {
    return *named;
  }
  if (auto numbered = numbered_fault_class(http_status, code)) {
    return *numbered;
  }
  return status_fault_class(http_status, code);
}

Fault parse_fault(int http_status, std::string_view body, std::string_view intuit_tid) {
  Fault fault;
  fault.http_status = http_status;
  fault.intuit_tid = std::string(intuit_tid);
  const std::string_view text = qbo_sync::text::trim(body);
  bool understood = false;
  if (!text.empty() && (text.front() == '{' || text.front() == '[')) {
    boost::system::error_code ec;
    json::value parsed = json::parse(text, ec);
    if (!ec && parsed.is_object()) {
      const auto& root = parsed.get_object();
      understood = read_json_fault(root, fault) || read_oauth_error(root, fault);
    }
  } else if (!text.empty() && text.front() == '<') {
    understood = read_xml_fault(text, fault);
  }
  finish(fault);
  if (!understood) {
    fault.message = status_message(http_status);
    fault.detail = mask_token_echoes(excerpt(text));
  }
  return fault;
}

std::optional<Fault> find_fault(const json::value& value, int http_status,
                                std::string_view intuit_tid) {
  if (!value.is_object()) {
    return std::nullopt;
  }
  Fault fault;
  fault.http_status = http_status;
  fault.intuit_tid = std::string(intuit_tid);
  if (!read_json_fault(value.get_object(), fault)) {
    return std::nullopt;
  }
  finish(fault);
  return fault;
}

}  // namespace qbo_sync::qbo
