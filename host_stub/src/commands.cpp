#include "qbo_sync/host_stub/commands.h"

#include <boost/program_options.hpp>
#include <exception>
#include <fstream>
#include <map>
#include <optional>
#include <ostream>
#include <sstream>

#include "qbo_sync/host/host_error.h"
#include "qbo_sync/host/plugin_instance.h"
#include "qbo_sync/host/plugin_loader.h"
#include "qbo_sync/host/recording_host.h"
#include "qbo_sync/host/status_names.h"
#include "qbo_sync/host_stub/demo.h"
#include "qbo_sync/host_stub/failure_text.h"
#include "qbo_sync/host_stub/host_config.h"
#include "qbo_sync/host_stub/records_table.h"
#include "qbo_sync/host_stub/sandbox_config.h"
#include "qbo_sync/host_stub/serve.h"
#include "qbo_sync/host_stub/text_file.h"

namespace qbo_sync::host_stub {

namespace {

namespace po = boost::program_options;

// A wrong command line: reported with the usage hint and exit code 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct CommandLine {
  std::string command;
  std::map<std::string, std::string, std::less<>> options;
  std::vector<std::string> positional;

  std::optional<std::string> option(std::string_view name) const {
    const auto found = options.find(name);
    return found == options.end() ? std::nullopt : std::optional<std::string>(found->second);
  }
  std::string required(std::string_view name) const {
    auto value = option(name);
    if (!value || value->empty()) {
      throw UsageError(command + " needs " + std::string(name));
    }
    return *value;
  }
  bool flag(std::string_view name) const { return options.contains(name); }
};

// Every option of every command; each command checks which of them it takes (allow_only).
po::options_description option_descriptions() {
  po::options_description options("options");
  options.add_options()("plugin", po::value<std::string>()->value_name("PATH"),
                        "the plugin library to load")(
      "data-dir", po::value<std::string>()->value_name("DIR"), "the plugin's data directory")(
      "hook", po::value<std::string>()->value_name("NAME"),
      "send: payment, invoice-sent, invoice-updated or settings")(
      "account", po::value<std::string>()->value_name("ID"), "records: the account")(
      "status", po::value<std::string>()->value_name("S"), "records: only records in this status")(
      "examples", po::value<std::string>()->value_name("DIR"), "demo: the example events")(
      "sandbox", po::value<std::string>()->value_name("PATH"), "demo: the qbo-sandbox program")(
      "host-log", po::value<std::string>()->value_name("FILE"),
      "append every host service call to FILE, one JSON object per line")(
      "sandbox-info", po::value<std::string>()->value_name("FILE"),
      "send, admin, records: reach the running sandbox whose start-up line is in FILE (serve "
      "writes DIR/sandbox-info.json)")("port", po::value<std::string>()->value_name("N"),
                                       "serve: the console's port (default: any free port)")(
      "keep-data", po::bool_switch(), "demo: keep the data directory afterwards")(
      "store-url-file", po::value<std::string>()->value_name("FILE"),
      "demo: keep the plugin's state in the PostgreSQL database whose URL is FILE's first line")(
      "help", po::bool_switch(), "print this help");
  return options;
}

// Long options only ("--name value" or "--name=value"), no abbreviations; anything else is an
// argument, and "--" ends the options.
constexpr int kOptionStyle = po::command_line_style::allow_long |
                             po::command_line_style::long_allow_next |
                             po::command_line_style::long_allow_adjacent;

po::variables_map parse_options(const std::vector<std::string>& args) {
  po::options_description all = option_descriptions();
  all.add_options()("argument", po::value<std::vector<std::string>>(), "");
  po::positional_options_description positional;
  positional.add("argument", -1);
  po::variables_map values;
  try {
    po::store(
        po::command_line_parser(args).options(all).positional(positional).style(kOptionStyle).run(),
        values);
  } catch (const po::unknown_option& error) {
    throw UsageError("unknown option " + error.get_option_name());
  } catch (const po::multiple_occurrences& error) {
    throw UsageError(error.get_option_name() + " given twice");
  } catch (const po::invalid_command_line_syntax& error) {
    if (error.kind() == po::invalid_syntax::missing_parameter) {
      throw UsageError(error.get_option_name() + " needs a value");
    }
    throw UsageError(error.what());
  } catch (const po::error& error) {
    throw UsageError(error.what());
  }
  return values;
}

CommandLine parse_command_line(const std::vector<std::string>& args) {
  const po::variables_map values = parse_options(args);
  CommandLine line;
  if (values.count("argument") != 0) {
    line.positional = values["argument"].as<std::vector<std::string>>();
  }
  if (values["help"].as<bool>()) {
    line.command = "help";
  } else if (line.positional.empty()) {
    throw UsageError("no command given");
  } else {
    line.command = line.positional.front();
    line.positional.erase(line.positional.begin());
  }
  for (const auto& [name, value] : values) {
    if (name == "argument" || name == "help" || value.defaulted()) {
      continue;
    }
    if (name == "keep-data") {
      if (value.as<bool>()) {
        line.options["--keep-data"] = "";
      }
      continue;
    }
    line.options["--" + name] = value.as<std::string>();
  }
  return line;
}

void allow_only(const CommandLine& line, std::initializer_list<std::string_view> allowed,
                bool takes_positional) {
  for (const auto& [name, value] : line.options) {
    bool known = false;
    for (const auto candidate : allowed) {
      known = known || candidate == name;
    }
    if (!known) {
      throw UsageError(line.command + " does not take " + name);
    }
  }
  if (!takes_positional && !line.positional.empty()) {
    throw UsageError(line.command + " takes no argument '" + line.positional.front() + "'");
  }
}

host::RecordingHostOptions host_options(const CommandLine& line, std::ostream& err) {
  host::RecordingHostOptions options;
  options.log_echo = &err;
  if (auto host_log = line.option("--host-log")) {
    options.call_log_path = std::filesystem::path(*host_log);
  }
  return options;
}

// The data directory's configuration, with the running sandbox's endpoints when given.
std::string session_config(const CommandLine& line) {
  HostConfig config = host_config_for(line.required("--data-dir"));
  if (auto info = line.option("--sandbox-info")) {
    config.qbo_json = qbo_config_for_sandbox(read_sandbox_info(*info));
  }
  return host_config_json(config);
}

// A loaded plugin, a recording host and an instance over the command line's data directory.
struct Session {
  Session(const CommandLine& line, std::ostream& err)
      : host(host_options(line, err)),
        instance(host::LoadedPlugin::load(line.required("--plugin")), host.table(),
                 session_config(line)) {}

