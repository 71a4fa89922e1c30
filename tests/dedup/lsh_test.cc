#include "engine/dedup/lsh.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <map>
#include <random>
#include <set>

namespace precis::dedup {
namespace {

TEST(OptimalLshParams, UsesAtMostKValuesAndIsOptimalOverTheGrid) {
  for (const double t : {0.2, 0.5, 0.8}) {
    const LshParams p = OptimalLshParams(t, 128);
    EXPECT_LE(p.bands * p.rows, 128);
    const double best = 0.5 * FalsePositiveArea(t, p) + 0.5 * FalseNegativeArea(t, p);
    for (const LshParams q : {LshParams{p.bands + 1, p.rows}, LshParams{p.bands, p.rows - 1},
                              LshParams{16, 8}, LshParams{32, 4}, LshParams{8, 16}}) {
      if (q.bands * q.rows > 128 || q.rows < 1) continue;
      EXPECT_LE(best, 0.5 * FalsePositiveArea(t, q) + 0.5 * FalseNegativeArea(t, q) + 1e-12);
    }
  }
}

TEST(OptimalLshParams, SCurveRisesAroundTheThreshold) {
  for (const double t : {0.3, 0.5, 0.7, 0.9}) {
    const LshParams p = OptimalLshParams(t, 128);
    EXPECT_LT(CandidateProbability(t - 0.25, p), 0.15) << t;
    EXPECT_GT(CandidateProbability(std::min(1.0, t + 0.15), p), 0.85) << t;
  }
  // Weighting false negatives moves the curve left.
  const LshParams recall = OptimalLshParams(0.5, 128, 0.1, 0.9);
  EXPECT_GT(CandidateProbability(0.5, recall),
            CandidateProbability(0.5, OptimalLshParams(0.5, 128)));
}

// The tabulated search picks exactly what minimising the public area
// functions over the whole grid picks.
TEST(OptimalLshParams, SameChoiceAsTheAreaFunctions) {
  for (const int k : {16, 64, 128}) {
    for (const double t : {0.19, 0.4, 0.5, 0.85, 1.0}) {
      for (const auto& [fp, fn] : {std::pair{0.5, 0.5}, std::pair{0.1, 0.9}}) {
        LshParams best{1, k};
        double best_error = std::numeric_limits<double>::infinity();
        for (int b = 1; b <= k; ++b) {
          for (int r = 1; r <= k / b; ++r) {
            const double e = fp * FalsePositiveArea(t, {b, r}) + fn * FalseNegativeArea(t, {b, r});
            if (e < best_error) best_error = e, best = {b, r};
          }
        }
        const LshParams got = OptimalLshParams(t, k, fp, fn);
        EXPECT_EQ(got.bands, best.bands) << k << " " << t << " " << fp;
        EXPECT_EQ(got.rows, best.rows) << k << " " << t << " " << fp;
      }
    }
  }
}

TEST(OptimalLshParams, AreasMatchClosedFormForOneRow) {
  // b = 1, r = 1: P(s) = s, so FP area = t^2 / 2 and FN area = (1 - t)^2 / 2.
  const LshParams p{1, 1};
  EXPECT_NEAR(FalsePositiveArea(0.6, p), 0.18, 1e-9);
  EXPECT_NEAR(FalseNegativeArea(0.6, p), 0.08, 1e-9);
}

// Candidates must be exactly the pairs agreeing on some full band (brute force),
// for any thread count: small and large corpora (bands of 1,024 documents or
// more are ordered by a radix pass), few values (long runs of equal keys) and
// many (short runs), documents in ascending order or not.
TEST(LshCandidates, MatchesBruteForceBandAgreement) {
  struct Case {
    int docs;
    uint32_t values;
    LshParams p;
    bool shuffled;
  };
  const int k = 16;
  for (const Case& c : {Case{300, 3, {4, 4}, false}, Case{3000, 3, {4, 4}, false},
                        Case{3000, 1000, {16, 1}, false}, Case{3000, 1000, {16, 1}, true}}) {
    const int docs = c.docs;
    const LshParams p = c.p;
    std::mt19937_64 rng(3);
    std::vector<uint32_t> sigs(static_cast<size_t>(docs) * k);
    for (auto& v : sigs) v = static_cast<uint32_t>(rng() % c.values);
    std::vector<uint32_t> ids(docs);
    for (int i = 0; i < docs; ++i) ids[i] = i;
    if (c.shuffled) std::shuffle(ids.begin(), ids.end(), rng);
    std::set<std::pair<uint32_t, uint32_t>> expected;
    for (int a = 0; a < docs; ++a) {
      for (int b = a + 1; b < docs; ++b) {
        for (int band = 0; band < p.bands; ++band) {
          bool same = true;
          for (int r = 0; r < p.rows; ++r)
            same &= sigs[a * k + band * p.rows + r] == sigs[b * k + band * p.rows + r];
          if (same) {
            expected.insert({a, b});
            break;
          }
        }
      }
    }
    ASSERT_GT(expected.size(), static_cast<size_t>(docs));
    for (int threads : {1, 2, 4}) {
      Parallel parallel(threads);
      const auto got = LshCandidates(sigs, k, ids, p, parallel, /*max_bucket_pairs_per_doc=*/1000);
      const std::set<std::pair<uint32_t, uint32_t>> got_set(got.begin(), got.end());
      EXPECT_EQ(got_set, expected) << docs << " " << c.values << " " << threads;
      EXPECT_TRUE(std::is_sorted(got.begin(), got.end()));
    }
  }
}

TEST(LshCandidates, HugeBucketIsCappedButStaysConnected) {
  const int k = 4, docs = 1000;
  std::vector<uint32_t> sigs(static_cast<size_t>(docs) * k, 7);  // everyone in one bucket
  std::vector<uint32_t> ids(docs);
  for (int i = 0; i < docs; ++i) ids[i] = i;
  Parallel parallel(2);
  const auto got = LshCandidates(sigs, k, ids, LshParams{1, 4}, parallel, 8);
  EXPECT_LE(got.size(), static_cast<size_t>(docs) * 8);
  for (int i = 0; i + 1 < docs; ++i) {
    EXPECT_TRUE(
        std::binary_search(got.begin(), got.end(), std::make_pair<uint32_t, uint32_t>(i, i + 1)));
  }
}

}  // namespace
}  // namespace precis::dedup
