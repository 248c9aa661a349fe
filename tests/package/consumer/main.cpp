// Loads the installed plugin through the installed host library and prints its plugin_info.
#include <iostream>
#include <qbo_sync/host.hpp>
#include <string>

int main(int argc, char** argv) try {
  if (argc != 2) throw std::runtime_error("usage: qbo_sync_consumer DATA_DIR");
  const std::string config = std::string(R"({"data_dir":")") + argv[1] + R"(","encryption_key":")" +
                             std::string(64, '7') + R"(","qbo":{}})";
  qbo_sync::host::RecordingHost host;
  qbo_sync::host::PluginInstance plugin(qbo_sync::host::LoadedPlugin::load(QBO_SYNC_PLUGIN),
                                        host.table(), config);
  const qbo_sync::host::CallResult info = plugin.admin(R"({"op":"plugin_info"})");
  std::cout << info.body << '\n';
  return info.status == QBO_SYNC_OK ? 0 : 1;
} catch (const std::exception& error) {
  std::cerr << "qbo_sync_consumer: " << error.what() << '\n';
  return 1;
}
