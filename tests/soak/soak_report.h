// What the soak prints: one line of figures a minute, and at the end each figure's first and last
// value with a verdict on whether it keeps growing.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <vector>

#include "process_figures.h"

namespace qbo_sync::soak {

struct RecordCounts {
  std::int64_t todo = 0, completed = 0, errored = 0, skipped = 0;
  std::int64_t total() const { return todo + completed + errored + skipped; }
};

struct Snapshot {
  double at_seconds = 0;  // wall clock since the traffic started
  ProcessFigures process;
  DirectorySize store;
  RecordCounts records;
  std::int64_t qbo_calls = 0;
  std::int64_t hook_calls = 0;
};

void print_figures_header(std::ostream& out);
void print_figures_line(std::ostream& out, const Snapshot& snapshot);

// Prints the summary table; returns false when a figure that must stay bounded grows.
bool print_summary(std::ostream& out, const std::vector<Snapshot>& snapshots);

}  // namespace qbo_sync::soak
