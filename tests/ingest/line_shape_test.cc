// Line keys: the allocation-free comparison agrees with building the key, on
// hand-picked lines and on every line pair of the seed reports.
#include "engine/ingest/line_shape.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "precis/document.h"

namespace precis::ingest {
namespace {

TEST(LineKey, FoldsCaseAndCollapsesWhiteSpace) {
  EXPECT_EQ(LineKey("Read  MORE\u00a0Here"), "read more here");
  EXPECT_EQ(LineKey("STRA\u00dfE"), "stra\u00dfe");  // simple folding: one code point each
  EXPECT_EQ(LineKey("\u00c9TATS-UNIS"), "\u00e9tats-unis");
  std::string reused = "old content";
  LineKey("Tout  \u00c0 Fait", &reused);
  EXPECT_EQ(reused, "tout \u00e0 fait");
}

TEST(LineKey, EqualsMatchesTheBuiltKey) {
  const std::string key = LineKey("Read more on our site");
  EXPECT_TRUE(LineKeyEquals("READ  more on OUR site", key));
  EXPECT_FALSE(LineKeyEquals("Read more on our", key));             // a prefix of the key
  EXPECT_FALSE(LineKeyEquals("Read more on our site today", key));  // the key is a prefix
  EXPECT_FALSE(LineKeyEquals("Read more in our site", key));
  EXPECT_TRUE(LineKeyEquals("", ""));
  EXPECT_FALSE(LineKeyEquals("a", ""));
  EXPECT_FALSE(LineKeyEquals("", "a"));
  EXPECT_TRUE(LineKeyEquals("\u00c9t\u00c9", LineKey("\u00e9T\u00e9")));
}

TEST(LineKey, EqualsAgreesWithKeysOnSeedLines) {
  std::vector<std::string> lines;
  const Status s = ReadSources(
      {std::string(PRECIS_SOURCE_DIR) + "/corpora/seeds"}, {},
      [&](Document d) {
        size_t start = 0;
        while (start < d.text.size() && lines.size() < 3000) {
          size_t stop = d.text.find('\n', start);
          if (stop == std::string::npos) stop = d.text.size();
          const LineShape shape = ShapeOf(std::string_view(d.text).substr(start, stop - start));
          if (!shape.blank())
            lines.push_back(d.text.substr(start + shape.begin, shape.end - shape.begin));
          start = stop + 1;
        }
      },
      [](SkippedSource) {});
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_GT(lines.size(), 50u);
  int equal = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string key = LineKey(lines[i]);
    for (size_t j = i; j < lines.size() && j < i + 50; ++j) {
      const bool expected = LineKey(lines[j]) == key;
      ASSERT_EQ(LineKeyEquals(lines[j], key), expected) << lines[i] << " / " << lines[j];
      equal += expected;
    }
  }
  EXPECT_GE(equal, static_cast<int>(lines.size()));  // every line equals itself
  // A line cut short shares a prefix of the key, which must not be enough.
  for (const std::string& line : lines) {
    const std::string key = LineKey(line);
    for (size_t cut : {line.size() / 2, line.size() - 1}) {
      const std::string head = line.substr(0, cut);
      ASSERT_EQ(LineKeyEquals(head, key), LineKey(head) == key) << line;
      ASSERT_EQ(LineKeyEquals(line, LineKey(head)), LineKey(head) == key) << line;
    }
  }
}

}  // namespace
}  // namespace precis::ingest
