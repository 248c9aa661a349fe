#include "process_figures.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <condition_variable>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace qbo_sync::soak {
namespace {

TEST(ReadProcessFigures, CountsDescriptorsThisProcessOpens) {
  const std::int64_t before = read_process_figures().open_fds;
  std::vector<int> descriptors;
  for (int i = 0; i < 3; ++i) descriptors.push_back(open("/dev/null", O_RDONLY | O_CLOEXEC));
  const std::int64_t with_three_more = read_process_figures().open_fds;
  for (const int descriptor : descriptors) close(descriptor);
  EXPECT_EQ(with_three_more, before + 3);
  EXPECT_EQ(read_process_figures().open_fds, before);
}

TEST(ReadProcessFigures, CountsThreadsAndMemory) {
  const ProcessFigures before = read_process_figures();
  std::mutex mutex;
  std::condition_variable released;
  bool done = false;
  std::thread waiting([&] {
    std::unique_lock lock(mutex);
    released.wait(lock, [&] { return done; });
  });
  const ProcessFigures during = read_process_figures();
  {
    std::lock_guard lock(mutex);
    done = true;
  }
  released.notify_one();
  waiting.join();
  EXPECT_EQ(during.threads, before.threads + 1);
  EXPECT_GT(during.rss_kib, 0);
  EXPECT_GE(during.hwm_kib, during.rss_kib);
}

TEST(MeasureDirectory, AddsUpFilesRecursivelyAndTheWriteAheadLogApart) {
  std::string pattern = (std::filesystem::temp_directory_path() / "soak-figures-XXXXXX").string();
  ASSERT_NE(mkdtemp(pattern.data()), nullptr);
  const std::filesystem::path directory = pattern;
  std::filesystem::create_directory(directory / "nested");
  std::ofstream(directory / "store.db") << std::string(1000, 'a');
  std::ofstream(directory / "store.db-wal") << std::string(300, 'b');
  std::ofstream(directory / "nested" / "key") << std::string(64, 'c');
  const DirectorySize size = measure_directory(directory);
  std::filesystem::remove_all(directory);
  EXPECT_EQ(size.total_bytes, 1364);
  EXPECT_EQ(size.wal_bytes, 300);
}

TEST(MeasureDirectory, IsZeroForAMissingDirectory) {
  const DirectorySize size = measure_directory("/nonexistent/soak-figures");
  EXPECT_EQ(size.total_bytes, 0);
  EXPECT_EQ(size.wal_bytes, 0);
}

}  // namespace
}  // namespace qbo_sync::soak
