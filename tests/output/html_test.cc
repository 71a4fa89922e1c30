// The HTML digest is well-formed, self-contained, escaped, and shows what it
// promises: parsed back with gumbo (the HTML5 parsing algorithm browsers use).
#include <gtest/gtest.h>
#include <gumbo.h>

#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "precis/digest.h"
#include "tests/output/sample_result.h"

namespace precis {
namespace {

struct Parsed {
  explicit Parsed(const std::string& html) : html(html), output(gumbo_parse(this->html.c_str())) {}
  ~Parsed() { gumbo_destroy_output(&kGumboDefaultOptions, output); }
  std::string html;
  GumboOutput* output;
};

void Walk(const GumboNode* node, const std::function<void(const GumboElement&)>& fn) {
  if (node->type != GUMBO_NODE_ELEMENT) return;
  fn(node->v.element);
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length; ++i)
    Walk(static_cast<const GumboNode*>(children.data[i]), fn);
}

std::string Attr(const GumboElement& e, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&e.attributes, name);
  return a ? a->value : "";
}

std::string Text(const GumboNode* node) {
  if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE)
    return node->v.text.text;
  if (node->type != GUMBO_NODE_ELEMENT) return "";
  std::string out;
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length; ++i)
    out += Text(static_cast<const GumboNode*>(children.data[i]));
  return out;
}

std::vector<const GumboNode*> Elements(const GumboNode* root, GumboTag tag) {
  std::vector<const GumboNode*> out;
  std::function<void(const GumboNode*)> rec = [&](const GumboNode* n) {
    if (n->type != GUMBO_NODE_ELEMENT) return;
    if (n->v.element.tag == tag) out.push_back(n);
    const GumboVector& c = n->v.element.children;
    for (unsigned i = 0; i < c.length; ++i) rec(static_cast<const GumboNode*>(c.data[i]));
  };
  rec(root);
  return out;
}

std::string Html(const Result& r, int min_sources = 1) {
  std::ostringstream out;
  DigestOptions o;
  o.min_sources = min_sources;
  o.title = "Digest <du jour>";
  EXPECT_TRUE(WriteHtml(r, o, out).ok());
  return out.str();
}

TEST(HtmlTest, ParsesWithoutErrorsAndHasDoctype) {
  const std::string html = Html(testing::SampleResult());
  Parsed p(html);
  EXPECT_TRUE(p.output->document->v.document.has_doctype);
  EXPECT_STREQ(p.output->document->v.document.name, "html");
  EXPECT_EQ(p.output->errors.length, 0u) << html;
}

TEST(HtmlTest, SelfContainedNoScriptNoExternalResources) {
  const std::string html = Html(testing::SampleResult());
  Parsed p(html);
  EXPECT_TRUE(Elements(p.output->root, GUMBO_TAG_SCRIPT).empty())
      << "document text must be escaped, not run";
  EXPECT_TRUE(Elements(p.output->root, GUMBO_TAG_LINK).empty());
  EXPECT_TRUE(Elements(p.output->root, GUMBO_TAG_IMG).empty());
  EXPECT_EQ(Elements(p.output->root, GUMBO_TAG_STYLE).size(), 1u);
  for (const GumboNode* style : Elements(p.output->root, GUMBO_TAG_STYLE)) {
    EXPECT_EQ(Text(style).find("url("), std::string::npos);
    EXPECT_EQ(Text(style).find("@import"), std::string::npos);
  }
  Walk(p.output->root, [](const GumboElement& e) { EXPECT_EQ(Attr(e, "src"), ""); });
}

TEST(HtmlTest, StoriesSentencesAndSourcesRoundTrip) {
  const Result r = testing::SampleResult();
  Parsed p(Html(r));
  const auto titles = Elements(p.output->root, GUMBO_TAG_TITLE);
  ASSERT_EQ(titles.size(), 1u);
  EXPECT_EQ(Text(titles[0]), "Digest <du jour>");
  const auto articles = Elements(p.output->root, GUMBO_TAG_ARTICLE);
  ASSERT_EQ(articles.size(), r.stories.size());
  for (size_t s = 0; s < articles.size(); ++s) {
    EXPECT_EQ(Attr(articles[s]->v.element, "id"), "story-" + std::to_string(r.stories[s].id));
    const auto h2 = Elements(articles[s], GUMBO_TAG_H2);
    ASSERT_EQ(h2.size(), 1u);
    EXPECT_EQ(Text(h2[0]), r.stories[s].label);  // escaped on write, identical after parsing
    // One chip per source, carrying the byte range of the original file.
    std::vector<std::string> chips;
    Walk(articles[s], [&](const GumboElement& e) {
      if (e.tag == GUMBO_TAG_A && Attr(e, "class") == "src")
        chips.push_back(Attr(e, "data-doc") + ":" + Attr(e, "data-start") + "-" +
                        Attr(e, "data-end"));
    });
    std::vector<std::string> expected;
    for (const SummarySentence& sent : r.stories[s].summary)
      for (const SourceSpan& span : sent.sources)
        expected.push_back(r.documents[span.doc].id + ":" + std::to_string(span.source_begin) +
                           "-" + std::to_string(span.source_end));
    EXPECT_EQ(chips, expected);
    // Membership is collapsible and lists every report of the story.
    const auto details = Elements(articles[s], GUMBO_TAG_DETAILS);
    ASSERT_EQ(details.size(), 1u);
    EXPECT_EQ(Elements(details[0], GUMBO_TAG_LI).size(), r.stories[s].documents.size());
  }
  const auto spans = Elements(articles[1], GUMBO_TAG_SPAN);
  ASSERT_FALSE(spans.empty());
  EXPECT_EQ(Text(spans[0]), r.stories[1].summary[0].text);  // "<script>" survives as text
}

TEST(HtmlTest, NearCopiesAreMarkedAndUrlsEscaped) {
  const std::string html = Html(testing::SampleResult());
  EXPECT_NE(html.find("near-copy of 1 (85%)"), std::string::npos);
  EXPECT_NE(html.find("href=\"https://example.org/a?x=1&amp;y=2\""), std::string::npos);
}

TEST(HtmlTest, MinSourcesHidesSingleReports) {
  Result r = testing::SampleResult();
  Parsed both(Html(r, 2));  // a.txt and b.txt are copies: one distinct report
  EXPECT_EQ(Elements(both.output->root, GUMBO_TAG_ARTICLE).size(), 0u);
  r.dedup.near_duplicate_groups.clear();
  r.stories[0].events[0].near_duplicate_groups.clear();
  Parsed shown(Html(r, 2));
  const auto articles = Elements(shown.output->root, GUMBO_TAG_ARTICLE);
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(Attr(articles[0]->v.element, "id"), "story-0");
}

}  // namespace
}  // namespace precis
