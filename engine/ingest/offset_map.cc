#include "engine/ingest/offset_map.h"

#include <algorithm>

namespace precis::ingest {

uint64_t MapOffset(const std::vector<OffsetRun>& map, uint64_t pos) {
  auto after = std::upper_bound(map.begin(), map.end(), pos,
                                [](uint64_t p, const OffsetRun& run) { return p < run.text_pos; });
  if (after == map.begin()) return pos;
  const OffsetRun& run = *(after - 1);
  return run.source_pos + (pos - run.text_pos);
}

void OffsetMapBuilder::AppendChar(std::string_view bytes, uint64_t source_begin,
                                  uint64_t source_end) {
  if (bytes.empty()) return;
  const uint64_t last = source_end > source_begin ? source_end - 1 : source_begin;
  Mark(source_begin);
  text_ += bytes[0];
  for (size_t k = 1; k < bytes.size(); ++k) {
    Mark(std::min(source_begin + k, last));
    text_ += bytes[k];
  }
}

void OffsetMapBuilder::Mark(uint64_t source) {
  const uint64_t pos = text_.size();
  if (!runs_.empty()) {
    OffsetRun& last = runs_.back();
    if (last.source_pos + (pos - last.text_pos) == source) return;
    if (last.text_pos == pos) {
      // Nothing was appended since the last mark: move it instead of stacking runs.
      runs_.pop_back();
      Mark(source);
      return;
    }
  } else if (pos == source) {
    // Identity so far: an empty map says exactly that.
    return;
  }
  if (runs_.empty() && pos > 0) runs_.push_back({0, 0});
  runs_.push_back({pos, source});
}

std::string OffsetMapBuilder::TakeText(std::vector<OffsetRun>* map, uint64_t source_end) {
  Mark(source_end);
  *map = std::move(runs_);
  runs_.clear();
  return std::move(text_);
}

std::vector<OffsetRun> ComposeMaps(const std::vector<OffsetRun>& outer, uint64_t text_size,
                                   const std::vector<OffsetRun>& inner) {
  if (inner.empty()) return outer;
  // Walk the outer runs; inside each, every inner run boundary that falls in
  // its source range starts a new composed run.
  std::vector<OffsetRun> runs;
  auto add = [&runs](uint64_t text_pos, uint64_t source) {
    if (!runs.empty()) {
      const OffsetRun& last = runs.back();
      if (last.source_pos + (text_pos - last.text_pos) == source) return;
      if (last.text_pos == text_pos) runs.pop_back();
    }
    runs.push_back({text_pos, source});
  };
  std::vector<OffsetRun> outer_runs = outer;
  if (outer_runs.empty() || outer_runs.front().text_pos != 0)
    outer_runs.insert(outer_runs.begin(), {0, 0});
  for (size_t i = 0; i < outer_runs.size(); ++i) {
    const uint64_t t0 = outer_runs[i].text_pos;
    const uint64_t t1 = i + 1 < outer_runs.size() ? outer_runs[i + 1].text_pos : text_size + 1;
    if (t1 <= t0) continue;
    const uint64_t s0 = outer_runs[i].source_pos;
    const uint64_t s1 = s0 + (t1 - t0);
    add(t0, MapOffset(inner, s0));
    auto it = std::upper_bound(inner.begin(), inner.end(), s0,
                               [](uint64_t p, const OffsetRun& run) { return p < run.text_pos; });
    for (; it != inner.end() && it->text_pos < s1; ++it)
      add(t0 + (it->text_pos - s0), it->source_pos);
  }
  return runs;
}

}  // namespace precis::ingest
