// Test helper: run a shell command, capture its output and exit code.
#ifndef PRECIS_TESTS_TESTING_RUN_COMMAND_H_
#define PRECIS_TESTS_TESTING_RUN_COMMAND_H_

#include <string>

namespace precis::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs `command` with /bin/sh; stdout and stderr are captured separately.
CommandResult RunCommand(const std::string& command);

// Single-quotes `s` for /bin/sh.
std::string ShellQuote(const std::string& s);

// A fresh, empty temporary folder, removed when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  // Writes `contents` to path()/relative (creating folders); returns the full path.
  std::string Write(const std::string& relative, const std::string& contents) const;

 private:
  std::string path_;
};

// Whole file as bytes; empty if unreadable.
std::string ReadFile(const std::string& path);

}  // namespace precis::testing

#endif  // PRECIS_TESTS_TESTING_RUN_COMMAND_H_
