#include "tools/load_test/child.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <cerrno>
#include <cstring>
#include <fstream>

extern char** environ;

namespace precis::load {

std::string ChildExit::Describe() const {
  if (!spawn_error.empty()) return spawn_error;
  if (signal != 0) {
    return "killed by signal " + std::to_string(signal) + " (" + strsignal(signal) + ")";
  }
  if (exit_code != 0) return "exit " + std::to_string(exit_code);
  return "";
}

Child::Child(const std::vector<std::string>& argv, const std::string& stdout_path,
             const std::string& stderr_path) {
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, stdout_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  posix_spawn_file_actions_addopen(&actions, 2, stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  start_ = std::chrono::steady_clock::now();
  const int rc = posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    pid_ = -1;
    spawn_error_ = "cannot run " + argv[0] + ": " + std::strerror(rc);
  }
}

Child::~Child() {
  if (!waited_) Wait();
}

ChildExit Child::Wait() {
  ChildExit e;
  waited_ = true;
  if (pid_ < 0) {
    e.spawn_error = spawn_error_.empty() ? "not started" : spawn_error_;
    return e;
  }
  int status = 0;
  rusage usage{};
  pid_t r;
  do {
    r = wait4(pid_, &status, 0, &usage);
  } while (r < 0 && errno == EINTR);
  e.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  if (r < 0) {
    e.spawn_error = std::string("wait4: ") + std::strerror(errno);
    return e;
  }
  if (WIFEXITED(status)) e.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) e.signal = WTERMSIG(status);
  e.cpu_seconds = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                  static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  e.peak_rss_kib = usage.ru_maxrss;
  pid_ = -1;
  return e;
}

std::vector<std::string> ReadLines(const std::string& path) {
  std::vector<std::string> lines;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

}  // namespace precis::load
