#include "tests/reference/cluster/scoring.h"

#include <gtest/gtest.h>

namespace precis::cluster {
namespace {

// Worked by hand: gold {0,1,2}{3,4}, predicted {0,1}{2,3,4}.
//   item  |C∩G|/|C|  |C∩G|/|G|
//   0,1    2/2        2/3
//   2      1/3        1/3
//   3,4    2/3        2/2
// P = R = (1+1+1/3+2/3+2/3)/5 = 11/15.
// ARI: pairs within cells 1+0+1 = 2; predicted 1+3 = 4; gold 3+1 = 4;
// expected 4*4/10 = 1.6; max 4; (2-1.6)/(4-1.6) = 1/6.
TEST(ScoringTest, HandComputedExample) {
  const ClusteringScore s = Score({7, 7, 9, 9, 9}, {0, 0, 0, 1, 1});
  EXPECT_NEAR(s.precision, 11.0 / 15, 1e-12);
  EXPECT_NEAR(s.recall, 11.0 / 15, 1e-12);
  EXPECT_NEAR(s.f1, 11.0 / 15, 1e-12);
  EXPECT_NEAR(s.ari, 1.0 / 6, 1e-12);
  EXPECT_EQ(s.clusters, 2u);
  EXPECT_EQ(s.gold_clusters, 2u);
}

TEST(ScoringTest, IdenticalPartitionsScoreOneWhateverTheLabels) {
  const ClusteringScore s = Score({5, 5, 3, 8, 8, 8}, {0, 0, 1, 2, 2, 2});
  EXPECT_DOUBLE_EQ(s.precision, 1.0);
  EXPECT_DOUBLE_EQ(s.recall, 1.0);
  EXPECT_DOUBLE_EQ(s.ari, 1.0);
}

// Singletons against one gold cluster of 4: P = 1, R = 1/4, F1 = 0.4;
// one predicted cluster against singletons: P = 1/4, R = 1.
TEST(ScoringTest, AllSingletonsAndAllInOne) {
  const ClusteringScore split = Score({0, 1, 2, 3}, {0, 0, 0, 0});
  EXPECT_DOUBLE_EQ(split.precision, 1.0);
  EXPECT_DOUBLE_EQ(split.recall, 0.25);
  EXPECT_NEAR(split.f1, 0.4, 1e-12);
  EXPECT_NEAR(split.ari, 0.0, 1e-12);
  const ClusteringScore merged = Score({0, 0, 0, 0}, {0, 1, 2, 3});
  EXPECT_DOUBLE_EQ(merged.precision, 0.25);
  EXPECT_DOUBLE_EQ(merged.recall, 1.0);
}

// ARI: 2x2 contingency [[2,0],[1,1]] of 4 items (gold {0,1,2}{3}, pred {0,1}{2,3}):
// index 1; pred 1+1 = 2; gold 3+0 = 3; expected 6/6 = 1; max 2.5; ARI 0.
TEST(ScoringTest, AriAtChanceIsZero) {
  const ClusteringScore s = Score({0, 0, 1, 1}, {0, 0, 0, 1});
  EXPECT_NEAR(s.ari, 0.0, 1e-12);
}

}  // namespace
}  // namespace precis::cluster
