#include "engine/summarise/lexrank.h"

#include <cmath>

namespace precis::summarise {

Eigen::VectorXd LexRank(const Eigen::SparseMatrix<double, Eigen::RowMajor>& graph,
                        const LexRankParams& params) {
  const Eigen::Index n = graph.rows();
  if (n == 0) return {};
  // Row-stochastic transitions; dangling rows are left empty and their mass
  // is spread uniformly in each step.
  Eigen::SparseMatrix<double, Eigen::RowMajor> transition = graph;
  Eigen::VectorXd dangling = Eigen::VectorXd::Zero(n);
  for (Eigen::Index r = 0; r < n; ++r) {
    double sum = 0;
    for (Eigen::SparseMatrix<double, Eigen::RowMajor>::InnerIterator it(transition, r); it; ++it)
      sum += it.value();
    if (sum <= 0) {
      dangling[r] = 1;
      continue;
    }
    for (Eigen::SparseMatrix<double, Eigen::RowMajor>::InnerIterator it(transition, r); it; ++it)
      it.valueRef() /= sum;
  }
  const Eigen::SparseMatrix<double> transposed = transition.transpose();
  const double uniform = 1.0 / static_cast<double>(n);
  Eigen::VectorXd p = Eigen::VectorXd::Constant(n, uniform);
  for (int iter = 0; iter < params.max_iterations; ++iter) {
    const double dangling_mass = dangling.dot(p);
    Eigen::VectorXd next = (1.0 - params.teleport) * (transposed * p);
    next.array() += params.teleport * uniform + (1.0 - params.teleport) * dangling_mass * uniform;
    const double change = (next - p).lpNorm<1>();
    p = std::move(next);
    if (change < params.tolerance) break;
  }
  return p / p.sum();
}

}  // namespace precis::summarise
