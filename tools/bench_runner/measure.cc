#include "tools/bench_runner/measure.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstring>

namespace precis::bench {
namespace {

bool WriteAll(int fd, const void* data, size_t size) {
  const char* p = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t n = write(fd, p, size);
    if (n <= 0) return false;
    p += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

bool ReadAll(int fd, void* data, size_t size) {
  char* p = static_cast<char*>(data);
  while (size > 0) {
    const ssize_t n = read(fd, p, size);
    if (n <= 0) return false;
    p += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

bool WriteString(int fd, const std::string& s) {
  const uint32_t size = static_cast<uint32_t>(s.size());
  return WriteAll(fd, &size, sizeof size) && WriteAll(fd, s.data(), s.size());
}

bool ReadString(int fd, std::string* s) {
  uint32_t size = 0;
  if (!ReadAll(fd, &size, sizeof size)) return false;
  s->resize(size);
  return ReadAll(fd, s->data(), size);
}

// Forks, execs and waits for one command.
Measurement Measure(const std::vector<std::string>& argv, const std::string& log_path) {
  Measurement m;
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid < 0) return m;
  if (pid == 0) {
    const int fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
      dup2(fd, STDOUT_FILENO);
      dup2(fd, STDERR_FILENO);
      close(fd);
    }
    execv(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  struct rusage usage {};
  if (wait4(pid, &status, 0, &usage) < 0) return m;
  m.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  m.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  m.user_seconds = static_cast<double>(usage.ru_utime.tv_sec) + usage.ru_utime.tv_usec / 1e6;
  m.system_seconds = static_cast<double>(usage.ru_stime.tv_sec) + usage.ru_stime.tv_usec / 1e6;
  m.peak_rss_kib = usage.ru_maxrss;  // Linux: KiB
  return m;
}

// The helper's loop: a request is the argument count, the arguments and the
// log path; the answer is the Measurement. Ends when the runner closes the pipe.
[[noreturn]] void Serve(int in, int out) {
  while (true) {
    uint32_t count = 0;
    if (!ReadAll(in, &count, sizeof count)) _exit(0);
    std::vector<std::string> argv(count);
    std::string log_path;
    for (std::string& a : argv) {
      if (!ReadString(in, &a)) _exit(1);
    }
    if (!ReadString(in, &log_path)) _exit(1);
    const Measurement m = Measure(argv, log_path);
    if (!WriteAll(out, &m, sizeof m)) _exit(1);
  }
}

}  // namespace

Spawner::Spawner() {
  int request[2], answer[2];
  if (pipe(request) != 0) return;
  if (pipe(answer) != 0) {
    close(request[0]);
    close(request[1]);
    return;
  }
  helper_ = fork();
  if (helper_ == 0) {
    close(request[1]);
    close(answer[0]);
    Serve(request[0], answer[1]);
  }
  close(request[0]);
  close(answer[1]);
  to_helper_ = request[1];
  from_helper_ = answer[0];
  if (helper_ < 0) {
    close(to_helper_);
    close(from_helper_);
    to_helper_ = from_helper_ = -1;
  }
}

Spawner::~Spawner() {
  if (to_helper_ >= 0) close(to_helper_);
  if (from_helper_ >= 0) close(from_helper_);
  if (helper_ > 0) waitpid(helper_, nullptr, 0);
}

Measurement Spawner::Run(const std::vector<std::string>& argv, const std::string& log_path) {
  // Without a helper (fork failed at construction), fork from here: the
  // figures are right but for the inflated peak RSS described above.
  if (to_helper_ < 0) return Measure(argv, log_path);
  const uint32_t count = static_cast<uint32_t>(argv.size());
  bool sent = WriteAll(to_helper_, &count, sizeof count);
  for (const std::string& a : argv) sent = sent && WriteString(to_helper_, a);
  sent = sent && WriteString(to_helper_, log_path);
  Measurement m;
  if (!sent || !ReadAll(from_helper_, &m, sizeof m)) return Measurement{};
  return m;
}

}  // namespace precis::bench
