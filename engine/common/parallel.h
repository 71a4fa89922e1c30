// Parallel execution with a fixed number of workers (oneTBB task arena).
//
// Every parallel stage runs inside Parallel::Run so Options::threads is
// honoured; stages write per-item results into slots indexed by document
// position, so output never depends on the thread count.
#ifndef PRECIS_ENGINE_COMMON_PARALLEL_H_
#define PRECIS_ENGINE_COMMON_PARALLEL_H_

#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>

#include <cstddef>

namespace precis {

// 0 or negative -> number of hardware threads.
int ResolveThreads(int threads);

class Parallel {
 public:
  explicit Parallel(int threads) : arena_(ResolveThreads(threads)) {}

  int threads() { return arena_.max_concurrency(); }

  // Calls fn(i) for every i in [0, n), in parallel. fn must be thread-safe.
  template <typename Fn>
  void For(size_t n, Fn&& fn, size_t grain = 1) {
    arena_.execute([&] {
      tbb::parallel_for(tbb::blocked_range<size_t>(0, n, grain), [&](const tbb::blocked_range<size_t>& r) {
        for (size_t i = r.begin(); i != r.end(); ++i) fn(i);
      });
    });
  }

  // Runs fn() inside the arena (for code that uses tbb algorithms directly).
  template <typename Fn>
  auto Run(Fn&& fn) {
    return arena_.execute(fn);
  }

 private:
  tbb::task_arena arena_;
};

}  // namespace precis

#endif  // PRECIS_ENGINE_COMMON_PARALLEL_H_
