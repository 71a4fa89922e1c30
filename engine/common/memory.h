// The process's memory, for per-stage statistics (StageTiming).
#ifndef PRECIS_ENGINE_COMMON_MEMORY_H_
#define PRECIS_ENGINE_COMMON_MEMORY_H_

#include <cstdint>

namespace precis {

// Peak resident set size of this process so far, in bytes (getrusage
// ru_maxrss); 0 where the platform does not report it. Thread-safe.
uint64_t PeakRssBytes();

}  // namespace precis

#endif  // PRECIS_ENGINE_COMMON_MEMORY_H_
