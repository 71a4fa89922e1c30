// precis-load-test: the newsroom path under load. `precis ingest` writes a
// generated feed into a new database, first alone, then while reader
// processes pull `precis digest --db` on a fixed interval; prints ingest
// throughput with and without readers, the digests served, their latency
// percentiles and every error. See bench/README.md ("Load test").
#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <thread>

#include "tools/load_test/child.h"
#include "tools/load_test/digest_check.h"
#include "tools/load_test/feed.h"
#include "tools/load_test/reader.h"
#include "tools/load_test/report.h"

namespace fs = std::filesystem;
using namespace precis::load;

namespace {

void RemoveDatabase(const std::string& db) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db + suffix, ec);
}

size_t CountLines(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return static_cast<size_t>(
      std::count(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>(), '\n'));
}

// The ingest's own verdict: its exit status, anything on stderr (with -q a
// clean run prints nothing there), and one fate line per report of the feed.
void JudgeIngest(const std::string& prefix, size_t reports, IngestRun* run) {
  if (!run->exit.ok()) run->errors.push_back(run->exit.Describe());
  for (const std::string& line : ReadLines(prefix + ".stderr")) {
    run->errors.push_back("stderr: " + line);
  }
  run->fates = CountLines(prefix + ".fates.jsonl");
  if (run->fates != reports) {
    run->errors.push_back("committed " + std::to_string(run->fates) + " of " +
                          std::to_string(reports) + " reports");
  }
}

std::vector<std::string> IngestCommand(const std::string& precis, const std::string& db,
                                       const std::string& feed) {
  return {precis, "ingest", "-q", "--db", db, feed};
}

// The digest of a finished database: every report of the feed, checked like
// the readers' digests.
FinalDigest DigestOf(const std::string& precis, const std::string& db, const std::string& out,
                     size_t reports) {
  FinalDigest f;
  f.db = fs::path(db).filename().string();
  Child digest({precis, "digest", "--db", db, "--format", "json", "-o", out}, "/dev/null",
               out + ".stderr");
  const ChildExit e = digest.Wait();
  f.seconds = e.wall_seconds;
  if (!e.ok()) f.errors.push_back(e.Describe());
  for (const std::string& line : ReadLines(out + ".stderr")) f.errors.push_back("stderr: " + line);
  std::error_code ec;
  fs::remove(out + ".stderr", ec);
  if (!e.ok()) return f;
  std::ifstream in(out, std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const DigestCheck check = CheckDigest(text);
  for (const std::string& p : check.problems) f.errors.push_back(p);
  f.documents = check.documents.size();
  if (check.problems.empty() && f.documents != reports) {
    f.errors.push_back("holds " + std::to_string(f.documents) + " documents, not the feed's " +
                       std::to_string(reports));
  }
  return f;
}

std::string Seconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", s);
  return buf;
}

