#include "qbo_sync/host_stub/card_text.h"

#include <boost/json.hpp>
#include <ostream>
#include <string>

namespace qbo_sync::host_stub {
namespace {

namespace json = boost::json;

std::string text(const json::value& value) {
  return value.is_string() ? std::string(value.as_string()) : json::serialize(value);
}

// A picker's shown value: the chosen option's label.
std::string chosen(const json::object& options, const json::value& value) {
  if (!value.is_string()) return "(none)";
  for (const auto& option : options.at("items").as_array()) {
    if (option.at("value") == value) return text(option.at("label"));
  }
  return text(value);
}

std::string cells(const json::array& columns, const json::object& row) {
  std::string line;
  for (const auto& column : columns) {
    const auto* cell = row.if_contains(column.at("key").as_string());
    line += line.empty() ? "" : " | ";
    if (!cell) continue;
    line += column.at("type") == "picker" ? chosen(column.at("options").as_object(), *cell)
                                          : text(*cell);
  }
  return line;
}

void print_field(std::ostream& out, const json::object& field) {
  const auto& type = field.at("type").as_string();
  const std::string label = text(field.at("label"));
  if (type == "toggle") {
    out << "    [" << (field.at("value").as_bool() ? 'x' : ' ') << "] " << label << '\n';
  } else if (type == "email_list") {
    std::string emails;
    for (const auto& email : field.at("value").as_array()) emails += " " + text(email);
    out << "    " << label << ":" << (emails.empty() ? " (the account's admins)" : emails) << '\n';
  } else if (type == "picker") {
    const auto& options = field.at("options").as_object();
    out << "    " << label << ": " << chosen(options, field.at("value")) << "  ("
        << options.at("items").as_array().size() << " choices)\n";
  } else if (type == "mapping_table") {
    const auto& rows = field.at("value").as_array();
    out << "    " << label << ": " << rows.size() << " rows\n";
    for (const auto& row : rows) {
      out << "      " << cells(field.at("columns").as_array(), row.as_object()) << '\n';
    }
  } else {
    out << "    " << label << " (" << text(field.at("type")) << ")\n";
  }
}

void print_connection(std::ostream& out, const json::object& connection) {
  out << "  " << text(connection.at("label")) << '\n';
  for (const auto& warning : connection.at("warnings").as_array()) {
    out << "    ! " << text(warning.at("message")) << '\n';
  }
  std::string actions;
  for (const auto& action : connection.at("actions").as_array()) {
    actions += " [" + text(action.at("label")) + "]";
  }
  out << "   " << actions << '\n';
}

void print_records(std::ostream& out, const json::object& records) {
  out << "  Records: todo " << text(records.at("todo")) << ", completed "
      << text(records.at("completed")) << ", errored " << text(records.at("errored"))
      << ", skipped " << text(records.at("skipped")) << '\n';
  for (const auto& entry : records.at("by_reason").as_array()) {
    const std::string reason = text(entry.at("reason"));
    out << "    " << text(entry.at("status")) << " " << (reason.empty() ? "-" : reason) << ": "
        << text(entry.at("count")) << '\n';
  }
}

}  // namespace

void print_card(std::ostream& out, const json::object& card) {
  out << "  == " << text(card.at("title")) << " ==\n";
  print_connection(out, card.at("connection").as_object());
  for (const auto& section : card.at("sections").as_array()) {
    out << "  " << text(section.at("label")) << '\n';
    for (const auto& field : section.at("fields").as_array()) print_field(out, field.as_object());
  }
  print_records(out, card.at("records").as_object());
}

}  // namespace qbo_sync::host_stub
