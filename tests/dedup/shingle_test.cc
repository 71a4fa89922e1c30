// Golden vectors: shingle hashes are part of every saved signature, so any
// change to them must be deliberate (and renamed, see STYLE.md on filter names).
#include "engine/dedup/shingle.h"

#include <gtest/gtest.h>
#include <xxhash.h>

#include <cstring>
#include <vector>

namespace precis::dedup {
namespace {

TEST(HashToken, GoldenVectors) {
  // XXH3-64 of the empty input is xxHash's own published test vector.
  EXPECT_EQ(HashToken(""), 0x2d06800538d394c2ULL);
  EXPECT_EQ(HashToken("the"), 0xcb1283631cf33d7dULL);
  EXPECT_EQ(HashToken("président"), 0xf3aaa2c23a2ea78bULL);
  EXPECT_EQ(HashToken("ukraine"), 0x7cbf47b84663dfe2ULL);
  EXPECT_EQ(HashToken("a"), 0xe6c632b61e964e1fULL);
}

std::vector<uint64_t> Units(std::initializer_list<const char*> words) {
  std::vector<uint64_t> u;
  for (const char* w : words) u.push_back(HashToken(w));
  return u;
}

TEST(AppendShingles, GoldenVectors) {
  const auto u = Units({"le", "président", "français", "emmanuel", "macron"});
  std::vector<uint64_t> out;
  AppendShingles(u, 3, &out);
  EXPECT_EQ(out, (std::vector<uint64_t>{0xc09585f9ee050a60ULL, 0x0478840db00cd78eULL,
                                        0x1467d2dac81f1fe5ULL}));
}

TEST(AppendShingles, IsXxh3OfTheLittleEndianUnitsSeededWithN) {
  const auto u = Units({"a", "b", "c", "d"});
  std::vector<uint64_t> out;
  AppendShingles(u, 2, &out);
  ASSERT_EQ(out.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    unsigned char bytes[16];
    for (int b = 0; b < 8; ++b) {
      bytes[b] = static_cast<unsigned char>(u[i] >> (8 * b));
      bytes[8 + b] = static_cast<unsigned char>(u[i + 1] >> (8 * b));
    }
    EXPECT_EQ(out[i], XXH3_64bits_withSeed(bytes, 16, 2));
  }
}

TEST(AppendShingles, ShortDocumentGetsOneShingleOfAllItsWords) {
  const auto u = Units({"le", "président"});
  std::vector<uint64_t> out;
  AppendShingles(u, 3, &out);
  EXPECT_EQ(out, (std::vector<uint64_t>{0x369c95bd3d780445ULL}));
  EXPECT_EQ(ShingleCount(2, 3), 1u);
  EXPECT_EQ(ShingleCount(0, 3), 0u);
  EXPECT_EQ(ShingleCount(10, 3), 8u);
  out.clear();
  AppendShingles({}, 3, &out);
  EXPECT_TRUE(out.empty());
}

TEST(ShingleSet, SortedUniqueAndOrderSensitive) {
  const auto u = Units({"x", "y", "x", "y", "x", "y"});
  const auto set = ShingleSet(u, 2);
  EXPECT_EQ(set.size(), 2u);  // "x y" and "y x"
  EXPECT_TRUE(std::is_sorted(set.begin(), set.end()));
  const auto one = ShingleSet(Units({"word", "word", "word", "word"}), 3);
  EXPECT_EQ(one.size(), 1u);
}

TEST(CharacterNgramHashes, CountsCodePointsNotBytes) {
  const auto h = CharacterNgramHashes("abé d", 3);  // 5 code points, 6 bytes
  EXPECT_EQ(h, (std::vector<uint64_t>{0x00e2e74820385a13ULL, 0xe37070c56373d370ULL,
                                      0xae38726ef4af2547ULL}));
  EXPECT_EQ(h[0], XXH3_64bits("ab\xc3\xa9", 4));
  EXPECT_EQ(CharacterNgramHashes("ab", 3).size(), 1u);
  EXPECT_TRUE(CharacterNgramHashes("", 3).empty());
}

}  // namespace
}  // namespace precis::dedup