bool SameFile(const std::string& a, const std::string& b) {
  std::error_code ec;
  if (fs::file_size(a, ec) != fs::file_size(b, ec) || ec) return false;
  std::ifstream fa(a, std::ios::binary), fb(b, std::ios::binary);
  std::vector<char> ba(1 << 20), bb(1 << 20);
  while (fa && fb) {
    fa.read(ba.data(), static_cast<std::streamsize>(ba.size()));
    fb.read(bb.data(), static_cast<std::streamsize>(bb.size()));
    if (fa.gcount() != fb.gcount() ||
        !std::equal(ba.begin(), ba.begin() + fa.gcount(), bb.begin())) {
      return false;
    }
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::string precis, gen, out_dir = "build/load-test";
  uint64_t reports = 100000, seed = 20261123;
  int readers = 2;
  double interval = 1.0;
  bool quick = false, keep = false;
  CLI::App app{
      "precis-load-test ingests a generated feed (precis-gen-corpus, sorted by date, kept in\n"
      "--out) with `precis ingest --db` twice into new databases: alone, then while --readers\n"
      "processes each run `precis digest --db --format json` every --interval seconds. Every\n"
      "digest is checked (exit status, stderr, valid JSON, each document in exactly one event\n"
      "of one story, never fewer documents than the reader's previous digest). Prints ingest\n"
      "docs/s with and without readers, the digests served, their latency percentiles and\n"
      "every error; writes OUT/report.json. Exits 1 if there was any error.",
      "precis-load-test"};
  app.add_option("-n,--reports", reports, "Reports in the feed (default 100000; 5000 with --quick)")
      ->check(CLI::PositiveNumber);
  app.add_option("--readers", readers, "Reader processes during the second ingest")
      ->check(CLI::PositiveNumber);
  app.add_option("--interval", interval, "Seconds between the starts of a reader's digests")
      ->check(CLI::PositiveNumber);
  app.add_option("--out", out_dir, "Where the feed is kept and the databases and report go");
  app.add_option("--precis", precis, "The precis binary (default: precis next to this program)");
  app.add_option("--gen", gen,
                 "The precis-gen-corpus binary (default: precis-gen-corpus next to this program)");
  app.add_option("--seed", seed, "Generator seed");
  app.add_flag("--quick", quick, "A smoke run: 5000 reports unless -n is given");
  app.add_flag("--keep", keep, "Keep the databases, fates and final digests");
  CLI11_PARSE(app, argc, argv);
  if (quick && app.count("--reports") == 0) reports = 5000;
  const fs::path self_dir = fs::read_symlink("/proc/self/exe").parent_path();
  if (precis.empty()) precis = (self_dir / "precis").string();
  if (gen.empty()) gen = (self_dir / "precis-gen-corpus").string();
  for (const std::string& bin : {precis, gen}) {
    if (!fs::exists(bin)) {
      std::cerr << "precis-load-test: " << bin << " does not exist (see --precis, --gen)\n";
      return 2;
    }
  }
  // Crashing readers are what this test looks for; each would otherwise
  // leave a core file the size of its process.
  rlimit core{};
  if (getrlimit(RLIMIT_CORE, &core) == 0) {
    core.rlim_cur = 0;
    setrlimit(RLIMIT_CORE, &core);
  }
  fs::create_directories(out_dir);
  auto at = [&](const std::string& name) { return (fs::path(out_dir) / name).string(); };

  std::cerr << "load test: feed of " << reports << " reports ... " << std::flush;
  Feed feed;
  std::string error;
  if (!MakeFeed(gen, reports, seed, out_dir, at("generate.log"), &feed, &error)) {
    std::cerr << "\nprecis-load-test: " << error << "\n";
    return 2;
  }
  std::cerr << feed.path << "\n";

  Report report;
  report.feed = feed.path;
  report.reports = reports;
  report.feed_bytes = feed.bytes;
  report.seed = seed;
  report.readers = readers;
  report.interval_s = interval;
  report.precis = precis;

  // 1. The writer alone: the baseline.
  const std::string db_alone = at("alone.db"), db_readers = at("readers.db");
  const std::string alone_prefix = at("ingest-alone"), readers_prefix = at("ingest-readers");
  RemoveDatabase(db_alone);
  std::cerr << "load test: ingest alone ... " << std::flush;
  {
    Child ingest(IngestCommand(precis, db_alone, feed.path), alone_prefix + ".fates.jsonl",
                 alone_prefix + ".stderr");
    report.alone.exit = ingest.Wait();
  }
  JudgeIngest(alone_prefix, reports, &report.alone);
  std::cerr << Seconds(report.alone.exit.wall_seconds) << " s\n";

  // 2. The writer with readers. They start once the first fate is printed:
  // every printed fate is committed, so the database then exists with its
  // schema, and a reader's failure cannot be a digest of no database.
  RemoveDatabase(db_readers);
  std::cerr << "load test: ingest with " << readers << " readers\n";
  StopSignal stop;
  const std::string fates = readers_prefix + ".fates.jsonl";
  Child ingest(IngestCommand(precis, db_readers, feed.path), fates, readers_prefix + ".stderr");
  const Clock::time_point writer_start = Clock::now();
  std::thread waiter([&] {
    report.with_readers.exit = ingest.Wait();
    stop.Stop();
  });
  std::error_code ec;
  auto fates_printed = [&] {
    const auto size = fs::file_size(fates, ec);
    return !ec && size > 0;
  };
  while (!stop.stopped() && !fates_printed()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  const Clock::time_point ready = Clock::now();
  std::mutex log_mu;
  auto on_error = [&](const DigestRun& run) {
    std::lock_guard<std::mutex> lock(log_mu);
    std::cerr << "load test: reader " << run.reader << ", digest " << run.index << ": "
              << run.errors.front() << (run.errors.size() > 1 ? "; " + run.errors[1] : "")
              << (run.errors.size() > 2 ? " ..." : "") << "\n";
  };
  std::vector<std::vector<DigestRun>> runs(static_cast<size_t>(readers));
  std::vector<std::thread> threads;
  for (int k = 0; k < readers; ++k) {
    ReaderConfig config;
    config.id = k + 1;
    config.precis = precis;
    config.db = db_readers;
    config.work_prefix = at("reader-" + std::to_string(k + 1));
    config.interval = std::chrono::duration<double>(interval);
    config.writer_start = writer_start;
    // Staggered over the interval, as independent readers would be, rather
    // than all at the same instant.
    config.first_start =
        ready + std::chrono::duration_cast<Clock::duration>(config.interval * k / readers);
    threads.emplace_back([&, config, k] {
      runs[static_cast<size_t>(k)] = RunReader(config, feed.position, &stop, on_error);
    });
  }
  waiter.join();
  for (std::thread& t : threads) t.join();
  JudgeIngest(readers_prefix, reports, &report.with_readers);
  std::cerr << "load test: ingest with readers done, "
            << Seconds(report.with_readers.exit.wall_seconds) << " s\n";
  for (auto& r : runs) {
    for (DigestRun& d : r) report.digests.push_back(std::move(d));
  }
  std::sort(report.digests.begin(), report.digests.end(),
            [](const DigestRun& a, const DigestRun& b) { return a.start_s < b.start_s; });

  // 3. Both finished databases: same feed, same options, so the same digest,
  // whatever the readers did meanwhile.
  std::cerr << "load test: the digests of both databases ... " << std::flush;
  const std::string final_alone = at("final-alone.json"), final_readers = at("final-readers.json");
  report.final_alone = DigestOf(precis, db_alone, final_alone, reports);
  report.final_with_readers = DigestOf(precis, db_readers, final_readers, reports);
  report.finals_identical = report.final_alone.errors.empty() &&
                            report.final_with_readers.errors.empty() &&
                            SameFile(final_alone, final_readers);
  if (report.final_alone.errors.empty() && report.final_with_readers.errors.empty() &&
      !report.finals_identical) {
    report.other_errors.push_back(
        "the digests of the two databases differ: the readers changed what the writer stored");
  }
  std::cerr << Seconds(report.final_alone.seconds + report.final_with_readers.seconds) << " s\n\n";
  if (!keep) {
    RemoveDatabase(db_alone);
    RemoveDatabase(db_readers);
    for (const std::string& f : {final_alone, final_readers, alone_prefix + ".fates.jsonl",
                                 alone_prefix + ".stderr", fates, readers_prefix + ".stderr"}) {
      fs::remove(f, ec);
    }
  }

  WriteText(report, std::cout);
  const std::string json_path = at("report.json");
  std::ofstream(json_path) << ToJson(report).dump(2) << "\n";
  std::cout << "\nreport: " << json_path << "\n";
  return report.Errors().empty() ? 0 : 1;
}
