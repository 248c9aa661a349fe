// libqbo_sync.so as built by the optimised preset carries the hardening of cmake/Hardening.cmake:
// relocations read-only after load (full RELRO), no executable stack, and fortified libc calls or
// stack canaries compiled in. Reads the module's ELF headers; set QBO_SYNC_HARDENING_TEST_MODULE to
// check another build of the module.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <string>

#include "elf_image.h"

namespace qbo_sync::abi_test {
namespace {

std::filesystem::path module_under_test() {
  if (const char* other = std::getenv("QBO_SYNC_HARDENING_TEST_MODULE"); other && *other) {
    return other;
  }
  return QBO_SYNC_PLUGIN_MODULE;
}

bool is_fortified_import(const std::string& name) {
  return name == "__stack_chk_fail" ||
         (name.starts_with("__") && name.ends_with("_chk") && name.size() > 6);
}

class PluginHardeningTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { image_ = read_elf_image(module_under_test()); }
  static inline ElfImage image_;
};

TEST_F(PluginHardeningTest, RelocationsAreReadOnlyAfterLoad) {
  EXPECT_TRUE(image_.has_relro_segment) << "no PT_GNU_RELRO segment (-Wl,-z,relro)";
  EXPECT_TRUE(image_.binds_now) << "no BIND_NOW / FLAGS_1 NOW (-Wl,-z,now)";
}

TEST_F(PluginHardeningTest, StackIsNotExecutable) {
  ASSERT_TRUE(image_.has_stack_segment) << "no PT_GNU_STACK segment (-Wl,-z,noexecstack)";
  EXPECT_FALSE(image_.executable_stack);
}

TEST_F(PluginHardeningTest, ImportsFortifiedCallsOrTheStackProtector) {
  ASSERT_FALSE(image_.imports.empty()) << "no dynamic imports read from the module";
  EXPECT_TRUE(std::any_of(image_.imports.begin(), image_.imports.end(), is_fortified_import))
      << "neither __*_chk nor __stack_chk_fail imported (-D_FORTIFY_SOURCE=2, "
         "-fstack-protector-strong)";
}

}  // namespace
}  // namespace qbo_sync::abi_test
