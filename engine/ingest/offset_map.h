// Building Document::source_map: a text assembled piece by piece, each piece
// remembering where in the source it came from.
//
// The map is a list of OffsetRun (see precis/document.h): position p of the
// text comes from source offset run.source_pos + (p - run.text_pos) for the
// last run at or before p. OffsetMapBuilder adds a run only where that
// extrapolation would be wrong, so a text copied verbatim costs no run at all
// and a Latin-1 file two per non-ASCII character.
#ifndef PRECIS_ENGINE_INGEST_OFFSET_MAP_H_
#define PRECIS_ENGINE_INGEST_OFFSET_MAP_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "precis/document.h"

namespace precis::ingest {

// Source offset of text position `pos` under `map` (empty map: identity).
// O(log runs).
uint64_t MapOffset(const std::vector<OffsetRun>& map, uint64_t pos);

// A text and its map, appended to in text order. Not thread-safe.
class OffsetMapBuilder {
 public:
  // Appends `bytes`, whose first byte came from source offset `source` and the
  // rest from the bytes after it.
  void Append(std::string_view bytes, uint64_t source) {
    if (bytes.empty()) return;
    Mark(source);
    text_.append(bytes);
  }
  void Append(char c, uint64_t source) { Append(std::string_view(&c, 1), source); }

  // Appends one character (its UTF-8 `bytes`) read from source bytes
  // [source_begin, source_end): the first byte maps to source_begin and the
  // last to source_end - 1, so both ends of any range of whole characters map
  // exactly (see OffsetRun in precis/document.h).
  void AppendChar(std::string_view bytes, uint64_t source_begin, uint64_t source_end);

  const std::string& text() const { return text_; }
  size_t size() const { return text_.size(); }
  bool empty() const { return text_.empty(); }
  char back() const { return text_.back(); }

  // Ends the text: its end maps to `source_end` (so the exclusive end of the
  // last byte is exact too). Leaves the builder empty.
  std::string TakeText(std::vector<OffsetRun>* map, uint64_t source_end);

 private:
  // The next byte appended comes from `source`.
  void Mark(uint64_t source);

  std::string text_;
  std::vector<OffsetRun> runs_;
};

// The map of text -> source2 given text -> source1 (`outer`, over a text of
// `text_size` bytes) and source1 -> source2 (`inner`): exact wherever both are.
std::vector<OffsetRun> ComposeMaps(const std::vector<OffsetRun>& outer, uint64_t text_size,
                                   const std::vector<OffsetRun>& inner);

}  // namespace precis::ingest

#endif  // PRECIS_ENGINE_INGEST_OFFSET_MAP_H_
