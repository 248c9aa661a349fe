// The figures of this process a leak would show in, read from /proc/self, and a directory's size.
#pragma once

#include <cstdint>
#include <filesystem>

namespace qbo_sync::soak {

struct ProcessFigures {
  std::int64_t rss_kib = 0;  // VmRSS
  std::int64_t hwm_kib = 0;  // VmHWM: the largest RSS so far
  std::int64_t threads = 0;
  std::int64_t open_fds = 0;
};

// Reads /proc/self/status and counts /proc/self/fd. Throws std::runtime_error when /proc is absent.
ProcessFigures read_process_figures();

struct DirectorySize {
  std::int64_t total_bytes = 0;  // every regular file, recursively
  std::int64_t wal_bytes = 0;    // files whose name ends in "-wal" (SQLite's write-ahead logs)
};

DirectorySize measure_directory(const std::filesystem::path& directory);

}  // namespace qbo_sync::soak
