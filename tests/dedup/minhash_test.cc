#include "engine/dedup/minhash.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

namespace precis::dedup {
namespace {

TEST(MinHasher, GoldenSignature) {
  std::vector<uint64_t> shingles;
  for (uint64_t i = 0; i < 1000; ++i) shingles.push_back(i * 0x9e3779b97f4a7c15ULL);
  uint32_t sig[16];
  MinHasher(16, 0x5eed5eedULL).Sign(shingles, sig);
  const uint32_t expected[16] = {0x02e7bde6u, 0x033dbbe1u, 0x0453b983u, 0x0406e903u,
                                 0x02ac8cc1u, 0x01300241u, 0x03cb2620u, 0x07e10edfu,
                                 0x02d90d0du, 0x059373adu, 0x037aba91u, 0x01069dd5u,
                                 0x0398f15du, 0x00c5dd7eu, 0x07e88bd6u, 0x10abd4efu};
  EXPECT_TRUE(std::equal(sig, sig + 16, expected));
  // Densified: 3 shingles, 8 bins -> every bin holds one of at most 3 minima.
  const std::vector<uint64_t> three = {1, 2, 3};
  uint32_t small[8];
  MinHasher(8, 0x5eed5eedULL).Sign(three, small);
  const uint32_t expected_small[8] = {0x5f73fc87u, 0x1914d952u, 0x5f73fc87u, 0x5f73fc87u,
                                      0x1914d952u, 0x5f73fc87u, 0x1914d952u, 0x5f73fc87u};
  EXPECT_TRUE(std::equal(small, small + 8, expected_small));
}

TEST(MinHasher, IndependentOfOrderAndDuplicates) {
  std::mt19937_64 rng(7);
  std::vector<uint64_t> s(500);
  for (auto& x : s) x = rng();
  std::vector<uint64_t> shuffled = s;
  std::shuffle(shuffled.begin(), shuffled.end(), rng);
  shuffled.insert(shuffled.end(), s.begin(), s.begin() + 100);
  std::vector<uint32_t> a(128), b(128);
  MinHasher(128, 1).Sign(s, a.data());
  MinHasher(128, 1).Sign(shuffled, b.data());
  EXPECT_EQ(a, b);
  std::vector<uint32_t> other_seed(128);
  MinHasher(128, 2).Sign(s, other_seed.data());
  EXPECT_LT(EstimateJaccard(a, other_seed), 0.1);
}

TEST(MinHasher, EmptySetIsAllOnes) {
  std::vector<uint32_t> sig(32, 0);
  MinHasher(32, 1).Sign({}, sig.data());
  for (uint32_t v : sig) EXPECT_EQ(v, 0xFFFFFFFFu);
}

// Pairs of sets with a known Jaccard J = |A ∩ B| / |A ∪ B|, built from fresh
// random 64-bit values. Over many pairs the estimator's mean error must be
// ~0 (within 4 standard errors) and its variance close to J(1-J)/k (within
// 25 %: one-permutation hashing is slightly below it for large sets, and
// densification slightly above it for sets smaller than k).
struct Case {
  size_t common, only_a, only_b;
};

TEST(MinHasher, UnbiasedWithBinomialVariance) {
  const int k = 128;
  const int pairs = 1500;
  const MinHasher hasher(k, 0x5eed5eedULL);
  std::mt19937_64 rng(12345);
  for (const Case c : {Case{100, 300, 300}, Case{500, 250, 250}, Case{800, 100, 100},
                       Case{950, 25, 25}, Case{60, 20, 40}, Case{40, 200, 0}}) {
    const double j =
        static_cast<double>(c.common) / static_cast<double>(c.common + c.only_a + c.only_b);
    double sum = 0, sum_sq = 0;
    std::vector<uint64_t> a, b;
    std::vector<uint32_t> sa(k), sb(k);
    for (int p = 0; p < pairs; ++p) {
      a.clear();
      b.clear();
      for (size_t i = 0; i < c.common; ++i) {
        const uint64_t x = rng();
        a.push_back(x);
        b.push_back(x);
      }
      for (size_t i = 0; i < c.only_a; ++i) a.push_back(rng());
      for (size_t i = 0; i < c.only_b; ++i) b.push_back(rng());
      hasher.Sign(a, sa.data());
      hasher.Sign(b, sb.data());
      const double err = EstimateJaccard(sa, sb) - j;
      sum += err;
      sum_sq += err * err;
    }
    const double mean = sum / pairs;
    const double variance = sum_sq / pairs - mean * mean;
    const double expected_variance = j * (1 - j) / k;
    const double standard_error = std::sqrt(expected_variance / pairs);
    SCOPED_TRACE("J = " + std::to_string(j));
    EXPECT_LT(std::abs(mean), 4 * standard_error);
    EXPECT_GT(variance, 0.75 * expected_variance);
    EXPECT_LT(variance, 1.25 * expected_variance);
  }
}

}  // namespace
}  // namespace precis::dedup
