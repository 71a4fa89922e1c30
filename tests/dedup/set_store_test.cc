// SetStore: sets come back exactly as stored, from the temporary file or from
// memory, whatever the order and threads that stored them.
#include "engine/dedup/set_store.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <string>

#include "engine/common/parallel.h"
#include "engine/dedup/shingle.h"
#include "tests/reference/dedup/reference.h"
#include "tests/testing/generated_corpus.h"
#include "tests/testing/scoped_env.h"

namespace precis::dedup {
namespace {

// Verification sets of generated news reports (sorted distinct low 32 bits of
// the word 3-gram hashes), repeated until they exceed the store's 1 MB
// buffer several times over.
std::vector<std::vector<uint32_t>> RealSets() {
  std::string error;
  std::vector<gen::GeneratedDoc> docs = precis::testing::GenerateCorpus(300, 5, &error);
  EXPECT_TRUE(error.empty()) << error;
  std::vector<std::vector<uint32_t>> sets;
  size_t values = 0;
  while (values < (1u << 20) && !docs.empty()) {
    for (const gen::GeneratedDoc& d : docs) {
      const std::vector<uint64_t> full = ShingleSet(testing::SimpleUnits(d.text, {}).units, 3);
      std::vector<uint32_t> set;
      for (uint64_t h : full) set.push_back(static_cast<uint32_t>(h));
      std::sort(set.begin(), set.end());
      set.erase(std::unique(set.begin(), set.end()), set.end());
      values += set.size();
      sets.push_back(std::move(set));
    }
  }
  sets.emplace_back();  // an empty document
  return sets;
}

void ExpectRoundTrip(const std::vector<std::vector<uint32_t>>& sets, int threads,
                     bool expect_spilling) {
  SetStore store(sets.size());
  EXPECT_EQ(store.spilling(), expect_spilling);
  Parallel parallel(threads);
  parallel.For(sets.size(),
               [&](size_t i) { store.Put(sets.size() - 1 - i, sets[sets.size() - 1 - i]); });
  std::vector<uint32_t> got{99};
  for (size_t i = 0; i < sets.size(); ++i) {
    ASSERT_TRUE(store.Get(i, &got)) << i;
    ASSERT_EQ(got, sets[i]) << i;
    ASSERT_EQ(store.size(i), sets[i].size());
  }
}

TEST(SetStore, RoundTripsThroughTheTemporaryFile) {
  const auto sets = RealSets();
  ASSERT_GT(sets.size(), 300u);
  for (int threads : {1, 4}) ExpectRoundTrip(sets, threads, /*expect_spilling=*/true);
}

TEST(SetStore, KeepsSetsInMemoryWithoutATemporaryFolder) {
  const auto sets = RealSets();
  const precis::testing::ScopedEnv tmpdir("TMPDIR", "/nonexistent/precis-set-store-test");
  ExpectRoundTrip(sets, 2, /*expect_spilling=*/false);
}

}  // namespace
}  // namespace precis::dedup
