#include "precis/env.h"

#include <chrono>
#include <cstdlib>

namespace precis {

int64_t Env::NowSeconds() const {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string Env::TempDir() const {
  const char* dir = std::getenv("TMPDIR");
  return dir != nullptr && *dir != '\0' ? dir : "/tmp";
}

const Env* Env::Default() {
  static const Env env;
  return &env;
}

}  // namespace precis
