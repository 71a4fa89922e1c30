// precis-bench: end-to-end throughput of `precis dedup` and `precis digest` on
// generated corpora of growing size, with wall time, peak RSS, per-stage times
// and quality against the generator's gold labels. See bench/README.md.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "tools/bench_runner/measure.h"
#include "tools/bench_runner/quality.h"
#include "tools/bench_runner/report.h"

namespace fs = std::filesystem;
using namespace precis::bench;

namespace {

std::vector<size_t> ParseList(const std::string& s) {
  std::vector<size_t> out;
  std::stringstream ss(s);
  std::string item;
  while (std::getline(ss, item, ',')) {
    if (item.empty()) continue;
    double mult = 1;
    char last = item.back();
    if (last == 'k' || last == 'K') mult = 1e3;
    if (last == 'm' || last == 'M') mult = 1e6;
    if (mult != 1) item.pop_back();
    out.push_back(static_cast<size_t>(std::stod(item) * mult));
  }
  return out;
}

// Per-stage timings from precis --stats ("timings": [{stage, seconds}]).
std::vector<std::pair<std::string, double>> StageTimes(const std::string& output_path) {
  std::vector<std::pair<std::string, double>> out;
  std::ifstream in(output_path);
  auto j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.contains("timings")) return out;
  for (const auto& t : j["timings"]) {
    if (t.contains("stage") && t.contains("seconds")) out.emplace_back(t["stage"], t["seconds"]);
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  // Before anything else, while this process is small (measure.h).
  Spawner spawner;
  std::string precis_bin, gen_bin, sizes_arg = "10k,100k,1M", threads_arg,
                                   commands_arg = "dedup,digest";
  std::string corpora_dir = "build/bench-corpora", out_dir = "build/bench-results";
  bool quick = false, keep_outputs = false;
  int repeat = 0;  // 0: the default below
  uint64_t seed = 20261123;
  CLI::App app{
      "precis-bench runs `precis dedup` and `precis digest` on generated corpora (made once by\n"
      "precis-gen-corpus with a fixed seed and reused) and prints a table: wall time, docs/s, "
      "MB/s,\n"
      "MB/s per core, peak RSS (getrusage of the child), per-stage times and quality against the "
      "gold\n"
      "labels, then the growth ratios between consecutive sizes. Writes report.md and report.json.",
      "precis-bench"};
  app.add_option("--precis", precis_bin, "The precis binary")->required();
  app.add_option("--gen", gen_bin, "The precis-gen-corpus binary")->required();
  app.add_option("--sizes", sizes_arg, "Corpus sizes in documents, e.g. 10k,100k,1M");
  app.add_option("--threads", threads_arg, "Thread counts to run, e.g. 1,2 (default: all cores)");
  app.add_option("--commands", commands_arg, "Commands to time: dedup,digest");
  app.add_option("--corpora", corpora_dir, "Where generated corpora are kept and reused");
  app.add_option("--out", out_dir, "Where report.md, report.json and the logs go");
  app.add_option("--seed", seed, "Generator seed");
  app.add_flag("--quick", quick, "Small sizes (1k,10k) for a run of a few minutes");
  app.add_flag("--keep-outputs", keep_outputs, "Keep precis' JSON outputs (they can be large)");
  app.add_option("--repeat", repeat,
                 "Runs of each command per size and thread count, in rounds (every size once, "
                 "then again); the table keeps the fastest (the least disturbed on a shared "
                 "machine) and lists every run's wall time. Default: 2, or 1 with --quick")
      ->check(CLI::PositiveNumber);
  CLI11_PARSE(app, argc, argv);
  if (quick && app.count("--sizes") == 0) sizes_arg = "1k,10k";
  // Two rounds by default: one slow stretch of a shared machine during the
  // largest size (the 1M digest varies by a tenth from run to run here) would
  // otherwise decide the growth verdict alone.
  if (repeat == 0) repeat = quick ? 1 : 2;
  if (threads_arg.empty())
    threads_arg = std::to_string(std::max(1u, std::thread::hardware_concurrency()));

  const std::vector<size_t> sizes = ParseList(sizes_arg);
  const std::vector<size_t> threads = ParseList(threads_arg);
  // More threads than cores share them: the run still measures something
  // (oversubscription), but its per-core columns divide by threads that
  // never ran at once.
  const unsigned cores = std::thread::hardware_concurrency();
  for (size_t t : threads) {
    if (cores != 0 && t > cores) {
      std::cerr << "precis-bench: note: " << t << " threads on " << cores
                << " cores; MB/s/core in those rows divides by " << t
                << " threads that share the cores\n";
    }
  }
  std::vector<std::string> commands;
  {
    std::stringstream ss(commands_arg);
    std::string c;
    while (std::getline(ss, c, ',')) commands.push_back(c);
  }
  fs::create_directories(corpora_dir);
  fs::create_directories(out_dir);
  const std::string log = (fs::path(out_dir) / "runs.log").string();
  std::ofstream(log, std::ios::trunc).close();

  // Every corpus first: the timed runs then follow one another without a
  // generator run between them.
  struct Corpus {
    size_t n;
    std::string path;
    Gold gold;
    double mb;
  };
  std::vector<Corpus> corpora;
  for (size_t n : sizes) {
    const std::string corpus =
        (fs::path(corpora_dir) / ("news-" + std::to_string(n) + ".jsonl")).string();
    const std::string gold_path = corpus + ".gold.jsonl";
    // A corpus older than the generator binary may have been made by another
    // generator (its text and gold then differ): made again.
    const bool missing = !fs::exists(corpus) || !fs::exists(gold_path);
    const bool outdated = !missing && fs::exists(gen_bin) &&
                          (fs::last_write_time(corpus) < fs::last_write_time(gen_bin) ||
                           fs::last_write_time(gold_path) < fs::last_write_time(gen_bin));
    if (missing || outdated) {
      // About 40 MB of text a second on this project's machines: a million documents
      // take a minute, with nothing printed but this line.
      std::cerr << "generating " << n << " documents -> " << corpus
                << (outdated ? " (the generator is newer than the corpus)" : "") << " ... ";
      // --verbose: a progress line every 10 s in the log.
      Measurement g =
          spawner.Run({gen_bin, "--docs", std::to_string(n), "--seed", std::to_string(seed),
                       "--out", corpus, "--gold", gold_path, "--verbose"},
                      log);
      std::cerr << g.wall_seconds << " s\n";
      if (g.exit_code != 0) {
        std::cerr << "precis-bench: the generator failed (exit " << g.exit_code << "); see " << log
                  << "\n";
        return 1;
      }
    }
    Corpus c{n, corpus, {}, 0};
    std::string error;
    if (!ReadGold(gold_path, &c.gold, &error)) {
      std::cerr << "precis-bench: " << error << "\n";
      return 1;
    }
    c.mb = static_cast<double>(fs::file_size(corpus)) / 1e6;
    corpora.push_back(std::move(c));
  }

  // One row per (size, threads, command), in table order.
  struct Job {
    const Corpus* corpus;
    std::string output;
    bool scored = false;
  };
  std::vector<Row> rows;
  std::vector<Job> jobs;
  for (const Corpus& c : corpora) {
    for (size_t t : threads) {
      for (const std::string& command : commands) {
        Row row;
        row.command = command;
        row.documents = c.gold.ids.size();
        row.corpus_mb = c.mb;
        row.threads = static_cast<int>(t);
        rows.push_back(std::move(row));
        jobs.push_back({&c, (fs::path(out_dir) / (command + "-" + std::to_string(c.n) + "-t" +
                                                  std::to_string(t) + ".json"))
                                .string()});
      }
    }
  }

  // Repeats run in rounds (every row once, then every row again), not one
  // row's runs back to back: a slow stretch of a shared machine then slows
  // one run of each size instead of every run of one size, and the growth
  // ratios, taken between the fastest runs, compare like with like.
  for (int k = 0; k < repeat; ++k) {
    for (size_t i = 0; i < rows.size(); ++i) {
      Row& row = rows[i];
      Job& job = jobs[i];
      if (k > 0 && row.run.exit_code != 0) continue;  // failed: its row says so
      const std::string stats = job.output + ".stats";
      std::cerr << row.command << ": " << job.corpus->n << " documents (" << row.corpus_mb
                << " MB), " << row.threads << " threads, run " << k + 1 << "/" << repeat << " ... ";
      const Measurement run = spawner.Run(
          {precis_bin, row.command, job.corpus->path, "--threads", std::to_string(row.threads),
           "--quiet", "--format", "json", "--out", job.output, "--stats", stats},
          log);
      std::cerr << run.wall_seconds << " s, peak RSS " << run.peak_rss_kib / 1024 << " MiB\n";
      row.wall_seconds.push_back(run.wall_seconds);
      // A failed run is kept, so that the row says so; else the fastest.
      if (k == 0 || run.exit_code != 0 || run.wall_seconds < row.run.wall_seconds) {
        row.run = run;
        if (run.exit_code == 0) row.stage_seconds = StageTimes(stats);
      }
      fs::remove(stats);
      // Every run writes the same output (the engine is deterministic): it
      // is scored once.
      if (run.exit_code == 0 && !job.scored) {
        job.scored = true;
        const Gold& gold = job.corpus->gold;
        std::string error;
        std::vector<std::string> labels;
        if (row.command == "dedup" &&
            LabelsFromOutput(job.output, "near_duplicate", gold, &labels, &error)) {
          const Scores s = PairScores(labels, gold.group);
          row.quality = {{"pair_precision", s.precision}, {"pair_recall", s.recall}};
        } else if (row.command == "digest") {
          if (LabelsFromOutput(job.output, "story", gold, &labels, &error)) {
            row.quality.emplace_back("story_bcubed_f1", BCubed(labels, gold.story).f1);
          }
          if (LabelsFromOutput(job.output, "event", gold, &labels, &error)) {
            row.quality.emplace_back("event_bcubed_f1", BCubed(labels, gold.event).f1);
          }
        }
        if (!error.empty()) std::cerr << "precis-bench: " << error << "\n";
      }
      if (!keep_outputs) fs::remove(job.output);
    }
  }
  std::ofstream md(fs::path(out_dir) / "report.md"), js(fs::path(out_dir) / "report.json");
  WriteMarkdown(rows, md);
  WriteJson(rows, js);
  WriteMarkdown(rows, std::cout);
  std::cerr << "\nreport: " << (fs::path(out_dir) / "report.md").string() << " and report.json\n";
  for (const Row& r : rows) {
    if (r.run.exit_code != 0) return 1;
  }
  return 0;
}
