// Local scaling: similarities judged against each unit's neighbourhood, and
// the floor that keeps a unit with no neighbourhood from looking close to
// its nearest unit.
#include "engine/cluster/batch/local_scale.h"

#include <gtest/gtest.h>

#include <vector>

namespace precis::cluster {
namespace {

constexpr double kMissing = 0.04;

// Scaled similarity of the pair (a, b) as the adjacency holds it.
float Scaled(const Adjacency& adjacency, uint32_t a, uint32_t b) {
  for (size_t e = adjacency.offset[a]; e < adjacency.offset[a + 1]; ++e) {
    if (adjacency.neighbours[e].first == b) return adjacency.neighbours[e].second;
  }
  ADD_FAILURE() << "no edge " << a << "-" << b;
  return 0;
}

// Two pairs: (0, 1) close, as event mates are; (2, 3) far, two reports
// that belong with nothing and are each other's nearest.
Adjacency TwoPairs() { return BuildAdjacency(4, {{0, 1, 0.5f}, {2, 3, 0.08f}}); }

TEST(LocalScaleTest, WithoutAFloorTheNearestOfALoneReportLooksClose) {
  Parallel parallel(1);
  Adjacency adjacency = TwoPairs();
  LocalScale(1, kMissing, /*min_scale=*/0, parallel, &adjacency);
  EXPECT_FLOAT_EQ(Scaled(adjacency, 0, 1), 1.0f);
  EXPECT_FLOAT_EQ(Scaled(adjacency, 2, 3), 1.0f);  // the failure the floor prevents
}

TEST(LocalScaleTest, TheFloorKeepsAFarPairFarAndLeavesCloseNeighbourhoodsAlone) {
  Parallel parallel(1);
  Adjacency adjacency = TwoPairs();
  const std::vector<double> scale =
      LocalScale(1, kMissing, /*min_scale=*/0.2, parallel, &adjacency);
  EXPECT_DOUBLE_EQ(scale[0], 0.5);
  EXPECT_DOUBLE_EQ(scale[2], 0.2);
  EXPECT_FLOAT_EQ(Scaled(adjacency, 0, 1), 1.0f);
  EXPECT_FLOAT_EQ(Scaled(adjacency, 2, 3), 0.4f);  // 0.08 / 0.2
  EXPECT_FLOAT_EQ(Scaled(adjacency, 3, 2), 0.4f);
}

TEST(LocalScaleTest, MissingNeighboursCountAtTheEdgeFloor) {
  Parallel parallel(1);
  Adjacency adjacency = BuildAdjacency(3, {{0, 1, 0.3f}});
  const std::vector<double> scale = LocalScale(2, kMissing, /*min_scale=*/0, parallel, &adjacency);
  EXPECT_DOUBLE_EQ(scale[0], (0.3f + kMissing) / 2);
  EXPECT_DOUBLE_EQ(scale[2], kMissing);  // no edges at all
}

TEST(LocalScaleTest, NoNeighboursMeansRawCosines) {
  Parallel parallel(1);
  Adjacency adjacency = TwoPairs();
  const std::vector<double> scale = LocalScale(0, kMissing, 0.2, parallel, &adjacency);
  EXPECT_EQ(scale, std::vector<double>(4, 1.0));
  EXPECT_FLOAT_EQ(Scaled(adjacency, 2, 3), 0.08f);
}

}  // namespace
}  // namespace precis::cluster
