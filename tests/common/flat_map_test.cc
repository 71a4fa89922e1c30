#include "engine/common/flat_map.h"

#include <gtest/gtest.h>

#include <random>
#include <unordered_map>

namespace precis {
namespace {

// Random keys, many repeated, against std::unordered_map: every value, the
// size, and ForEach's entries agree through several growths.
TEST(FlatMapTest, AgreesWithUnorderedMapThroughGrowth) {
  std::mt19937_64 rng(7);
  FlatMap<uint64_t> flat(4);
  std::unordered_map<uint64_t, uint32_t> reference;
  for (int i = 0; i < 200000; ++i) {
    // Keys from a small range repeat; a few are 0 and near UINT64_MAX.
    const uint64_t key = i % 97 == 0 ? (i % 2 ? 0 : UINT64_MAX - (rng() % 3)) : rng() % 50000;
    auto [value, inserted] = flat.Insert(key, 0);
    EXPECT_EQ(inserted, reference.find(key) == reference.end());
    ++*value;
    ++reference[key];
  }
  EXPECT_EQ(flat.size(), reference.size());
  size_t seen = 0;
  flat.ForEach([&](uint64_t key, uint32_t& value) {
    ++seen;
    ASSERT_EQ(reference.count(key), 1u) << key;
    EXPECT_EQ(value, reference[key]) << key;
  });
  EXPECT_EQ(seen, reference.size());
  for (const auto& [key, count] : reference) EXPECT_EQ(flat.Find(key), count);
  EXPECT_EQ(flat.Find(50001), FlatMap<uint64_t>::kAbsent);
}

// Ids handed out in order of first appearance (the summariser's use).
TEST(FlatMapTest, InsertKeepsTheFirstValue) {
  FlatMap<uint32_t> ids;
  const uint32_t words[] = {42, 7, 42, 9, 7, 0, 42};
  std::vector<uint32_t> got;
  for (uint32_t w : words) got.push_back(*ids.Insert(w, static_cast<uint32_t>(ids.size())).first);
  EXPECT_EQ(got, (std::vector<uint32_t>{0, 1, 0, 2, 1, 3, 0}));
  EXPECT_EQ(ids.size(), 4u);
  EXPECT_EQ(ids.Find(9), 2u);
  EXPECT_EQ(ids.Find(8), FlatMap<uint32_t>::kAbsent);
}

}  // namespace
}  // namespace precis
