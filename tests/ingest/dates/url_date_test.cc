// Dates in URLs.
#include "engine/ingest/dates/url_date.h"

#include <gtest/gtest.h>

#include "engine/ingest/dates/calendar.h"

namespace precis::ingest::dates {
namespace {

std::string Day(std::string_view url) {
  const UrlDate d = DateFromUrl(url);
  return d.day ? FormatDay(*d.day) : "none";
}

TEST(DateFromUrl, Forms) {
  EXPECT_EQ(Day("https://example.org/2022/02/15/crane-falls/"), "2022-02-15");
  EXPECT_EQ(Day("https://example.org/world/2022/2/5/crane.html"), "2022-02-05");
  EXPECT_EQ(Day("https://example.org/news/2022/02/15.html"), "2022-02-15");
  EXPECT_EQ(Day("https://example.org/news/crane-falls-2022-02-15"), "2022-02-15");
  EXPECT_EQ(Day("https://example.org/news/2022_02_15_crane"), "2022-02-15");
  EXPECT_EQ(Day("https://example.org/news/20220215/crane"), "2022-02-15");
  EXPECT_EQ(Day("https://example.org/news/crane-20220215.html"), "2022-02-15");
  EXPECT_EQ(Day("/2022/02/15/crane"), "2022-02-15");
}

TEST(DateFromUrl, NotDays) {
  EXPECT_EQ(Day("https://2022.example.org/02/15/"), "none");           // the host is skipped
  EXPECT_EQ(Day("https://example.org/2023/10/3-questions/"), "none");  // a slug, not a day
  EXPECT_EQ(Day("https://example.org/2022/02/30/"), "none");           // no such day
  EXPECT_EQ(Day("https://example.org/article/123456789012"), "none");
  EXPECT_EQ(Day("https://example.org/products/20221399"), "none");
  EXPECT_EQ(Day(""), "none");
}

TEST(DateFromUrl, YearAlone) {
  EXPECT_EQ(DateFromUrl("https://example.org/2018/midp-emulator/").year, 2018);
  EXPECT_EQ(DateFromUrl("https://example.org/2018/08/roadtrip.html").year, 2018);
  EXPECT_FALSE(DateFromUrl("https://example.org/2018/08/roadtrip.html").day);
  EXPECT_EQ(DateFromUrl("https://example.org/top-2018-list").year, 0);
  EXPECT_EQ(DateFromUrl("https://example.org/2022/02/15/x").year, 2022);
}

}  // namespace
}  // namespace precis::ingest::dates
