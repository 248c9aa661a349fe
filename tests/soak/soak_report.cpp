#include "soak_report.h"

#include <functional>
#include <iomanip>
#include <ostream>
#include <sstream>
#include <string>

#include "trend.h"

namespace qbo_sync::soak {

namespace {

constexpr double kMiB = 1024.0 * 1024.0;

// `value` right-aligned in `width` characters with `decimals` decimals.
std::string fixed(double value, int width, int decimals = 0) {
  std::ostringstream text;
  text << std::fixed << std::setprecision(decimals) << std::setw(width) << value;
  return text.str();
}

std::string elapsed_text(double seconds) {
  const auto whole = static_cast<long>(seconds);
  std::ostringstream text;
  text << std::setw(4) << whole / 60 << ':' << std::setfill('0') << std::setw(2) << whole % 60;
  return text.str();
}

// A figure of the summary: how to read it from a snapshot, and whether it must stay bounded (a
// leak) or grows with the traffic by design (records, calls, the store's total size).
struct Figure {
  const char* name;
  const char* unit;
  std::function<double(const Snapshot&)> value;
  bool bounded;
  Tolerance tolerance;  // for bounded figures
};

double bytes_per_record(const Snapshot& snapshot) {
  const auto records = snapshot.records.total();
  return records > 0 ? static_cast<double>(snapshot.store.total_bytes) / records : 0;
}

const std::vector<Figure>& figures() {
  static const std::vector<Figure> all{
      {"RSS", "MiB", [](const Snapshot& s) { return s.process.rss_kib / 1024.0; }, true, {16, 4}},
      {"VmHWM", "MiB", [](const Snapshot& s) { return s.process.hwm_kib / 1024.0; }, true, {16, 4}},
      {"open fds", "", [](const Snapshot& s) { return double(s.process.open_fds); }, true, {2, 3}},
      {"threads", "", [](const Snapshot& s) { return double(s.process.threads); }, true, {1, 1}},
      {"records todo",
       "",
       [](const Snapshot& s) { return double(s.records.todo); },
       true,
       {120, 30}},
      {"store per record",
       "KiB",
       [](const Snapshot& s) { return bytes_per_record(s) / 1024; },
       true,
       {0.5, 0.25}},
      {"store -wal",
       "MiB",
       [](const Snapshot& s) { return s.store.wal_bytes / kMiB; },
       true,
       {16, 8}},
      {"store", "MiB", [](const Snapshot& s) { return s.store.total_bytes / kMiB; }, false, {}},
      {"completed", "", [](const Snapshot& s) { return double(s.records.completed); }, false, {}},
      {"skipped", "", [](const Snapshot& s) { return double(s.records.skipped); }, false, {}},
      {"errored", "", [](const Snapshot& s) { return double(s.records.errored); }, false, {}},
      {"QBO calls", "", [](const Snapshot& s) { return double(s.qbo_calls); }, false, {}},
      {"hook calls", "", [](const Snapshot& s) { return double(s.hook_calls); }, false, {}},
  };
  return all;
}

}  // namespace

void print_figures_header(std::ostream& out) {
  out << "elapsed  RSS MiB  HWM MiB  fds  threads  store MiB    todo  completed  errored  skipped"
         "  QBO calls  hooks\n";
}

void print_figures_line(std::ostream& out, const Snapshot& s) {
  out << elapsed_text(s.at_seconds) << "  " << fixed(s.process.rss_kib / 1024.0, 7, 1) << "  "
      << fixed(s.process.hwm_kib / 1024.0, 7, 1) << "  " << std::setw(3) << s.process.open_fds
      << "  " << std::setw(7) << s.process.threads << "  "
      << fixed(s.store.total_bytes / kMiB, 9, 2) << "  " << std::setw(6) << s.records.todo << "  "
      << std::setw(9) << s.records.completed << "  " << std::setw(7) << s.records.errored << "  "
      << std::setw(7) << s.records.skipped << "  " << std::setw(9) << s.qbo_calls << "  "
      << std::setw(5) << s.hook_calls << '\n';
  out.flush();
}

bool print_summary(std::ostream& out, const std::vector<Snapshot>& snapshots) {
  if (snapshots.empty()) return true;
  out << std::left << std::setw(22) << "figure" << std::right << ' ' << std::setw(10) << "first"
      << ' ' << std::setw(10) << "last" << ' ' << std::setw(12) << "per hour" << ' '
      << std::setw(10) << "rise"
      << "   " << std::left << std::setw(17) << "tolerance" << std::right << "verdict\n";
  bool all_bounded = true;
  for (const Figure& figure : figures()) {
    std::vector<Sample> samples;
    for (const Snapshot& snapshot : snapshots) {
      samples.push_back({snapshot.at_seconds, figure.value(snapshot)});
    }
    const Judgement judgement = judge_second_half(samples, figure.tolerance);
    std::string verdict;
    if (figure.bounded) {
      verdict = judgement.verdict == Verdict::grows ? "grows" : "stable";
      all_bounded = all_bounded && judgement.verdict == Verdict::stable;
    } else {
      verdict = judgement.slope_per_hour > 0 ? "grows with the traffic (expected)" : "stable";
    }
    const std::string unit = *figure.unit ? std::string(" (") + figure.unit + ")" : "";
    const std::string tolerance = figure.bounded ? fixed(figure.tolerance.per_hour, 0, 2) + "/h, " +
                                                       fixed(figure.tolerance.noise, 0, 2)
                                                 : "-";
    out << std::left << std::setw(22) << (figure.name + unit) << std::right << ' '
        << fixed(samples.front().value, 10, 2) << ' ' << fixed(samples.back().value, 10, 2) << ' '
        << fixed(judgement.slope_per_hour, 12, 2) << ' ' << fixed(judgement.rise, 10, 2) << "   "
        << std::left << std::setw(17) << tolerance << std::right << verdict << '\n';
  }
  out << "(per hour: the least-squares slope over the second half of the run; rise: what that\n"
         " slope adds over the half; a bounded figure grows when both exceed its tolerance)\n";
  return all_bounded;
}

}  // namespace qbo_sync::soak
