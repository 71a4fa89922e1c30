#include "engine/cluster/candidates.h"

#include <gtest/gtest.h>

#include <random>

namespace precis::cluster {
namespace {

// Random documents over a Zipf-like vocabulary with planted topics.
std::vector<DocFeatures> RandomFeatures(size_t n, uint64_t seed, uint64_t topic_share = 4) {
  std::mt19937_64 rng(seed);
  std::vector<DocFeatures> docs(n);
  for (size_t i = 0; i < n; ++i) {
    std::map<uint64_t, float> bag;
    const uint64_t topic = i % 17;
    for (int k = 0; k < 40; ++k) {
      const uint64_t word =
          rng() % topic_share == 0 ? 1000 + topic * 50 + rng() % 50 : rng() % (1 + rng() % 2000);
      bag[TermKey("en", std::to_string(word))] += 1.0f + static_cast<float>(rng() % 3);
    }
    docs[i].lang = "en";
    for (const auto& [key, w] : bag) docs[i].terms.push_back({key, w});
  }
  return docs;
}

// With every term indexed and no caps, the inverted index finds exactly the
// pairs the brute-force reference finds.
TEST(CandidatesTest, UncappedIndexEqualsAllPairs) {
  const std::vector<DocFeatures> docs = RandomFeatures(150, 7);
  std::vector<const DocFeatures*> units;
  for (const DocFeatures& d : docs) units.push_back(&d);
  Parallel parallel(2);
  const UnitVectors v = BuildVectors(units, nullptr, parallel).value();
  ClusterOptions o;
  o.index_terms = 1000;
  o.max_candidates = 1000;
  o.max_postings = 1000;
  const std::vector<Edge> fast = FindCandidates(v, o, 0.1, parallel);
  const std::vector<Edge> slow = AllPairs(v, o, 0.1);
  ASSERT_FALSE(slow.empty());
  EXPECT_EQ(fast, slow);
}

// With the default caps, the strong pairs (same planted topic) are still found.
TEST(CandidatesTest, DefaultCapsKeepStrongPairs) {
  const std::vector<DocFeatures> docs = RandomFeatures(400, 11, 2);
  std::vector<const DocFeatures*> units;
  for (const DocFeatures& d : docs) units.push_back(&d);
  Parallel parallel(2);
  const UnitVectors v = BuildVectors(units, nullptr, parallel).value();
  const ClusterOptions o;
  const std::vector<Edge> fast = FindCandidates(v, o, 0.2, parallel);
  const std::vector<Edge> slow = AllPairs(v, o, 0.2);
  ASSERT_GT(slow.size(), 100u);
  size_t found = 0;
  for (const Edge& e : slow)
    found += std::binary_search(fast.begin(), fast.end(), e, [](const Edge& x, const Edge& y) {
      return x.a != y.a ? x.a < y.a : x.b < y.b;
    });
  EXPECT_GE(static_cast<double>(found) / slow.size(), 0.95);
}

// Identical output for any thread count.
TEST(CandidatesTest, ThreadCountDoesNotMatter) {
  const std::vector<DocFeatures> docs = RandomFeatures(300, 3);
  std::vector<const DocFeatures*> units;
  for (const DocFeatures& d : docs) units.push_back(&d);
  Parallel one(1), eight(8);
  const UnitVectors v1 = BuildVectors(units, nullptr, one).value();
  const UnitVectors v8 = BuildVectors(units, nullptr, eight).value();
  EXPECT_EQ(FindCandidates(v1, ClusterOptions{}, 0.05, one),
            FindCandidates(v8, ClusterOptions{}, 0.05, eight));
}

}  // namespace
}  // namespace precis::cluster
