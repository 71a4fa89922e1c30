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

// One map's entries inserted, in its slot order, into a fresh map that grows
// as they come (merging per-thread counts): the keys must not pile up in
// long probe runs on the way. A slot taken from the high bits of a product
// did exactly that (the first keys of one table's slot order all had small
// hashes, so they crowded the start of the other), and the merge turned
// quadratic: 3 s instead of 0.06 s for 300k keys.
TEST(FlatMapTest, MergingInSlotOrderKeepsProbeRunsShort) {
  std::mt19937_64 rng(11);
  FlatMap<uint64_t> source;
  for (int i = 0; i < 200000; ++i) *source.Insert(rng(), 0).first += 1;
  for (size_t part : {size_t{5000}, size_t{20000}, source.size()}) {
    FlatMap<uint64_t> merged;
    size_t taken = 0;
    source.ForEach([&](uint64_t key, uint32_t& count) {
      if (taken++ < part) *merged.Insert(key, 0).first += count;
    });
    EXPECT_EQ(merged.size(), part);
    // At load <= 1/2 a random table of this size has runs of a few dozen.
    EXPECT_LT(merged.LongestRun(), 200u) << "after " << part << " keys";
  }
  EXPECT_LT(source.LongestRun(), 200u);
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
