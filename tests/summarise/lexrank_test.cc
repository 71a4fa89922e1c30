#include "engine/summarise/lexrank.h"

#include <gtest/gtest.h>

#include <vector>

namespace precis::summarise {
namespace {

using Graph = Eigen::SparseMatrix<double, Eigen::RowMajor>;

Graph FromDense(const std::vector<std::vector<double>>& rows) {
  Graph g(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(rows.size()));
  std::vector<Eigen::Triplet<double>> t;
  for (size_t i = 0; i < rows.size(); ++i)
    for (size_t j = 0; j < rows.size(); ++j)
      if (rows[i][j] != 0) t.emplace_back(i, j, rows[i][j]);
  g.setFromTriplets(t.begin(), t.end());
  return g;
}

// Path a - b - c with unit weights, teleport 0.15. By symmetry p_a = p_c = x,
// p_b = y; y = 0.05 + 0.85 (x + x), x = 0.05 + 0.85 y / 2, 2x + y = 1
// => x = 0.95 / 3.7, y = 1 - 2x.
TEST(LexRankTest, PathGraphMatchesHandComputedDistribution) {
  const Eigen::VectorXd p =
      LexRank(FromDense({{0, 1, 0}, {1, 0, 1}, {0, 1, 0}}), {.teleport = 0.15});
  ASSERT_EQ(p.size(), 3);
  EXPECT_NEAR(p[0], 0.95 / 3.7, 1e-9);
  EXPECT_NEAR(p[2], 0.95 / 3.7, 1e-9);
  EXPECT_NEAR(p[1], 1 - 2 * 0.95 / 3.7, 1e-9);
}

// Without teleport, the walk on an undirected weighted graph is stationary at
// the weighted degrees: weights ab=2, bc=1, ac=1 -> degrees 3, 3, 2 over 8.
TEST(LexRankTest, NoTeleportGivesWeightedDegrees) {
  const Eigen::VectorXd p =
      LexRank(FromDense({{0, 2, 1}, {2, 0, 1}, {1, 1, 0}}), {.teleport = 0.0, .tolerance = 1e-13});
  EXPECT_NEAR(p[0], 3.0 / 8, 1e-9);
  EXPECT_NEAR(p[1], 3.0 / 8, 1e-9);
  EXPECT_NEAR(p[2], 2.0 / 8, 1e-9);
}

// An isolated sentence keeps only teleport mass; the hub of a star ranks first.
TEST(LexRankTest, IsolatedNodeAndHub) {
  const Eigen::VectorXd p = LexRank(
      FromDense(
          {{0, 1, 1, 1, 0}, {1, 0, 0, 0, 0}, {1, 0, 0, 0, 0}, {1, 0, 0, 0, 0}, {0, 0, 0, 0, 0}}),
      {});
  EXPECT_NEAR(p.sum(), 1.0, 1e-12);
  EXPECT_GT(p[0], p[1]);
  EXPECT_NEAR(p[1], p[2], 1e-12);
  EXPECT_LT(p[4], p[1]);
  EXPECT_GT(p.minCoeff(), 0.0);
}

TEST(LexRankTest, EmptyGraph) { EXPECT_EQ(LexRank(Graph(0, 0), {}).size(), 0); }

}  // namespace
}  // namespace precis::summarise
