#include "engine/common/memory.h"

#include <gtest/gtest.h>

#include <cstring>
#include <memory>

namespace precis {
namespace {

TEST(PeakRssBytes, GrowsWhenMemoryIsTouched) {
  const uint64_t before = PeakRssBytes();
  ASSERT_GT(before, 0u) << "getrusage reports no peak RSS on this platform";
  // 256 MB touched page by page: well above the test binary's own peak.
  constexpr size_t kBytes = size_t{256} << 20;
  auto block = std::make_unique<char[]>(kBytes);
  std::memset(block.get(), 1, kBytes);
  const uint64_t after = PeakRssBytes();
  EXPECT_GE(after, before + kBytes / 2);
  EXPECT_EQ(block[kBytes - 1], 1);
}

}  // namespace
}  // namespace precis
