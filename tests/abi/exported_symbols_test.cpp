// The plugin exports exactly one symbol, the entry point: everything else travels in tables, and
// nothing of its C++ runtime, Boost or libcurl can interpose on the host's.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "abi_test_paths.h"
#include "abi_test_support.h"

namespace qbo_sync::abi_test {
namespace {

// The names `nm -D --defined-only` lists for a shared object.
std::set<std::string> exported_symbols(const std::string& library) {
  const ProcessResult result =
      run_process(shell_quote(kNmExecutable) + " -D --defined-only " + shell_quote(library));
  if (!result.exited_normally || result.exit_code != 0) {
    ADD_FAILURE() << "nm failed on " << library << ": " << result.err;
    return {};
  }
  std::set<std::string> names;
  std::istringstream lines(result.out);
  for (std::string line; std::getline(lines, line);) {
    // "<address> <type> <name>[@version]"
    std::istringstream fields(line);
    std::string address;
    std::string type;
    std::string name;
    if (fields >> address >> type >> name) {
      names.insert(name);
    }
  }
  return names;
}

TEST(ExportedSymbolsTest, ThePluginExportsOnlyTheEntryPoint) {
  if (std::string(kRealPlugin).empty()) {
    GTEST_SKIP() << "libqbo_sync.so is not part of this build";
  }
  EXPECT_EQ(exported_symbols(kRealPlugin), std::set<std::string>{"qbo_sync_entry"});
}

TEST(ExportedSymbolsTest, TheCTestPluginExportsOnlyTheEntryPoint) {
  EXPECT_EQ(exported_symbols(kTestPlugin), std::set<std::string>{"qbo_sync_entry"});
}

TEST(ExportedSymbolsTest, TheCheckSeesALibraryWithTheWrongExport) {
  // Proves the check can fail: this variant exports a misnamed entry instead.
  EXPECT_EQ(exported_symbols(kTestPluginNoEntry), std::set<std::string>{"qbo_sync_entry_misnamed"});
}

}  // namespace
}  // namespace qbo_sync::abi_test
