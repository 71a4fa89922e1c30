#include "engine/cluster/batch/candidates.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <random>
#include <string>

#include "tests/reference/cluster/all_pairs.h"

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

UnitVectors VectorsOf(const std::vector<DocFeatures>& docs, Parallel& parallel) {
  std::vector<const DocFeatures*> units;
  for (const DocFeatures& d : docs) units.push_back(&d);
  return BuildVectors(units, nullptr, parallel).value();
}

// Every term indexed, no list cap, no budget.
ClusterOptions Uncapped(int max_candidates) {
  ClusterOptions o;
  o.index_terms = 1000;
  o.max_postings = 1000;
  o.posting_budget = 1000000;
  o.max_candidates = max_candidates;
  return o;
}

// Whether `edges`, sorted by (a, b), hold the pair {x, y}.
bool HasEdge(const std::vector<Edge>& edges, uint32_t x, uint32_t y) {
  const Edge key{std::min(x, y), std::max(x, y), 0};
  return std::binary_search(edges.begin(), edges.end(), key, [](const Edge& p, const Edge& q) {
    return p.a != q.a ? p.a < q.a : p.b < q.b;
  });
}

// With every term indexed and no caps, the inverted index finds exactly the
// pairs the brute-force reference finds.
TEST(CandidatesTest, UncappedIndexEqualsAllPairs) {
  const std::vector<DocFeatures> docs = RandomFeatures(150, 7);
  Parallel parallel(2);
  const UnitVectors v = VectorsOf(docs, parallel);
  const ClusterOptions o = Uncapped(1000);
  const std::vector<Edge> fast = FindCandidates(v, o, 0.1, parallel);
  const std::vector<Edge> slow = AllPairs(v, o, 0.1);
  ASSERT_FALSE(slow.empty());
  EXPECT_EQ(fast, slow);
}

// With every term indexed and no caps, a unit's partial dot products are
// its cosines, so the candidates it keeps are its max_candidates nearest:
// each unit's pairs clearly above its k-th best cosine must all be edges.
// Each unit reaches far more units (400) than it keeps (5), so the
// selection of the best among them is exercised, not only the final cut.
TEST(CandidatesTest, EachUnitKeepsItsNearest) {
  const std::vector<DocFeatures> docs = RandomFeatures(400, 3);
  Parallel parallel(2);
  const UnitVectors v = VectorsOf(docs, parallel);
  const ClusterOptions o = Uncapped(5);
  const std::vector<Edge> edges = FindCandidates(v, o, 0.0, parallel);
  size_t checked = 0;
  for (uint32_t u = 0; u < docs.size(); ++u) {
    std::vector<std::pair<double, uint32_t>> sims;
    for (uint32_t w = 0; w < docs.size(); ++w) {
      if (w != u) sims.emplace_back(Similarity(v, u, w, o.entity_weight), w);
    }
    std::sort(sims.begin(), sims.end(), std::greater<>());
    const double kth = sims[o.max_candidates - 1].first;
    for (const auto& [sim, w] : sims) {
      if (sim <= kth + 1e-5) break;
      EXPECT_TRUE(HasEdge(edges, u, w)) << "unit " << u << " lost its neighbour " << w;
      ++checked;
    }
  }
  EXPECT_GT(checked, 2 * docs.size());
}

// With the default caps, the strong pairs (same planted topic) are still found.
TEST(CandidatesTest, DefaultCapsKeepStrongPairs) {
  const std::vector<DocFeatures> docs = RandomFeatures(400, 11, 2);
  Parallel parallel(2);
  const UnitVectors v = VectorsOf(docs, parallel);
  const ClusterOptions o;
  const std::vector<Edge> fast = FindCandidates(v, o, 0.2, parallel);
  const std::vector<Edge> slow = AllPairs(v, o, 0.2);
  ASSERT_GT(slow.size(), 100u);
  size_t found = 0;
  for (const Edge& e : slow) found += HasEdge(fast, e.a, e.b);
  EXPECT_GE(static_cast<double>(found) / slow.size(), 0.95);
}

// Two twin reports share a rare term and five common ones; sixty other
// reports weigh more on the common terms, so they fill those lists' tops and
// the twins meet only in the rare term's list. A budget of one list's worth
// finds the twins only if the rare term is read first, and it binds: each
// twin reaches no more reports than the budget leaves after the rare list.
TEST(CandidatesTest, BudgetReadsTheRarestListFirst) {
  const std::vector<std::string> common = {"court", "vote", "city", "budget", "mayor"};
  std::vector<DocFeatures> docs(62);
  for (size_t i = 0; i < docs.size(); ++i) {
    docs[i].lang = "en";
    for (const std::string& w : common) docs[i].terms.push_back({TermKey("en", w), 1000.0f});
    if (i < 2) docs[i].terms.push_back({TermKey("en", "zelenograd"), 1.0f});
  }
  Parallel parallel(2);
  const UnitVectors v = VectorsOf(docs, parallel);
  ClusterOptions o;
  o.index_terms = 6;
  o.max_postings = 50;
  o.max_candidates = 1000;
  o.posting_budget = 20;
  const std::vector<Edge> edges = FindCandidates(v, o, 0.5, parallel);
  const Adjacency adj = BuildAdjacency(docs.size(), edges);
  bool twins = false;
  for (const Edge& e : edges) twins |= e.a == 0 && e.b == 1;
  EXPECT_TRUE(twins) << "the rare term's list was not read first";
  // The rare list (both twins) and 18 entries of a common list.
  EXPECT_EQ(adj.degree(0), 1u + 18u);
  EXPECT_EQ(adj.degree(1), 1u + 18u);

  // Without the budget's bite the twins reach the whole tops of the lists.
  o.posting_budget = 6 * 50;
  const Adjacency wide = BuildAdjacency(docs.size(), FindCandidates(v, o, 0.5, parallel));
  EXPECT_EQ(wide.degree(0), 1u + 50u);
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
