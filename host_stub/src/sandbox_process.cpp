#include "qbo_sync/host_stub/sandbox_process.h"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>

#include "qbo_sync/host/host_error.h"

namespace qbo_sync::host_stub {
namespace {

constexpr int kStartTimeoutMs = 20'000;

// Reads one line from `fd`, waiting at most until `deadline`.
std::string read_line(int fd, std::chrono::steady_clock::time_point deadline) {
  std::string line;
  char c = 0;
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                          deadline - std::chrono::steady_clock::now())
                          .count();
    if (left <= 0) throw host::HostError("the QBO sandbox did not start within 20 s");
    pollfd ready{fd, POLLIN, 0};
    if (poll(&ready, 1, static_cast<int>(left)) <= 0) continue;
    const ssize_t got = read(fd, &c, 1);
    if (got <= 0) throw host::HostError("the QBO sandbox exited before it started");
    if (c == '\n') return line;
    line.push_back(c);
  }
}

}  // namespace

SandboxProcess::SandboxProcess(const std::filesystem::path& executable,
                               const std::vector<std::string>& arguments) {
  if (!std::filesystem::exists(executable)) {
    throw host::HostError("no QBO sandbox at " + executable.string());
  }
  int out[2];
  if (pipe(out) != 0) throw host::HostError("cannot create a pipe for the QBO sandbox");
  std::vector<std::string> argv_text{executable.string()};
  argv_text.insert(argv_text.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  for (auto& text : argv_text) argv.push_back(text.data());
  argv.push_back(nullptr);
  pid_ = fork();
  if (pid_ < 0) throw host::HostError("cannot start the QBO sandbox");
  if (pid_ == 0) {
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    close(out[1]);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(out[1]);
  try {
    const std::string line = read_line(
        out[0], std::chrono::steady_clock::now() + std::chrono::milliseconds(kStartTimeoutMs));
    boost::system::error_code error;
    auto parsed = boost::json::parse(line, error);
    if (error || !parsed.is_object()) {
      throw host::HostError("the QBO sandbox's start-up line is not JSON: " + line);
    }
    info_ = parsed.as_object();
  } catch (...) {
    close(out[0]);
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    throw;
  }
  // Kept open until the sandbox stops, so that a later write of its does not meet a closed pipe.
  stdout_fd_ = out[0];
}

SandboxProcess::~SandboxProcess() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
  }
  if (stdout_fd_ >= 0) close(stdout_fd_);
}

}  // namespace qbo_sync::host_stub
