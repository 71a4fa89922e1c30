// LexRank (Erkan & Radev 2004): sentence centrality as the stationary
// distribution of a random walk over the sentence-similarity graph.
#ifndef PRECIS_ENGINE_SUMMARISE_LEXRANK_H_
#define PRECIS_ENGINE_SUMMARISE_LEXRANK_H_

#include <Eigen/Dense>
#include <Eigen/SparseCore>

namespace precis::summarise {

struct LexRankParams {
  // Probability of jumping to a uniformly random sentence at each step
  // (1 - the damping factor). 0.15 as in PageRank and the LexRank paper.
  double teleport = 0.15;
  // Stop when the L1 norm of the change of the distribution is below this.
  double tolerance = 1e-9;
  // Hard stop; the walk converges geometrically at rate (1 - teleport), so
  // 1000 steps reach any sensible tolerance.
  int max_iterations = 1000;
};

// `graph` is a square matrix of non-negative edge weights (weights, not
// thresholded here: the caller keeps only the edges it wants). Rows are
// normalised into transition probabilities; a node without edges jumps
// uniformly. Returns the stationary distribution: non-negative, sums to 1.
// O(iterations x non-zeros). Deterministic.
Eigen::VectorXd LexRank(const Eigen::SparseMatrix<double, Eigen::RowMajor>& graph,
                        const LexRankParams& params);

}  // namespace precis::summarise

#endif  // PRECIS_ENGINE_SUMMARISE_LEXRANK_H_
