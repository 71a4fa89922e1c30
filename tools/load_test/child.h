// Child processes of the load test: started without waiting, so that the
// writer and the readers run at once, and waited for with their resource use.
#ifndef PRECIS_TOOLS_LOAD_TEST_CHILD_H_
#define PRECIS_TOOLS_LOAD_TEST_CHILD_H_

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace precis::load {

struct ChildExit {
  int exit_code = -1;  // -1 when it was killed by a signal or could not be run
  int signal = 0;      // the signal that killed it, 0 if none
  double wall_seconds = 0;
  double cpu_seconds = 0;  // user + system
  long peak_rss_kib = 0;
  std::string spawn_error;  // why it could not be run; empty if it ran

  bool ok() const { return spawn_error.empty() && signal == 0 && exit_code == 0; }
  // "exit 2", "killed by signal 6 (Aborted)" or the spawn error; "" when ok().
  std::string Describe() const;
};

// A running command. Thread-safe between instances: each waits for its own
// pid only, so readers on several threads can each run and wait for theirs.
class Child {
 public:
  // Starts argv (argv[0] a path) with stdin from /dev/null and stdout and
  // stderr written to the given files (truncated; "/dev/null" to drop).
  // On failure Wait() returns at once with spawn_error set.
  Child(const std::vector<std::string>& argv, const std::string& stdout_path,
        const std::string& stderr_path);
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;
  // Waits if Wait() was not called, so that no child outlives its runner.
  ~Child();

  // Blocks until the child exits. Call once.
  ChildExit Wait();

  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  bool waited_ = false;
  std::string spawn_error_;
  std::chrono::steady_clock::time_point start_;
};

// The lines of a file (an empty file has none), e.g. a child's stderr.
std::vector<std::string> ReadLines(const std::string& path);

}  // namespace precis::load

#endif  // PRECIS_TOOLS_LOAD_TEST_CHILD_H_
