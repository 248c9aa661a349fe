#include "store/private_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "store/sqlite_connection.h"

namespace qbo_sync::store {
namespace fs = std::filesystem;

void prepare_private_directory(const fs::path& data_dir) {
  if (data_dir.empty()) throw StoreError("the data directory is empty");
  std::error_code error;
  if (!fs::exists(data_dir, error)) {
    fs::create_directories(data_dir, error);
    if (error) {
      throw StoreError("cannot create the data directory " + data_dir.string() + ": " +
                       error.message());
    }
    fs::permissions(data_dir, fs::perms::owner_all, fs::perm_options::replace, error);
  }
  const auto status = fs::status(data_dir, error);
  if (error || !fs::is_directory(status)) {
    throw StoreError("the data directory " + data_dir.string() + " is not a directory");
  }
  if ((status.permissions() & fs::perms::others_write) != fs::perms::none) {
    throw StoreError("the data directory " + data_dir.string() +
                     " may be written by any user; give it to the host's user alone (chmod 700)");
  }
}

void prepare_private_file(const fs::path& file) {
  const int descriptor = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, S_IRUSR | S_IWUSR);
  if (descriptor < 0) {
    throw StoreError("cannot open " + file.string() + ": " + std::strerror(errno));
  }
  const int changed = ::fchmod(descriptor, S_IRUSR | S_IWUSR);
  const int saved_errno = errno;
  ::close(descriptor);
  if (changed != 0) {
    throw StoreError("cannot make " + file.string() + " private: " + std::strerror(saved_errno));
  }
}

}  // namespace qbo_sync::store
