#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace qbo_sandbox::testing {

// One HTTP exchange of a VCR cassette (the recorded QBO traffic in qbo-reference/recorded/).
struct RecordedExchange {
  std::string method;
  std::string uri;
  std::string request_body;
  int status = 0;
  std::string response_body;
};

// Reads the exchanges of one cassette: just enough YAML for VCR's layout (single-quoted,
// folded body strings).
std::vector<RecordedExchange> read_cassette(const std::filesystem::path& path);

}  // namespace qbo_sandbox::testing
