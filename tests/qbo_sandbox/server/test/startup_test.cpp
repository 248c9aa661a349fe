#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

#include "http_test_client.h"

extern char** environ;

namespace qbo_sandbox {
namespace {

// The qbo-sandbox executable, started with a pipe on its stdout.
class SandboxProcess {
 public:
  explicit SandboxProcess(std::vector<std::string> arguments) {
    int pipe_ends[2];
    if (pipe(pipe_ends) != 0) {
      throw std::runtime_error("pipe failed");
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipe_ends[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, pipe_ends[0]);
    arguments.insert(arguments.begin(), QBO_SANDBOX_EXECUTABLE);
    std::vector<char*> argv;
    for (auto& argument : arguments) {
      argv.push_back(argument.data());
    }
    argv.push_back(nullptr);
    const int spawned =
        posix_spawn(&pid_, QBO_SANDBOX_EXECUTABLE, &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(pipe_ends[1]);
    output_ = pipe_ends[0];
    if (spawned != 0) {
      throw std::runtime_error("cannot start " + std::string(QBO_SANDBOX_EXECUTABLE));
    }
  }
  ~SandboxProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    close(output_);
  }

  // Everything the process writes until `stop_at_newline` sees a newline, EOF, or 10 s pass.
  std::string read_output(bool stop_at_newline) {
    std::string text;
    for (;;) {
      pollfd readable{output_, POLLIN, 0};
      if (poll(&readable, 1, 10000) <= 0) {
        return text;
      }
      char buffer[4096];
      const ssize_t got = read(output_, buffer, sizeof buffer);
      if (got <= 0) {
        return text;
      }
      text.append(buffer, static_cast<std::size_t>(got));
      if (stop_at_newline && text.find('\n') != std::string::npos) {
        return text;
      }
    }
  }

  // Sends the signal and returns the exit status (-1 if it did not exit normally).
  int stop_with(int signal_number) {
    kill(pid_, signal_number);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  int wait_exit() {
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

 private:
  pid_t pid_ = -1;
  int output_ = -1;
};

TEST(Startup, PrintsExactlyOneJsonLineThenServesUntilSigterm) {
  SandboxProcess sandbox({"--port", "0", "--company", "ca", "--company", "us", "--time-scale", "60",
                          "--redirect-uri", "http://localhost:5000/cb"});
  const std::string line = sandbox.read_output(true);
  ASSERT_FALSE(line.empty());
  ASSERT_EQ(line.back(), '\n');
  ASSERT_EQ(line.find('\n'), line.size() - 1);
  const auto info = boost::json::parse(line).as_object();
  const std::string api(info.at("api").as_string());
  EXPECT_EQ(api.rfind("http://127.0.0.1:", 0), 0u);
  EXPECT_EQ(info.at("authorize"), boost::json::value(std::string_view(api + "/connect/oauth2")));
  EXPECT_EQ(info.at("token"),
            boost::json::value(std::string_view(api + "/oauth2/v1/tokens/bearer")));
  EXPECT_EQ(info.at("revoke"),
            boost::json::value(std::string_view(api + "/v2/oauth2/tokens/revoke")));
  EXPECT_EQ(info.at("control"), boost::json::value(std::string_view(api + "/control")));
  EXPECT_EQ(info.at("realm_ids").as_array().size(), 2u);
  EXPECT_EQ(info.at("companies").at(1).at("preset"), "us");
  EXPECT_EQ(info.at("redirect_uris").as_array().size(), 1u);
  EXPECT_EQ(info.at("redirect_uris").at(0), "http://localhost:5000/cb");
  EXPECT_FALSE(info.at("client_id").as_string().empty());
  EXPECT_FALSE(info.at("client_secret").as_string().empty());
  EXPECT_FALSE(info.at("webhook_verifier_token").as_string().empty());
  EXPECT_EQ(info.at("time_scale"), 60.0);

  // It accepts connections as soon as the line is out.
  test::HttpClient client;
  const auto answer = client.get(api + "/control/info");
  EXPECT_EQ(answer.status, 200);
  EXPECT_EQ(boost::json::parse(answer.body).at("realm_ids"), info.at("realm_ids"));

  EXPECT_EQ(sandbox.stop_with(SIGTERM), 0);
  EXPECT_EQ(sandbox.read_output(false), "") << "nothing after the start-up line";
}

TEST(Startup, ExitsCleanlyOnSigint) {
  SandboxProcess sandbox({"--port", "0"});
  ASSERT_FALSE(sandbox.read_output(true).empty());
  EXPECT_EQ(sandbox.stop_with(SIGINT), 0);
}

TEST(Startup, RefusesUnknownFlagsWithUsage) {
  SandboxProcess sandbox({"--company", "fr"});
  EXPECT_EQ(sandbox.wait_exit(), 2);
  EXPECT_EQ(sandbox.read_output(false), "");
}

}  // namespace
}  // namespace qbo_sandbox
