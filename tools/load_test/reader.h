// A reader of the load test: pulls `precis digest --db` on a fixed interval
// while the writer ingests, and checks every digest it gets.
#ifndef PRECIS_TOOLS_LOAD_TEST_READER_H_
#define PRECIS_TOOLS_LOAD_TEST_READER_H_

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "tools/load_test/child.h"

namespace precis::load {

using Clock = std::chrono::steady_clock;

// One digest a reader asked for.
struct DigestRun {
  int reader = 0;
  int index = 0;              // 1, 2, ... within its reader
  double start_s = 0;         // since the writer started
  double latency_s = 0;       // wall time of the `precis digest` process
  double check_s = 0;         // reading and checking its JSON, in this process
  bool back_to_back = false;  // the previous digest and its check took longer than the interval
  ChildExit exit;
  size_t documents = 0;             // in the digest; 0 when it failed
  std::vector<std::string> errors;  // exit status, stderr lines, JSON and consistency problems
};

// Tells the readers when the writer has finished. Thread-safe.
class StopSignal {
 public:
  void Stop();
  bool stopped() const { return stopped_.load(); }
  // Sleeps until `until` or Stop(), whichever comes first; true if stopped.
  bool WaitUntil(Clock::time_point until);

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::atomic<bool> stopped_{false};
};

struct ReaderConfig {
  int id = 0;
  std::string precis;  // the CLI binary
  std::string db;
  std::string work_prefix;  // its digest goes to PREFIX.json, its stderr to PREFIX.stderr
  std::chrono::duration<double> interval{1.0};
  Clock::time_point writer_start;  // for DigestRun::start_s
  Clock::time_point first_start;   // when its first digest starts
};

// Runs digests until `stop`: one every `interval` from the start of the
// previous one, or right after it when it took longer (then marked
// back_to_back). A digest under way when the writer finishes is completed and
// counted. `feed` maps the feed's report ids to positions (GrowthCheck).
// `on_error` is called (from this reader's thread) with each failed run as it
// happens.
std::vector<DigestRun> RunReader(const ReaderConfig& config,
                                 const std::unordered_map<std::string, uint32_t>& feed,
                                 StopSignal* stop,
                                 const std::function<void(const DigestRun&)>& on_error);

}  // namespace precis::load

#endif  // PRECIS_TOOLS_LOAD_TEST_READER_H_
