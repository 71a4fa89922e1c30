#include "engine/summarise/mmr.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

namespace precis::summarise {
namespace {

// Random unit vectors in a few dimensions give many near-parallel pairs: MMR
// must never pick two whose similarity reaches the threshold, whatever the
// relevance says.
TEST(MmrTest, NeverPicksTwoItemsAboveRedundancyThreshold) {
  std::mt19937 rng(1234);
  std::normal_distribution<double> gauss;
  std::uniform_real_distribution<double> unit;
  for (int trial = 0; trial < 50; ++trial) {
    const size_t n = 60;
    std::vector<std::array<double, 4>> v(n);
    for (auto& x : v) {
      double norm = 0;
      for (double& c : x) c = std::abs(gauss(rng)), norm += c * c;
      for (double& c : x) c /= std::sqrt(norm);
    }
    auto sim = [&](size_t a, size_t b) {
      double d = 0;
      for (int k = 0; k < 4; ++k) d += v[a][k] * v[b][k];
      return d;
    };
    std::vector<double> relevance(n);
    for (double& r : relevance) r = unit(rng);
    std::vector<uint32_t> words(n, 10);
    const double threshold = 0.9;
    const auto picked = SelectMmr(
        relevance, words, sim, {.lambda = 0.9, .redundancy_threshold = threshold, .max_items = 8});
    ASSERT_FALSE(picked.empty());
    for (size_t i = 0; i < picked.size(); ++i)
      for (size_t j = i + 1; j < picked.size(); ++j)
        EXPECT_LT(sim(picked[i], picked[j]), threshold);
    // The first pick is the most relevant item.
    EXPECT_EQ(picked[0], static_cast<size_t>(std::max_element(relevance.begin(), relevance.end()) -
                                             relevance.begin()));
  }
}

TEST(MmrTest, WordBudgetSkipsItemsThatDoNotFit) {
  const std::vector<double> relevance = {1.0, 0.9, 0.8, 0.7};
  const std::vector<uint32_t> words = {40, 50, 30, 20};
  const auto picked =
      SelectMmr(relevance, words, [](size_t a, size_t b) { return a == b ? 1.0 : 0.0; },
                {.lambda = 1.0, .redundancy_threshold = 0.5, .max_items = 0, .max_words = 100});
  // 40 fits, 50 fits (90), 30 does not, 20 does not.
  EXPECT_EQ(picked, (std::vector<size_t>{0, 1}));
  const auto more =
      SelectMmr(relevance, {40, 70, 30, 20}, [](size_t a, size_t b) { return a == b ? 1.0 : 0.0; },
                {.lambda = 1.0, .redundancy_threshold = 0.5, .max_items = 0, .max_words = 100});
  EXPECT_EQ(more, (std::vector<size_t>{0, 2, 3}));
}

TEST(MmrTest, NoveltyOutweighsSmallRelevanceGap) {
  // 0 and 1 are near-copies (0.8, under the hard threshold); 2 is new.
  const std::vector<std::vector<double>> s = {{1, 0.8, 0}, {0.8, 1, 0}, {0, 0, 1}};
  const auto picked =
      SelectMmr({1.0, 0.95, 0.7}, {10, 10, 10}, [&](size_t a, size_t b) { return s[a][b]; },
                {.lambda = 0.7, .redundancy_threshold = 0.9, .max_items = 2});
  EXPECT_EQ(picked, (std::vector<size_t>{0, 2}));
}

}  // namespace
}  // namespace precis::summarise
