// HTML: visible text only, laid out in lines and paragraphs, every character
// mapped back to the raw page.
#include "engine/ingest/html.h"

#include <gtest/gtest.h>

#include "engine/ingest/offset_map.h"

namespace precis::ingest {
namespace {

const std::string kPage =
    "<!DOCTYPE html>\n<html><head><title>Storm  hits\n the coast</title>\n"
    "<style>p { color: red }</style><script>var junk = 'Accueil';</script></head>\n"
    "<body><header><a href=/>Home</a> | <a href=/world>World</a></header>\n"
    "<nav><ul><li>Politics</li><li>Sport</li></ul></nav>\n"
    "<article><h1>Storm hits the coast</h1>\n"
    "<p>A strong   storm hit the\n  northern coast on <b>Monday</b>, cutting power.</p>\n"
    "<p>Caf&eacute; owners &amp; fishermen said it was \"the worst in 20&nbsp;years\".<br>Repairs "
    "began "
    "at once.</p>\n"
    "<ul><li>Roads closed</li><li>Schools shut</li></ul>\n"
    "<div hidden>Hidden teaser</div><aside>Read also: other news</aside>\n"
    "<form><input value=search><button>Go</button></form><noscript>Enable JS</noscript>\n"
    "<table><tr><td>Wind</td><td>120 km/h</td></tr></table>\n"
    "</article><footer>Copyright</footer></body></html>\n";

TEST(Html, VisibleTextInLinesAndParagraphs) {
  const HtmlText page = *ExtractHtml(kPage);
  EXPECT_EQ(page.title, "Storm hits the coast");
  EXPECT_EQ(page.text,
            "Storm hits the coast\n\n"
            "A strong storm hit the northern coast on Monday, cutting power.\n\n"
            "Café owners & fishermen said it was \"the worst in 20\u00a0years\".\nRepairs began at "
            "once.\n\n"
            "Roads closed\nSchools shut\n\n"
            "Wind 120 km/h");
  for (const char* junk : {"Accueil", "Home", "Politics", "Hidden", "Read also", "Go", "Enable JS",
                           "Copyright", "color"}) {
    EXPECT_EQ(page.text.find(junk), std::string::npos) << junk;
  }
}

TEST(Html, EveryLiteralCharacterMapsToItsRawByte) {
  const HtmlText page = *ExtractHtml(kPage);
  // Words without entities map to the very bytes they were read from.
  for (const char* word : {"strong", "northern", "Monday", "owners", "fishermen", "worst",
                           "Repairs", "Schools", "120 km/h", "Storm hits the coast"}) {
    size_t pos = page.text.find(word);
    ASSERT_NE(pos, std::string::npos) << word;
    const size_t len = std::string(word).size();
    const uint64_t begin = MapOffset(page.source_map, pos);
    EXPECT_EQ(kPage.substr(begin, len), word) << word << " maps to " << begin;
    // The exclusive end of a range maps through its last byte.
    EXPECT_EQ(MapOffset(page.source_map, pos + len - 1) + 1, begin + len) << word;
  }
  // A character reference maps to its '&'; the text after it is exact again.
  const size_t cafe = page.text.find("Café");
  EXPECT_EQ(kPage.substr(MapOffset(page.source_map, cafe + 3), 8), "&eacute;");
  EXPECT_EQ(MapOffset(page.source_map, cafe + 4) + 1, MapOffset(page.source_map, cafe + 3) + 8);
  EXPECT_EQ(kPage.substr(MapOffset(page.source_map, cafe + 5), 7), " owners");
  const size_t amp = page.text.find("& fishermen");
  EXPECT_EQ(kPage.substr(MapOffset(page.source_map, amp), 5), "&amp;");
  // Offsets never decrease along the text.
  for (size_t i = 1; i < page.text.size(); ++i) {
    ASSERT_LE(MapOffset(page.source_map, i - 1), MapOffset(page.source_map, i)) << "at " << i;
  }
}

TEST(Html, TitleFallsBackToFirstHeading) {
  const HtmlText page =
      *ExtractHtml("<html><body><h1>  Main\nheadline </h1><p>Body text here.</p></body></html>");
  EXPECT_EQ(page.title, "Main headline");
  EXPECT_EQ(page.text, "Main headline\n\nBody text here.");
}

TEST(Html, CarriageReturnsAndDeepNesting) {
  EXPECT_EQ(ExtractHtml("<p>one\r\ntwo</p>")->text, "one two");
  // Deep but sane nesting is parsed; absurd nesting is refused before gumbo
  // spends minutes and gigabytes on it.
  auto nest = [](int levels) {
    std::string html;
    for (int i = 0; i < levels; ++i) html += "<div><span>";
    return html + "deep text";
  };
  auto ok = ExtractHtml(nest(300));
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->text, "deep text");
  auto refused = ExtractHtml(nest(100000));
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("nested"), std::string::npos);
  // Thousands of unclosed paragraphs or list items are not deep nesting.
  std::string flat;
  for (int i = 0; i < 5000; ++i) flat += "<p>para<li>item<br>";
  EXPECT_TRUE(ExtractHtml(flat).ok());
}

TEST(Html, PageWithoutVisibleText) {
  const HtmlText page =
      *ExtractHtml("<html><head><title>Only a title</title><script>x()</script></head></html>");
  EXPECT_EQ(page.title, "Only a title");
  EXPECT_TRUE(page.text.empty());
}

// gumbo turns a numeric reference past 32 bits into stray bytes (found by
// tests/fuzz/html_fuzz.cc); precis shows U+FFFD, as browsers do, mapped to
// the whole reference.
TEST(Html, OverflowingNumericReferenceBecomesReplacementCharacter) {
  const std::string html = "<h1>T &#xeeeeeeee; x</h1><p>a &#xfffffffe; b &#xeeeeeeee</p>";
  const HtmlText page = *ExtractHtml(html);
  EXPECT_EQ(page.title, "T \uFFFD x");
  EXPECT_EQ(page.text, "T \uFFFD x\n\na \uFFFD b \uFFFD");
  const size_t replaced = page.text.find("a \uFFFD") + 2;
  EXPECT_EQ(MapOffset(page.source_map, replaced), html.find("&#xfffffffe;"));
  EXPECT_EQ(MapOffset(page.source_map, replaced + 2), html.find("&#xfffffffe;") + 11);
}

}  // namespace
}  // namespace precis::ingest
