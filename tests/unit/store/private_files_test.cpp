#include "store/private_files.h"

#include <sys/stat.h>

#include <filesystem>

#include <gtest/gtest.h>

#include "store/sqlite_connection.h"
#include "store/store.h"
#include "temp_dir.h"

namespace qbo_sync::store {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

mode_t mode_of(const fs::path& path) {
  struct stat info {};
  EXPECT_EQ(::stat(path.c_str(), &info), 0) << path;
  return info.st_mode & 07777;
}

TEST(PrivateFilesTest, AMissingDataDirectoryIsCreatedForItsOwnerAlone) {
  TempDir parent;
  const auto data_dir = parent.path() / "plugin" / "data";
  Store store(data_dir);
  store.put_oauth_state("state", "acct-1");  // something written, so the journal exists
  EXPECT_EQ(mode_of(data_dir), 0700);
  EXPECT_EQ(mode_of(data_dir / "qbo_sync.db"), 0600);
  for (const auto& entry : fs::directory_iterator(data_dir)) {
    EXPECT_EQ(mode_of(entry.path()) & 077, 0u) << entry.path() << " is readable by others";
  }
}

TEST(PrivateFilesTest, ADatabaseLeftReadableByOthersIsMadePrivate) {
  TempDir dir;
  { Store store(dir.path()); }
  fs::permissions(dir.path() / "qbo_sync.db", fs::perms::owner_read | fs::perms::owner_write |
                                                  fs::perms::group_read | fs::perms::others_read);
  Store store(dir.path());
  EXPECT_EQ(mode_of(dir.path() / "qbo_sync.db"), 0600);
}

TEST(PrivateFilesTest, ADirectoryAnyoneMayWriteToIsRefusedWithTheReason) {
  TempDir dir;
  fs::permissions(dir.path(), fs::perms::all, fs::perm_options::replace);
  try {
    Store store(dir.path());
    FAIL() << "a world-writable data directory was accepted";
  } catch (const StoreError& error) {
    EXPECT_NE(std::string(error.what()).find("chmod 700"), std::string::npos) << error.what();
  }
  EXPECT_FALSE(fs::exists(dir.path() / "qbo_sync.db"));
}

}  // namespace
}  // namespace qbo_sync::store
