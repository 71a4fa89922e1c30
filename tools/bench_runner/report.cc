#include "tools/bench_runner/report.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>

namespace precis::bench {
namespace {

std::string Fixed(double v, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

// The two stages whose time grew most from row a to row b, with their share
// of b's run: where to look first when the run grows faster than the corpus.
// A stage under 2 % of b's wall time is left out (its ratio is mostly noise).
std::string FastestGrowing(const Row& a, const Row& b) {
  std::vector<std::pair<double, std::string>> grown;  // (ratio, "name ratio (share)")
  for (const auto& stage : b.stage_seconds) {
    const std::string& name = stage.first;
    const double seconds = stage.second;
    if (seconds < 0.02 * b.run.wall_seconds) continue;
    const auto before = std::find_if(a.stage_seconds.begin(), a.stage_seconds.end(),
                                     [&](const auto& s) { return s.first == name; });
    if (before == a.stage_seconds.end() || before->second <= 0) continue;
    const double ratio = seconds / before->second;
    grown.emplace_back(ratio, name + " " + Fixed(ratio, 1) + "x (" +
                                  Fixed(100 * seconds / b.run.wall_seconds, 0) + " %)");
  }
  std::stable_sort(grown.begin(), grown.end(),
                   [](const auto& x, const auto& y) { return x.first > y.first; });
  std::string out;
  for (size_t i = 0; i < grown.size() && i < 2; ++i) out += (i ? ", " : "") + grown[i].second;
  return out.empty() ? "-" : out;
}

}  // namespace

void WriteMarkdown(const std::vector<Row>& rows, std::ostream& out) {
  out << "| command | docs | corpus MB | threads | wall s | runs (wall s) | CPU s | docs/s | "
         "MB/s | MB/s/core | MB/CPU-s | peak RSS MB | RSS/corpus | stages (s) | quality |\n"
         "|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---|---|\n";
  for (const Row& r : rows) {
    const double wall = r.run.wall_seconds > 0 ? r.run.wall_seconds : 1e-9;
    // Decimal megabytes, as the corpus size is, so RSS/corpus compares like with like.
    const double rss_mb = static_cast<double>(r.run.peak_rss_kib) * 1024.0 / 1e6;
    std::string stages, quality, runs;
    for (double w : r.wall_seconds) runs += (runs.empty() ? "" : ", ") + Fixed(w, 2);
    for (const auto& [name, s] : r.stage_seconds)
      stages += (stages.empty() ? "" : ", ") + name + " " + Fixed(s, 2);
    for (const auto& [name, v] : r.quality)
      quality += (quality.empty() ? "" : ", ") + name + " " + Fixed(v, 4);
    if (r.run.exit_code != 0) quality = "FAILED (exit " + std::to_string(r.run.exit_code) + ")";
    // CPU time (user + system) is what a busy shared machine does not
    // inflate: MB per CPU-second is the per-core throughput when all threads work.
    const double cpu = r.run.user_seconds + r.run.system_seconds;
    out << "| " << r.command << " | " << r.documents << " | " << Fixed(r.corpus_mb, 1) << " | "
        << r.threads << " | " << Fixed(wall, 2) << " | " << runs << " | " << Fixed(cpu, 2) << " | "
        << Fixed(r.documents / wall, 0) << " | " << Fixed(r.corpus_mb / wall, 2) << " | "
        << Fixed(r.corpus_mb / wall / r.threads, 2) << " | "
        << Fixed(cpu > 0 ? r.corpus_mb / cpu : 0, 2) << " | " << Fixed(rss_mb, 0) << " | "
        << Fixed(r.corpus_mb > 0 ? rss_mb / r.corpus_mb : 0, 2) << " | " << stages << " | "
        << quality << " |\n";
  }
  // Growth: time(next size) / time(size) for each command and thread count.
  std::map<std::pair<std::string, int>, std::vector<const Row*>> series;
  for (const Row& r : rows) series[{r.command, r.threads}].push_back(&r);
  bool header = false;
  for (const auto& [key, list] : series) {
    for (size_t i = 1; i < list.size(); ++i) {
      if (!header) {
        out << "\nGrowth between consecutive sizes (a time ratio above 1.2x the smaller of the "
               "docs and bytes\nratios, 12x for ten times the documents, is a defect; times are "
               "the fastest runs'):\n\n"
               "| command | threads | sizes | docs ratio | bytes ratio | time ratio | CPU ratio | "
               "user CPU ratio | system CPU ratio | RSS ratio | verdict | fastest-growing stages "
               "|\n"
               "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---|---|\n";
        header = true;
      }
      const Row& a = *list[i - 1];
      const Row& b = *list[i];
      const double size_ratio = static_cast<double>(b.documents) / a.documents;
      const double bytes_ratio = b.corpus_mb / a.corpus_mb;
      const double time_ratio = b.run.wall_seconds / a.run.wall_seconds;
      auto ratio = [](double x, double y) { return y > 0 ? x / y : 0.0; };
      const double cpu_ratio = ratio(b.run.user_seconds + b.run.system_seconds,
                                     a.run.user_seconds + a.run.system_seconds);
      // Apart, user and system time tell the program's own work from the
      // kernel's (page faults, copies into the page cache), which on a
      // virtual machine can grow with the memory a run touches for the first time.
      const double user_ratio = ratio(b.run.user_seconds, a.run.user_seconds);
      const double system_ratio = ratio(b.run.system_seconds, a.run.system_seconds);
      const double rss_ratio = static_cast<double>(b.run.peak_rss_kib) / a.run.peak_rss_kib;
      // The line is 12x for ten times the documents; a corpus whose
      // bytes grew less than its documents is held to its bytes.
      const bool defect = time_ratio > 1.2 * std::min(size_ratio, bytes_ratio);
      out << "| " << key.first << " | " << key.second << " | " << a.documents << " -> "
          << b.documents << " | " << Fixed(size_ratio, 1) << "x | " << Fixed(bytes_ratio, 1)
          << "x | " << Fixed(time_ratio, 2) << "x | " << Fixed(cpu_ratio, 2) << "x | "
          << Fixed(user_ratio, 2) << "x | " << Fixed(system_ratio, 2) << "x | "
          << Fixed(rss_ratio, 2) << "x | " << (defect ? "DEFECT: super-linear" : "ok") << " | "
          << FastestGrowing(a, b) << " |\n";
    }
  }
}

void WriteJson(const std::vector<Row>& rows, std::ostream& out) {
  nlohmann::ordered_json j = nlohmann::ordered_json::array();
  for (const Row& r : rows) {
    nlohmann::ordered_json row;
    row["command"] = r.command;
    row["documents"] = r.documents;
    row["corpus_mb"] = r.corpus_mb;
    row["threads"] = r.threads;
    row["exit_code"] = r.run.exit_code;
    row["wall_seconds"] = r.run.wall_seconds;
    row["wall_seconds_of_each_run"] = r.wall_seconds;
    row["user_seconds"] = r.run.user_seconds;
    row["system_seconds"] = r.run.system_seconds;
    row["peak_rss_mib"] = r.run.peak_rss_kib / 1024.0;
    row["peak_rss_mb"] = static_cast<double>(r.run.peak_rss_kib) * 1024.0 / 1e6;
    row["docs_per_second"] = r.documents / r.run.wall_seconds;
    row["mb_per_second"] = r.corpus_mb / r.run.wall_seconds;
    for (const auto& [name, s] : r.stage_seconds) row["stage_seconds"][name] = s;
    for (const auto& [name, v] : r.quality) row["quality"][name] = v;
    j.push_back(row);
  }
  out << j.dump(2) << "\n";
}

}  // namespace precis::bench
