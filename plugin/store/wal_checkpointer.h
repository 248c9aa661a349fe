// Copies the store's write-ahead log back into the database on a thread of its own, so that a
// hook's commit never waits for a checkpoint (and the disk sync it ends with). SQLite would
// otherwise run the checkpoint inside whichever commit crosses the log's size threshold.
#pragma once

#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>

#include "store/sqlite_connection.h"

namespace qbo_sync::store {

class WalCheckpointer {
 public:
  // Watches the commits of `writer` (which must outlive this) and checkpoints once the log holds
  // `threshold_pages` pages, through its own connection to `file`.
  WalCheckpointer(const std::filesystem::path& file, SqliteConnection& writer,
                  int threshold_pages = 1000);
  ~WalCheckpointer();  // stops and joins; the writer checkpoints for itself again afterwards
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

  // Checkpoints done so far (tests).
  int checkpoints() const;

 private:
  static int on_commit(void* self, sqlite3* db, const char* database, int pages);
  void run();

  SqliteConnection& writer_;
  SqliteConnection own_;
  int threshold_pages_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool due_ = false;
  bool stopping_ = false;
  int checkpoints_ = 0;
  std::thread thread_;
};

}  // namespace qbo_sync::store
