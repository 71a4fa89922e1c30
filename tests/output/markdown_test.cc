#include <gtest/gtest.h>

#include <sstream>

#include "precis/digest.h"
#include "tests/output/sample_result.h"

namespace precis {
namespace {

std::string Markdown(const Result& r, int min_sources = 1) {
  std::ostringstream out;
  DigestOptions o;
  o.min_sources = min_sources;
  EXPECT_TRUE(WriteMarkdown(r, o, out).ok());
  return out.str();
}

TEST(MarkdownTest, SectionPerStoryWithCreditedSentences) {
  const std::string md = Markdown(testing::SampleResult());
  EXPECT_EQ(md.rfind("# News digest\n", 0), 0u);
  EXPECT_NE(md.find("\n## 1. Macron & Blinken \\<à Paris\\>\n"), std::string::npos) << md;
  EXPECT_NE(md.find("\n## 2. Autre sujet\n"), std::string::npos);
  // The sentence, then the numbers of the reports that carry it.
  EXPECT_NE(md.find("- Blinken a rencontré Macron à Paris mardi, dit \"Price\". [1, 2]\n"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("2. **Macron et Blinken** — `b.txt`, 2024-04-02 — near-copy of 1 (85%)"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("<https://example.org/a?x=1&y=2>"), std::string::npos);
}

TEST(MarkdownTest, MinSourcesAndErrors) {
  const std::string md = Markdown(testing::SampleResult(), 2);
  EXPECT_EQ(md.find("\n## "), std::string::npos);
  EXPECT_NE(md.find("(0 shown)"), std::string::npos);
  std::ostringstream out;
  DigestOptions bad;
  bad.min_sources = 0;
  EXPECT_EQ(WriteMarkdown(testing::SampleResult(), bad, out).code(),
            Status::Code::kInvalidArgument);
}

TEST(MarkdownTest, DistinctReportsCountsCopiesOnce) {
  const Result r = testing::SampleResult();
  EXPECT_EQ(DistinctReports(r, r.stories[0]), 1u);
  EXPECT_EQ(DistinctReports(r, r.stories[1]), 1u);
}

}  // namespace
}  // namespace precis
