#pragma once

#include <stdlib.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "store/temp_dir.h"

namespace qbo_sync::abi_test {

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

inline void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << text;
}

// What a child process did: how it ended and what it wrote.
struct ProcessResult {
  bool exited_normally = false;  // false when a signal ended it (a crash, an abort)
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `command` through /bin/sh with stdout and stderr captured separately.
inline ProcessResult run_process(const std::string& command) {
  testing::TempDir scratch;
  const auto out_path = scratch.path() / "stdout";
  const auto err_path = scratch.path() / "stderr";
  // `exec` so that the status is the command's own, not a shell's report of a signal.
  const std::string line =
      "exec " + command + " >'" + out_path.string() + "' 2>'" + err_path.string() + "'";
  const int status = std::system(line.c_str());
  ProcessResult result;
  result.exited_normally = status != -1 && WIFEXITED(status);
  result.exit_code = result.exited_normally ? WEXITSTATUS(status) : -1;
  result.out = read_file(out_path);
  result.err = read_file(err_path);
  return result;
}

inline std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (const char c : text) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

}  // namespace qbo_sync::abi_test
