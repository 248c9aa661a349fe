#include "store_backend.h"

#include <cstdlib>
#include <fstream>
#include <functional>
#include <stdexcept>

#include "store/postgres/postgres_connection.h"
#include "store/postgres/postgres_store.h"

namespace qbo_sync::testing {
namespace {

std::string cluster_url_text(const char* url_file) {
  std::ifstream in(url_file);
  std::string url;
  std::getline(in, url);
  if (url.empty()) {
    throw std::runtime_error(std::string("no PostgreSQL cluster URL in ") + url_file);
  }
  return url;
}

std::string schema_for(const std::string& data_dir) {
  return "plugin_" + std::to_string(std::hash<std::string>{}(data_dir));
}

// The URL of the schema that keeps the state of the plugin over `data_dir`, made if new; nullopt
// on SQLite.
std::optional<std::string> postgres_url_for(const std::string& data_dir) {
  const char* url_file = std::getenv("QBO_SYNC_TEST_POSTGRES_URL_FILE");
  if (url_file == nullptr || *url_file == '\0') return std::nullopt;
  const std::string cluster = cluster_url_text(url_file);
  const std::string schema = schema_for(data_dir);
  store::PostgresConnection admin(*store::PostgresUrl::parse(cluster));
  admin.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
  return cluster + "?options=-csearch_path%3D" + schema;
}

}  // namespace

std::optional<boost::json::object> store_section_for(const std::string& data_dir) {
  const auto url = postgres_url_for(data_dir);
  if (!url) return std::nullopt;
  return boost::json::object{{"kind", "postgresql"}, {"url", *url}};
}

std::unique_ptr<store::Store> open_plugin_store(const std::filesystem::path& data_dir) {
  if (const auto url = postgres_url_for(data_dir.string())) {
    return store::open_postgres_store(*store::PostgresUrl::parse(*url));
  }
  return std::make_unique<store::Store>(data_dir);
}

}  // namespace qbo_sync::testing
