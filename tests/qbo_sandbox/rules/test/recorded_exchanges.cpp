#include "recorded_exchanges.h"

#include <fstream>
#include <stdexcept>

namespace qbo_sandbox::testing {
namespace {

std::string trim_left(const std::string& line) {
  const auto first = line.find_first_not_of(' ');
  return first == std::string::npos ? std::string() : line.substr(first);
}

// The value of a single-quoted YAML scalar that starts at `text` (after the opening quote),
// reading more lines while it is open: '' is a quote, a line break folds into a space.
std::string read_quoted(std::string text, std::istream& input) {
  std::string value;
  while (true) {
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] != '\'') {
        value += text[i];
      } else if (i + 1 < text.size() && text[i + 1] == '\'') {
        value += '\'';
        ++i;
      } else {
        return value;
      }
    }
    std::string next;
    if (!std::getline(input, next)) {
      throw std::runtime_error("unterminated quoted string in cassette");
    }
    next = trim_left(next);
    value += next.empty() ? "\n" : " ";
    text = next;
  }
}

}  // namespace

std::vector<RecordedExchange> read_cassette(const std::filesystem::path& path) {
  std::ifstream input(path);
  if (!input) {
    throw std::runtime_error("cannot read " + path.string());
  }
  std::vector<RecordedExchange> exchanges;
  bool in_response = false;
  std::string line;
  while (std::getline(input, line)) {
    const std::string content = trim_left(line);
    if (content.rfind("- request:", 0) == 0) {
      exchanges.emplace_back();
      in_response = false;
      continue;
    }
    if (exchanges.empty()) {
      continue;
    }
    RecordedExchange& exchange = exchanges.back();
    if (content.rfind("response:", 0) == 0) {
      in_response = true;
    } else if (!in_response && content.rfind("method: ", 0) == 0) {
      exchange.method = content.substr(8);
    } else if (!in_response && content.rfind("uri: ", 0) == 0) {
      exchange.uri = content.substr(5);
    } else if (in_response && content.rfind("code: ", 0) == 0 && exchange.status == 0) {
      exchange.status = std::stoi(content.substr(6));
    } else if (content.rfind("string: '", 0) == 0) {
      std::string value = read_quoted(content.substr(9), input);
      (in_response ? exchange.response_body : exchange.request_body) = std::move(value);
    }
  }
  return exchanges;
}

}  // namespace qbo_sandbox::testing
