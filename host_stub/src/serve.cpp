#include "qbo_sync/host_stub/serve.h"

#include <csignal>
#include <fstream>
#include <memory>
#include <ostream>
#include <thread>

#include <boost/json.hpp>

#include "qbo_sync/host/plugin_instance.h"
#include "qbo_sync/host/recording_host.h"
#include "qbo_sync/host_stub/commands.h"
#include "qbo_sync/host_stub/console_app.h"
#include "qbo_sync/host_stub/host_config.h"
#include "qbo_sync/host_stub/http_server.h"
#include "qbo_sync/host_stub/sandbox_config.h"
#include "qbo_sync/host_stub/sandbox_process.h"

namespace qbo_sync::host_stub {
namespace {

// Delays pass this many times faster in the sandbox and the plugin (as in the demo): an alert
// e-mail, gathered for a minute, shows after a second.
constexpr int kTimeScale = 60;

std::unique_ptr<SandboxProcess> start_sandbox(const ServeOptions& options,
                                              const std::string& callback) {
  if (!options.sandbox) return nullptr;
  return std::make_unique<SandboxProcess>(
      *options.sandbox, std::vector<std::string>{"--port", "0", "--company", "ca", "--company",
                                                 "us", "--redirect-uri", callback, "--time-scale",
                                                 std::to_string(kTimeScale)});
}

std::vector<ConsoleAccount> console_accounts(const SandboxProcess* sandbox) {
  std::vector<ConsoleAccount> accounts{{"acct-demo-ca", "Maple Leaf Yoga (Canada)", ""},
                                       {"acct-demo-us", "Lone Star Fitness (US)", ""}};
  if (sandbox) {
    accounts[0].realm_id = realm_for_preset(sandbox->info(), "ca");
    accounts[1].realm_id = realm_for_preset(sandbox->info(), "us");
  }
  return accounts;
}

// Owner-only, like the key file beside it: it holds the sandbox app's client secret.
void write_sandbox_info(const std::filesystem::path& file, const boost::json::object& info) {
  {
    std::ofstream out(file, std::ios::trunc);
    out << boost::json::serialize(info) << '\n';
  }
  std::error_code ignored;
  std::filesystem::permissions(
      file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write, ignored);
}

// SIGINT and SIGTERM are taken by sigwait, not by a handler; blocked before any thread starts so
// that every thread inherits the mask.
sigset_t stop_signals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  return signals;
}

}  // namespace

int run_serve(const ServeOptions& options, std::ostream& out, std::ostream& err) {
  HttpServer* server_ref = nullptr;
  ConsoleApp* app_ref = nullptr;
  HttpServer server(options.port, [&](const HttpRequest& request) {
    if (!app_ref) return HttpResponse{503, "text/plain", "starting", {}};
    return app_ref->handle(request);
  });
  server_ref = &server;
  const std::string url = "http://127.0.0.1:" + std::to_string(server.port()) + "/";
  const auto sandbox = start_sandbox(options, url + "oauth/callback");

  const sigset_t signals = stop_signals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  HostConfig config = host_config_for(options.data_dir);
  if (sandbox) {
    config.qbo_json = qbo_config_for_sandbox(sandbox->info());
    config.time_scale = kTimeScale;
    write_sandbox_info(config.data_dir / "sandbox-info.json", sandbox->info());
  }
  host::RecordingHostOptions host_options;
  host_options.log_echo = &err;
  if (options.host_log) host_options.call_log_path = *options.host_log;
  host::RecordingHost host(host_options);
  host::PluginInstance plugin(host::LoadedPlugin::load(options.plugin), host.table(),
                              host_config_json(config));
  ConsoleApp app(plugin, host, console_accounts(sandbox.get()), options.examples);
  app_ref = &app;

  std::thread serving([server_ref] { server_ref->serve(); });
  out << "console: " << url << '\n';
  if (sandbox) out << "sandbox-info: " << (config.data_dir / "sandbox-info.json").string() << '\n';
  out.flush();
  int signal = 0;
  sigwait(&signals, &signal);
  server.stop();
  serving.join();
  out << "console stopped\n";
  return kExitOk;
}

}  // namespace qbo_sync::host_stub
