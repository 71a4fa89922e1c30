#include "tools/load_test/reader.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tools/load_test/digest_check.h"

namespace precis::load {

void StopSignal::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopped_ = true;
  }
  cv_.notify_all();
}

bool StopSignal::WaitUntil(Clock::time_point until) {
  std::unique_lock<std::mutex> lock(mu_);
  return cv_.wait_until(lock, until, [&] { return stopped_.load(); });
}

namespace {

bool ReadFile(const std::string& path, std::string* text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  *text = std::move(s).str();
  return true;
}

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

}  // namespace

std::vector<DigestRun> RunReader(const ReaderConfig& config,
                                 const std::unordered_map<std::string, uint32_t>& feed,
                                 StopSignal* stop,
                                 const std::function<void(const DigestRun&)>& on_error) {
  std::vector<DigestRun> runs;
  GrowthCheck growth(&feed);
  const std::string out = config.work_prefix + ".json", err = config.work_prefix + ".stderr";
  const auto interval = std::chrono::duration_cast<Clock::duration>(config.interval);
  Clock::time_point next = config.first_start;
  bool back_to_back = false;
  std::string text;
  while (!stop->WaitUntil(next)) {
    DigestRun run;
    run.reader = config.id;
    run.index = static_cast<int>(runs.size()) + 1;
    run.back_to_back = back_to_back;
    // A digest that exits 0 without writing must not be judged by the
    // previous one's file.
    std::error_code ec;
    std::filesystem::remove(out, ec);
    const auto start = Clock::now();
    run.start_s = Seconds(start - config.writer_start);
    Child digest({config.precis, "digest", "--db", config.db, "--format", "json", "-o", out},
                 "/dev/null", err);
    run.exit = digest.Wait();
    run.latency_s = run.exit.wall_seconds;
    const auto checking = Clock::now();
    if (!run.exit.ok()) run.errors.push_back(run.exit.Describe());
    for (const std::string& line : ReadLines(err)) run.errors.push_back("stderr: " + line);
    // A failed command's file, if any, is partial: its failure is the error.
    if (run.exit.ok()) {
      if (!ReadFile(out, &text)) {
        run.errors.push_back("exit 0 but no digest written to " + out);
      } else {
        DigestCheck check = CheckDigest(text);
        for (std::string& p : check.problems) run.errors.push_back(std::move(p));
        if (check.problems.empty()) {
          for (std::string& p : growth.Next(check.documents)) run.errors.push_back(std::move(p));
          run.documents = check.documents.size();
        }
      }
      text.clear();
      text.shrink_to_fit();
    }
    const auto done = Clock::now();
    run.check_s = Seconds(done - checking);
    if (!run.errors.empty()) on_error(run);
    runs.push_back(std::move(run));
    // The reader pulls once per interval; one that is still busy when its
    // next turn comes starts again right away rather than skipping turns.
    next = start + interval;
    back_to_back = done > next;
    if (back_to_back) next = done;
  }
  std::error_code ec;
  std::filesystem::remove(out, ec);
  std::filesystem::remove(err, ec);
  return runs;
}

}  // namespace precis::load
