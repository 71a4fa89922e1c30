// The publication day of a page or a text, and where it was found: one test
// per source, so that a source that stops being read fails its own test.
#include "engine/ingest/dates/publication_date.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "engine/ingest/dates/calendar.h"
#include "engine/ingest/html.h"

namespace precis::ingest::dates {
namespace {

const int32_t kToday = *MakeDay(2024, 6, 1);

// "YYYY-MM-DD source" of a page, or "none".
std::string PageDay(const std::string& html, std::string_view url = {}) {
  const DateContext context{.url = url, .today = kToday};
  auto page = ExtractHtml(html, &context);
  if (!page.ok()) return "error: " + page.status().message();
  if (!page->date) return "none";
  return FormatDay(page->date->day) + " " + DateSourceName(page->date->source);
}

std::string Page(const std::string& head, const std::string& body) {
  return "<!doctype html><html><head><title>Harbour crane falls</title>" + head +
         "</head><body><h1>Harbour crane falls</h1>" + body +
         "<p>The crane fell into the water during the night, the port authority said.</p>"
         "</body></html>";
}

TEST(PageDate, MetaTagsOfEachVocabulary) {
  for (const char* meta :
       {R"(<meta property="article:published_time" content="2022-02-15T09:30:00+01:00">)",
        R"(<meta property="og:article:published_time" content="2022-02-15">)",
        R"(<meta itemprop="datePublished" content="2022-02-15">)",
        R"(<meta name="DC.date.issued" content="2022-02-15">)",
        R"(<meta name="dcterms.issued" content="2022-02-15">)",
        R"(<meta name="parsely-pub-date" content="2022-02-15T08:00:00Z">)",
        R"(<meta name="sailthru.date" content="Tue, 15 Feb 2022 08:00:00 +0000">)",
        R"(<meta name="citation_publication_date" content="2022/02/15">)",
        R"(<meta name="pubdate" content="20220215">)",
        R"(<meta name="date" content="2022-02-15">)"}) {
    EXPECT_EQ(PageDay(Page(meta, "")), "2022-02-15 html-meta") << meta;
  }
}

TEST(PageDate, PublishedWinsOverModified) {
  EXPECT_EQ(PageDay(Page(R"(<meta property="article:modified_time" content="2022-03-01">
                            <meta property="og:updated_time" content="2022-03-02">
                            <meta property="article:published_time" content="2022-02-15">)",
                         "")),
            "2022-02-15 html-meta");
  // A modification date alone is still a date (the page's only one).
  EXPECT_EQ(PageDay(Page(R"(<meta property="article:modified_time" content="2022-03-01">)", "")),
            "2022-03-01 html-meta");
}

TEST(PageDate, JsonLdInGraphAndArticleFirst) {
  EXPECT_EQ(PageDay(Page(R"(<script type="application/ld+json">
      {"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": "Port News"},
        {"@type": "WebPage", "datePublished": "2019-01-01"},
        {"@type": "NewsArticle", "headline": "Harbour crane falls",
         "dateModified": "2022-02-17T10:00:00+01:00",
         "datePublished": "2022-02-15T08:00:00+01:00"}]}
      </script>)",
                         "")),
            "2022-02-15 json-ld");
  // A trailing comma makes it malformed JSON: the pair is still found.
  EXPECT_EQ(PageDay(Page(R"(<script type="application/ld+json">
      {"@type": "BlogPosting", "datePublished": "2022-02-15", "author": "X",}</script>)",
                         "")),
            "2022-02-15 json-ld");
}

TEST(PageDate, TimeElement) {
  EXPECT_EQ(
      PageDay(Page("", R"(<p>By A. Writer, <time datetime="2022-02-15T07:00">Tuesday</time></p>)")),
      "2022-02-15 time-element");
  // Its text when it has no datetime attribute.
  EXPECT_EQ(PageDay(Page("", "<time>15 février 2022</time>")), "2022-02-15 time-element");
}

