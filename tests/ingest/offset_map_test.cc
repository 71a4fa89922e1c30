#include "engine/ingest/offset_map.h"

#include <gtest/gtest.h>

namespace precis::ingest {
namespace {

TEST(OffsetMap, ContiguousAppendsNeedNoRuns) {
  OffsetMapBuilder b;
  b.Append("hello ", 0);
  b.Append("world", 6);
  std::vector<OffsetRun> map;
  EXPECT_EQ(b.TakeText(&map, 11), "hello world");
  EXPECT_TRUE(map.empty());  // identity
}

TEST(OffsetMap, GapsAndExpansionsAreExact) {
  // Source: "<p>ab</p><p>\xE9t\xE9</p>" as Latin-1; text "ab\n\nété".
  OffsetMapBuilder b;
  b.Append("ab", 3);
  b.Append("\n\n", 12);  // separator maps to the next text
  b.Append("\xC3\xA9", 12);
  b.Append("t", 13);
  b.Append("\xC3\xA9", 14);
  std::vector<OffsetRun> map;
  const std::string text = b.TakeText(&map, 15);
  EXPECT_EQ(text, "ab\n\n\xC3\xA9t\xC3\xA9");
  const uint64_t expected[] = {3, 4, 12, 13, 12, 13, 13, 14, 15, 15};  // [6] and [9]: mid-character
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i == 5 || i == 8) continue;  // second byte of a 2-byte character
    EXPECT_EQ(MapOffset(map, i), expected[i]) << "at " << i;
  }
}

TEST(OffsetMap, ComposeFollowsBothMaps) {
  // outer: text "xyz" from positions 10.. of an intermediate text;
  // inner: intermediate position p >= 11 comes from source 100 + p.
  const std::vector<OffsetRun> outer = {{0, 10}};
  const std::vector<OffsetRun> inner = {{0, 0}, {11, 111}};
  const std::vector<OffsetRun> composed = ComposeMaps(outer, 3, inner);
  EXPECT_EQ(MapOffset(composed, 0), 10u);
  EXPECT_EQ(MapOffset(composed, 1), 111u);
  EXPECT_EQ(MapOffset(composed, 2), 112u);
  EXPECT_EQ(MapOffset(composed, 3), 113u);
}

}  // namespace
}  // namespace precis::ingest
