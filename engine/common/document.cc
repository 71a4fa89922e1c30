#include <algorithm>

#include "precis/document.h"
#include "precis/result.h"

namespace precis {

uint64_t Document::SourceOffset(uint64_t text_pos) const {
  if (source_map.empty()) return text_pos;
  auto after = std::upper_bound(source_map.begin(), source_map.end(), text_pos,
                                [](uint64_t pos, const OffsetRun& run) { return pos < run.text_pos; });
  if (after == source_map.begin()) return text_pos;  // before the first run: identity
  const OffsetRun& run = *(after - 1);
  return run.source_pos + (text_pos - run.text_pos);
}

}  // namespace precis
