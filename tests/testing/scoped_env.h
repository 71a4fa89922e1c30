// Sets an environment variable for the life of a scope, then restores it (or
// unsets it if it was not set). Not thread-safe: tests only.
#ifndef PRECIS_TESTS_TESTING_SCOPED_ENV_H_
#define PRECIS_TESTS_TESTING_SCOPED_ENV_H_

#include <cstdlib>
#include <optional>
#include <string>
#include <utility>

namespace precis::testing {

class ScopedEnv {
 public:
  ScopedEnv(std::string name, const std::string& value) : name_(std::move(name)) {
    if (const char* old = std::getenv(name_.c_str()); old != nullptr) saved_ = old;
    setenv(name_.c_str(), value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (saved_) {
      setenv(name_.c_str(), saved_->c_str(), 1);
    } else {
      unsetenv(name_.c_str());
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  std::string name_;
  std::optional<std::string> saved_;
};

}  // namespace precis::testing

#endif  // PRECIS_TESTS_TESTING_SCOPED_ENV_H_
