// The runner's measurements of a child process: its exit code and times,
// and a peak RSS that is the child's own, not the runner's.
#include "tools/bench_runner/measure.h"

#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <string>

#include "tests/testing/run_command.h"

namespace precis::bench {
namespace {

TEST(Spawner, ReportsExitCodesAndTimes) {
  Spawner spawner;
  testing::TempDir dir;
  const std::string log = dir.path() + "/runs.log";
  const Measurement ok = spawner.Run({"/bin/sh", "-c", "echo hello"}, log);
  EXPECT_EQ(ok.exit_code, 0);
  EXPECT_GT(ok.wall_seconds, 0);
  EXPECT_GT(ok.peak_rss_kib, 0);
  EXPECT_EQ(spawner.Run({"/bin/sh", "-c", "exit 3"}, log).exit_code, 3);
  EXPECT_EQ(spawner.Run({"/nonexistent/program"}, log).exit_code, 127);
  EXPECT_NE(testing::ReadFile(log).find("hello"), std::string::npos);
}

// The runner holds 256 MB when it starts the child; the child's peak RSS is
// its own few megabytes (forked from the process the runner forked first).
TEST(Spawner, ChildPeakRssExcludesTheRunnersMemory) {
  Spawner spawner;
  constexpr size_t kBytes = 256u << 20;
  std::unique_ptr<char[]> held(new char[kBytes]);
  std::memset(held.get(), 1, kBytes);
  testing::TempDir dir;
  const Measurement m = spawner.Run({"/bin/sh", "-c", "exit 0"}, dir.path() + "/runs.log");
  EXPECT_EQ(m.exit_code, 0);
  EXPECT_LT(m.peak_rss_kib, 64 * 1024) << "the child was charged the runner's memory";
  EXPECT_EQ(held[kBytes - 1], 1);
}

}  // namespace
}  // namespace precis::bench
