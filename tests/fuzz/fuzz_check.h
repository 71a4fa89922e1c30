// What the fuzz targets check besides the sanitizers: the documented
// contracts of the code under test (ranges inside the text, valid UTF-8, maps
// that point into the source). A broken contract aborts with a message, so
// libFuzzer keeps the input as a crash and a replay of the corpus fails in
// every build, sanitized or not.
#ifndef PRECIS_TESTS_FUZZ_FUZZ_CHECK_H_
#define PRECIS_TESTS_FUZZ_FUZZ_CHECK_H_

#include <unicode/utf8.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "engine/ingest/offset_map.h"
#include "precis/document.h"

#define PRECIS_FUZZ_CHECK(condition, what)                                                  \
  do {                                                                                      \
    if (!(condition)) {                                                                     \
      std::fprintf(stderr, "%s:%d: contract broken: %s (%s)\n", __FILE__, __LINE__, (what), \
                   #condition);                                                             \
      std::abort();                                                                         \
    }                                                                                       \
  } while (0)

namespace precis::fuzz {

// Inputs longer than this are ignored: the targets look for logic errors,
// and large inputs only slow every execution down (tools/fuzz passes the
// same limit to libFuzzer as -max_len).
inline constexpr size_t kMaxInput = 64 << 10;

inline bool IsValidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const int64_t n = static_cast<int64_t>(s.size());
  int64_t i = 0;
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
  }
  return true;
}

// A map from a text of `text_size` bytes into a source of `source_size`
// bytes (precis/document.h): runs sorted by text position, every position of
// the text and its end mapped inside the source.
inline void CheckSourceMap(const std::vector<OffsetRun>& map, uint64_t text_size,
                           uint64_t source_size, const char* what) {
  for (size_t i = 1; i < map.size(); ++i)
    PRECIS_FUZZ_CHECK(map[i - 1].text_pos < map[i].text_pos, what);
  for (const OffsetRun& run : map) {
    PRECIS_FUZZ_CHECK(run.text_pos <= text_size, what);
    PRECIS_FUZZ_CHECK(run.source_pos <= source_size, what);
  }
  // Within a run offsets grow with the position, so the last position before
  // each run starts (and the end of the text) bounds them all.
  for (const OffsetRun& run : map) {
    if (run.text_pos > 0)
      PRECIS_FUZZ_CHECK(ingest::MapOffset(map, run.text_pos - 1) <= source_size, what);
  }
  PRECIS_FUZZ_CHECK(ingest::MapOffset(map, text_size) <= source_size, what);
}

}  // namespace precis::fuzz

#endif  // PRECIS_TESTS_FUZZ_FUZZ_CHECK_H_
