// The local QBO sandbox as a child process for the demo: started with its start-up contract (one
// JSON line on stdout once it accepts connections) and stopped with SIGTERM.
#pragma once

#include <sys/types.h>

#include <boost/json/object.hpp>
#include <filesystem>
#include <string>
#include <vector>

namespace qbo_sync::host_stub {

class SandboxProcess {
 public:
  // Starts `executable` with `arguments` and waits for its start-up line. Throws HostError.
  SandboxProcess(const std::filesystem::path& executable,
                 const std::vector<std::string>& arguments);
  ~SandboxProcess();
  SandboxProcess(const SandboxProcess&) = delete;
  SandboxProcess& operator=(const SandboxProcess&) = delete;

  // The start-up line: api, authorize, token, revoke, control URLs, client credentials, redirect
  // URIs, realm ids, companies, webhook verifier token.
  const boost::json::object& info() const { return info_; }

 private:
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  boost::json::object info_;
};

}  // namespace qbo_sync::host_stub
