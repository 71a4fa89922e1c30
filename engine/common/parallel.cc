#include "engine/common/parallel.h"

#include <oneapi/tbb/info.h>

namespace precis {

int ResolveThreads(int threads) {
  if (threads > 0) return threads;
  return tbb::info::default_concurrency();
}

}  // namespace precis
