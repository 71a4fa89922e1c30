#include "precis/document.h"

#include <gtest/gtest.h>

#include "precis/result.h"

namespace precis {
namespace {

TEST(Document, EmptySourceMapIsIdentity) {
  Document d;
  d.text = "hello";
  EXPECT_EQ(d.SourceOffset(0), 0u);
  EXPECT_EQ(d.SourceOffset(5), 5u);
}

TEST(Document, PiecewiseSourceMap) {
  // Text "ab|cd" where "cd" came from source offset 10 (e.g. after a tag).
  Document d;
  d.text = "abcd";
  d.source_map = {{0, 3}, {2, 10}};
  EXPECT_EQ(d.SourceOffset(0), 3u);
  EXPECT_EQ(d.SourceOffset(1), 4u);
  EXPECT_EQ(d.SourceOffset(2), 10u);
  EXPECT_EQ(d.SourceOffset(3), 11u);
  EXPECT_EQ(d.SourceOffset(4), 12u);  // one past the end maps past the last byte
}

TEST(DocumentResult, SentenceTextCollapsesWhitespace) {
  DocumentResult r;
  r.text = "  First line\n  continues\there.  Next.";
  r.sentences.push_back({2, 30, 2, 30});
  EXPECT_EQ(r.SentenceText(0), "First line continues here.");
}

}  // namespace
}  // namespace precis
