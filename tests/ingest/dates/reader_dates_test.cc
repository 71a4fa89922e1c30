// The readers give undated documents the day their page, URL or dateline
// names, and read JSON Lines records that carry a raw page in "html".
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "precis/document.h"
#include "precis/env.h"
#include "tests/testing/run_command.h"

namespace precis {
namespace {

using testing::TempDir;

// A clock stopped at `now` (seconds since 1970).
class FixedClock : public Env {
 public:
  explicit FixedClock(int64_t now) : now_(now) {}
  int64_t NowSeconds() const override { return now_; }

 private:
  int64_t now_;
};

// 2024-06-01T12:00:00Z: the reading day of these tests.
const FixedClock kClock(1717243200);

IngestOptions Options() {
  IngestOptions options;
  options.env = &kClock;
  options.threads = 1;
  return options;
}

struct Log {
  std::vector<Document> docs;
  std::vector<SkippedSource> skipped;
};

Log ReadLines(const std::string& lines, const IngestOptions& options = Options()) {
  Log log;
  std::istringstream in(lines);
  EXPECT_TRUE(ReadJsonLines(
                  in, "feed", options, [&](Document d) { log.docs.push_back(std::move(d)); },
                  [&](SkippedSource s) { log.skipped.push_back(std::move(s)); })
                  .ok());
  return log;
}

Log ReadPaths(const std::vector<std::string>& paths, const IngestOptions& options = Options()) {
  Log log;
  EXPECT_TRUE(ReadSources(
                  paths, options, [&](Document d) { log.docs.push_back(std::move(d)); },
                  [&](SkippedSource s) { log.skipped.push_back(std::move(s)); })
                  .ok());
  return log;
}

const char kPage[] =
    "<html><head><title>Harbour crane falls</title>"
    "<meta property=\"article:published_time\" content=\"2022-02-15T09:30:00+01:00\"></head>"
    "<body><h1>Harbour crane falls</h1><p>The crane fell into the water.</p></body></html>";

TEST(ReadSources, FilesGetTheirPagesAndDatelinesDates) {
  TempDir dir;
  dir.Write("a.html", kPage);
  dir.Write("b.txt", "Crecida\n\nMADRID, 15 de febrero de 2022 (EFE) - El río creció.\n");
  dir.Write("c.txt", "Hochwasser\n\nDie Spree stieg am Dienstag.\n");
  const Log log = ReadPaths({dir.path()});
  ASSERT_EQ(log.docs.size(), 3u);
  EXPECT_EQ(log.docs[0].date, "2022-02-15");
  EXPECT_EQ(log.docs[0].date_source, "html-meta");
  EXPECT_EQ(log.docs[1].date, "2022-02-15");
  EXPECT_EQ(log.docs[1].date_source, "dateline");
  EXPECT_EQ(log.docs[2].date, "");
  EXPECT_EQ(log.docs[2].date_source, "");

  IngestOptions off = Options();
  off.find_dates = false;
  for (const Document& d : ReadPaths({dir.path()}, off).docs) EXPECT_EQ(d.date, "") << d.id;
}

TEST(ReadSources, TheReadingDayBoundsTheFuture) {
  TempDir dir;
  dir.Write("a.txt", "Flood\n\nLONDON, Feb. 15, 2022 (Reuters) - The Thames rose.\n");
  IngestOptions before = Options();
  const FixedClock new_year_2021(1609459200);  // 2022 is in its future
  before.env = &new_year_2021;
  EXPECT_EQ(ReadPaths({dir.path()}, before).docs.at(0).date, "");
  EXPECT_EQ(ReadPaths({dir.path()}).docs.at(0).date, "2022-02-15");
}

TEST(ReadJsonLines, AGivenDateWins) {
  const Log log = ReadLines(
      "{\"id\": \"a\", \"url\": \"https://news.example/2022/02/15/crane\", \"date\": "
      "\"2022-02-16T08:00:00Z\", \"text\": \"PARIS, 14 février 2022 (AFP) - La grue.\"}\n"
      "{\"id\": \"b\", \"url\": \"https://news.example/2022/02/15/crane\", \"text\": \"La "
      "grue.\"}\n"
      "{\"id\": \"c\", \"text\": \"PARIS, 14 février 2022 (AFP) - La grue.\"}\n"
      "{\"id\": \"d\", \"url\": \"https://news.example/2022/crane\", \"text\": \"PARIS, 14 "
      "février (AFP) - La grue.\"}\n"
      "{\"id\": \"e\", \"text\": \"PARIS, 14 février (AFP) - La grue.\"}\n");
  ASSERT_EQ(log.docs.size(), 5u);
  EXPECT_EQ(log.docs[0].date, "2022-02-16T08:00:00Z");
  EXPECT_EQ(log.docs[0].date_source, "input");
  EXPECT_EQ(log.docs[1].date + " " + log.docs[1].date_source, "2022-02-15 url");
  EXPECT_EQ(log.docs[2].date + " " + log.docs[2].date_source, "2022-02-14 dateline");
  // A dateline without a year takes the URL's year, and none without it.
  EXPECT_EQ(log.docs[3].date + " " + log.docs[3].date_source, "2022-02-14 dateline");
  EXPECT_EQ(log.docs[4].date, "");
}

std::string Quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

TEST(ReadJsonLines, HtmlRecordsAreReadLikePages) {
  const std::string html = kPage;
  const Log log = ReadLines(
      "{\"id\": \"p\", \"url\": \"https://news.example/2022/02/14/crane\", "
      "\"html\": " +
      Quoted(html) + "}\n");
  ASSERT_EQ(log.docs.size(), 1u) << (log.skipped.empty() ? "" : log.skipped[0].status.message());
  const Document& d = log.docs[0];
  EXPECT_EQ(d.title, "Harbour crane falls");
  EXPECT_EQ(d.text, "Harbour crane falls\n\nThe crane fell into the water.");
  // The URL is read first, as for any page.
  EXPECT_EQ(d.date + " " + d.date_source, "2022-02-14 url");
  // Byte ranges point into the "html" string.
  const size_t at = d.text.find("crane fell");
  const uint64_t begin = d.SourceOffset(at), end = d.SourceOffset(at + 9) + 1;
  EXPECT_EQ(html.substr(begin, end - begin), "crane fell");

  // A given title stays; the page's date when the URL has none.
  const Log titled =
      ReadLines("{\"id\": \"q\", \"title\": \"Given\", \"html\": " + Quoted(html) + "}\n");
  ASSERT_EQ(titled.docs.size(), 1u);
  EXPECT_EQ(titled.docs[0].title, "Given");
  EXPECT_EQ(titled.docs[0].date + " " + titled.docs[0].date_source, "2022-02-15 html-meta");
}

TEST(ReadJsonLines, BadHtmlRecordsAreReportedAndTheFeedGoesOn) {
  const Log log = ReadLines(
      "{\"id\": \"both\", \"text\": \"Body.\", \"html\": \"<p>Body.</p>\"}\n"
      "{\"id\": \"empty\", \"html\": \"<html><head><title>x</title></head></html>\"}\n"
      "{\"id\": \"number\", \"html\": 5}\n"
      "{\"id\": \"ok\", \"html\": \"<p>Still read.</p>\"}\n");
  ASSERT_EQ(log.docs.size(), 1u);
  EXPECT_EQ(log.docs[0].id, "ok");
  ASSERT_EQ(log.skipped.size(), 3u);
  EXPECT_EQ(log.skipped[0].where, "feed:1");
  EXPECT_NE(log.skipped[0].status.message().find("both \"text\" and \"html\""), std::string::npos);
  EXPECT_NE(log.skipped[1].status.message().find("no visible text"), std::string::npos);
  EXPECT_NE(log.skipped[2].status.message().find("\"html\" must be a string"), std::string::npos);
}

}  // namespace
}  // namespace precis