  host::RecordingHost host;
  host::PluginInstance instance;
};

int run_info(const CommandLine& line, std::ostream& out) {
  allow_only(line, {"--plugin"}, false);
  const auto plugin = host::LoadedPlugin::load(line.required("--plugin"));
  const host::PluginIdentity& identity = plugin->identity();
  out << "plugin name:    " << identity.name << '\n'
      << "plugin version: " << identity.version << '\n'
      << "plugin ABI:     " << identity.abi_major << '.' << identity.abi_minor << '\n'
      << "host ABI:       " << QBO_SYNC_ABI_MAJOR << '.' << QBO_SYNC_ABI_MINOR << '\n'
      << "library:        " << plugin->path().string() << '\n';
  return kExitOk;
}

int run_send(const CommandLine& line, std::ostream& out, std::ostream& err) {
  allow_only(line, {"--plugin", "--data-dir", "--hook", "--host-log", "--sandbox-info"}, true);
  const std::string hook_name = line.required("--hook");
  const std::optional<host::Hook> hook = host::hook_from_cli_name(hook_name);
  if (!hook) {
    throw UsageError("unknown hook '" + hook_name +
                     "' (use payment, invoice-sent, invoice-updated or settings)");
  }
  if (line.positional.empty()) {
    throw UsageError("send needs at least one event file");
  }
  // Read every file first: a missing file is reported before anything reaches the plugin.
  std::vector<std::string> payloads;
  for (const auto& file : line.positional) {
    payloads.push_back(read_text_file(file, "event file"));
  }
  Session session(line, err);
  int exit_code = kExitOk;
  for (std::size_t i = 0; i < payloads.size(); ++i) {
    const host::CallResult result = session.instance.call_hook(*hook, payloads[i]);
    out << line.positional[i] << ": " << host::status_name(result.status) << ' ' << result.body
        << '\n';
    if (!host::is_accepted_status(result.status)) {
      err << "host_stub: error: " << line.positional[i] << ": "
          << describe_failure(host::hook_function_name(*hook), result) << '\n';
      exit_code = kExitFailure;
    }
  }
  return exit_code;
}

int run_records(const CommandLine& line, std::ostream& out, std::ostream& err) {
  allow_only(line,
             {"--plugin", "--data-dir", "--account", "--status", "--host-log", "--sandbox-info"},
             false);
  const std::string account = line.required("--account");
  Session session(line, err);
  print_records_table(out, list_all_records(session.instance, account, line.option("--status")));
  return kExitOk;
}

int run_admin(const CommandLine& line, std::ostream& out, std::ostream& err) {
  allow_only(line, {"--plugin", "--data-dir", "--host-log", "--sandbox-info"}, true);
  if (line.positional.size() != 1) {
    throw UsageError("admin takes exactly one JSON request");
  }
  Session session(line, err);
  const host::CallResult result = session.instance.admin(line.positional.front());
  out << result.body << '\n';
  if (result.status != QBO_SYNC_OK) {
    err << "host_stub: error: " << describe_failure("admin", result) << '\n';
    return kExitFailure;
  }
  return kExitOk;
}

int run_demo_command(const CommandLine& line, std::ostream& out, std::ostream& err) {
  allow_only(
      line,
      {"--plugin", "--examples", "--sandbox", "--host-log", "--keep-data", "--store-url-file"},
      false);
  DemoOptions options;
  options.plugin = line.required("--plugin");
  options.examples = line.required("--examples");
  if (auto sandbox = line.option("--sandbox")) {
    options.sandbox = std::filesystem::path(*sandbox);
  }
  if (auto host_log = line.option("--host-log")) {
    options.host_log = std::filesystem::path(*host_log);
  }
  options.keep_data = line.flag("--keep-data");
  if (auto store_url_file = line.option("--store-url-file")) {
    options.store_url_file = std::filesystem::path(*store_url_file);
  }
  return run_demo(options, out, err);
}

int run_serve_command(const CommandLine& line, std::ostream& out, std::ostream& err) {
  allow_only(line, {"--plugin", "--data-dir", "--examples", "--sandbox", "--port", "--host-log"},
             false);
  ServeOptions options;
  options.plugin = line.required("--plugin");
  options.data_dir = line.required("--data-dir");
  options.examples = line.required("--examples");
  if (auto sandbox = line.option("--sandbox")) options.sandbox = std::filesystem::path(*sandbox);
  if (auto host_log = line.option("--host-log"))
    options.host_log = std::filesystem::path(*host_log);
  if (auto port = line.option("--port")) {
    int value = -1;
    try {
      value = std::stoi(*port);
    } catch (const std::exception&) {
    }
    if (value < 0 || value > 65535) throw UsageError("--port must be a port number");
    options.port = static_cast<std::uint16_t>(value);
  }
  return run_serve(options, out, err);
}

}  // namespace