TEST(PageDate, BylineElements) {
  EXPECT_EQ(PageDay(Page("", R"(<div class="post-meta">Posted by Ann on 15.02.2022</div>)")),
            "2022-02-15 byline");
  // Two-digit years are common there.
  EXPECT_EQ(PageDay(Page("", R"(<span class="post-created"> 15.02.22</span>)")),
            "2022-02-15 byline");
  // The publication cue beats the update that comes first.
  EXPECT_EQ(PageDay(Page("", R"(<p class="info">Letzte Änderung: 20.02.2022 - 14:49<br>
                                Erschienen am: 15.02.2022</p>)")),
            "2022-02-15 byline");
}

TEST(PageDate, ReadersCommentsAreSkipped) {
  EXPECT_EQ(
      PageDay(Page("", R"(<div class="entry-meta"><time datetime="2022-02-15">15 Feb</time></div>
      <ol class="comment-list"><li><time datetime="2022-02-01">1 Feb</time></li></ol>)")),
      "2022-02-15 time-element");
  EXPECT_EQ(PageDay(Page("", R"(<ol id="comments"><li><time datetime="2022-02-01">x</time></li></ol>
      <div class="byline">15 février 2022</div>)")),
            "2022-02-15 byline");
}

TEST(PageDate, UrlFirstThenCanonicalUrl) {
  const std::string page =
      Page(R"(<meta property="article:published_time" content="2022-02-16">)", "");
  EXPECT_EQ(PageDay(page, "https://news.example/2022/02/15/crane/"), "2022-02-15 url");
  EXPECT_EQ(PageDay(page), "2022-02-16 html-meta");
  EXPECT_EQ(
      PageDay(Page(R"(<link rel="canonical" href="https://news.example/2022/02/15/crane/">)", "")),
      "2022-02-15 url");
}

TEST(PageDate, DatelineInTheVisibleText) {
  EXPECT_EQ(PageDay(Page("", "<p>MADRID, 15 de febrero de 2022 (EFE) - La grúa cayó al agua.</p>")),
            "2022-02-15 dateline");
  // Without a year, the URL's year anchors it.
  EXPECT_EQ(PageDay(Page("", "<p>PARIS, 15 février (AFP) - La grue est tombée.</p>"),
                    "https://news.example/2022/crane"),
            "2022-02-15 dateline");
  EXPECT_EQ(PageDay(Page("", "<p>PARIS, 15 février (AFP) - La grue est tombée.</p>")), "none");
}

TEST(PageDate, UtcMomentTakesThePublishersDay) {
  // 02:11 UTC on the 9th is 21:11 on the 8th in New York, as the page's
  // <time> says: the 8th is the day its readers saw.
  EXPECT_EQ(
      PageDay(Page(R"(<meta property="article:published_time" content="2023-11-09T02:11:03Z">)",
                   R"(<time datetime="2023-11-08T21:11:03-05:00">November 8, 2023</time>)")),
      "2023-11-08 html-meta");
}

TEST(PageDate, ImpossibleAndMalformedDatesAreSkipped) {
  // 2099 is in the future of the reading day; 1985 is too early for a
  // heuristic source; a malformed datetime is no date: the next source wins.
  EXPECT_EQ(PageDay(Page(R"(<meta property="article:published_time" content="2099-01-01">)",
                         R"(<time datetime="2022-99-99T25:61">soon</time>
                            <div class="date">1985-05-05</div>
                            <div class="date">15.02.2022</div>)")),
            "2022-02-15 byline");
  // Metadata naming the publication may date an archive's page before 1990,
  // but a timestamp of 0 is no date.
  EXPECT_EQ(PageDay(Page(R"(<meta property="article:published_time" content="1985-05-05">)", "")),
            "1985-05-05 html-meta");
  EXPECT_EQ(
      PageDay(Page(R"(<meta property="article:published_time" content="1970-01-01T00:00Z">)", "")),
      "none");
  // One day ahead is allowed (time zones east of the reader).
  EXPECT_EQ(PageDay(Page(R"(<meta name="date" content="2024-06-02">)", "")),
            "2024-06-02 html-meta");
  EXPECT_EQ(PageDay(Page(R"(<meta name="date" content="2024-06-03">)", "")), "none");
}

TEST(PageDate, TenConflictingDatesGiveOneDecision) {
  std::string head, body;
  for (int d = 1; d <= 10; ++d) {
    head += "<meta name=\"date\" content=\"2022-02-" + std::string(d < 10 ? "0" : "") +
            std::to_string(d) + "\">";
    body += "<time datetime=\"2022-03-" + std::string(d < 10 ? "0" : "") + std::to_string(d) +
            "\">x</time>";
  }
  // The undescribed meta dates yield to the first <time>, as documented.
  EXPECT_EQ(PageDay(Page(head, body)), "2022-03-01 time-element");
  EXPECT_EQ(PageDay(Page(head, "")), "2022-02-01 html-meta");
}

TEST(PageDate, NothingDatedGivesNone) {
  EXPECT_EQ(PageDay(Page("", "<p>Version 1.2.3 costs 20 euros.</p>")), "none");
  EXPECT_EQ(PageDay(""), "none");
}

TEST(TextDate, UrlThenDateline) {
  const DateContext context{.url = "https://news.example/2022/02/14/crane", .today = kToday};
  auto f = TextDate("PARIS, 15 février 2022 (AFP) - La grue...", context);
  ASSERT_TRUE(f);
  EXPECT_EQ(FormatDay(f->day), "2022-02-14");
  EXPECT_EQ(f->source, DateSource::kUrl);
  f = TextDate("PARIS, 15 février 2022 (AFP) - La grue...", {.url = {}, .today = kToday});
  ASSERT_TRUE(f);
  EXPECT_EQ(FormatDay(f->day), "2022-02-15");
  EXPECT_EQ(f->source, DateSource::kDateline);
  EXPECT_FALSE(TextDate("PARIS, 15 février 2099 (AFP) - La grue...", {.url = {}, .today = kToday}));
}

}  // namespace
}  // namespace precis::ingest::dates
