#include "process_figures.h"

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <system_error>

namespace qbo_sync::soak {

namespace {

// "VmRSS:	   41234 kB" → 41234
std::int64_t status_number(const std::string& line) {
  std::istringstream fields(line.substr(line.find(':') + 1));
  std::int64_t number = 0;
  fields >> number;
  return number;
}

std::int64_t count_open_fds() {
  std::int64_t count = 0;
  std::error_code error;
  for (std::filesystem::directory_iterator entry("/proc/self/fd", error), end;
       !error && entry != end; entry.increment(error)) {
    ++count;
  }
  // The iterator's own descriptor on /proc/self/fd was open while counting.
  return count > 0 ? count - 1 : 0;
}

}  // namespace

ProcessFigures read_process_figures() {
  std::ifstream status("/proc/self/status");
  if (!status) throw std::runtime_error("cannot read /proc/self/status");
  ProcessFigures figures;
  for (std::string line; std::getline(status, line);) {
    if (line.starts_with("VmRSS:")) figures.rss_kib = status_number(line);
    if (line.starts_with("VmHWM:")) figures.hwm_kib = status_number(line);
    if (line.starts_with("Threads:")) figures.threads = status_number(line);
  }
  figures.open_fds = count_open_fds();
  return figures;
}

DirectorySize measure_directory(const std::filesystem::path& directory) {
  DirectorySize size;
  std::error_code error;
  for (std::filesystem::recursive_directory_iterator entry(directory, error), end;
       !error && entry != end; entry.increment(error)) {
    std::error_code file_error;
    if (!entry->is_regular_file(file_error)) continue;
    const auto bytes = entry->file_size(file_error);
    if (file_error) continue;  // a file SQLite removed meanwhile (-wal, -journal)
    size.total_bytes += static_cast<std::int64_t>(bytes);
    if (entry->path().filename().string().ends_with("-wal")) {
      size.wal_bytes += static_cast<std::int64_t>(bytes);
    }
  }
  return size;
}

}  // namespace qbo_sync::soak