std::string host_stub_usage() {
  std::ostringstream options;
  options << option_descriptions();
  return "usage:\n"
         "  host_stub info    --plugin PATH\n"
         "  host_stub send    --plugin PATH --data-dir DIR "
         "--hook payment|invoice-sent|invoice-updated|settings [--host-log FILE] FILE...\n"
         "  host_stub records --plugin PATH --data-dir DIR --account ID [--status S] "
         "[--host-log FILE]\n"
         "  host_stub admin   --plugin PATH --data-dir DIR [--host-log FILE] '<request json>'\n"
         "  host_stub demo    --plugin PATH --examples DIR [--sandbox PATH] [--host-log FILE] "
         "[--keep-data] [--store-url-file FILE]\n"
         "  host_stub serve   --plugin PATH --data-dir DIR --examples DIR [--sandbox PATH] "
         "[--port N] [--host-log FILE]\n"
         "  host_stub help\n\n"
         "send, records and admin take --sandbox-info FILE to reach a running sandbox.\n\n" +
         options.str();
}

int run_host_stub(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  try {
    const CommandLine line = parse_command_line(args);
    if (line.command == "info") {
      return run_info(line, out);
    }
    if (line.command == "send") {
      return run_send(line, out, err);
    }
    if (line.command == "records") {
      return run_records(line, out, err);
    }
    if (line.command == "admin") {
      return run_admin(line, out, err);
    }
    if (line.command == "demo") {
      return run_demo_command(line, out, err);
    }
    if (line.command == "serve") {
      return run_serve_command(line, out, err);
    }
    if (line.command == "help" || line.command == "--help" || line.command == "-h") {
      out << host_stub_usage();
      return kExitOk;
    }
    throw UsageError("unknown command '" + line.command + "'");
  } catch (const UsageError& error) {
    err << "host_stub: error: " << one_line(error.what()) << " (run 'host_stub help')\n";
    return kExitUsage;
  } catch (const std::exception& error) {
    err << "host_stub: error: " << one_line(error.what()) << '\n';
    return kExitFailure;
  } catch (...) {
    err << "host_stub: error: an unknown exception\n";
    return kExitFailure;
  }
}

}  // namespace qbo_sync::host_stub
