// Date expressions in text and machine-written date values.
#include "engine/ingest/dates/date_text.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "engine/ingest/dates/calendar.h"

namespace precis::ingest::dates {
namespace {

// "YYYY-MM-DD" of every dated mention ("--MM-DD" without a year).
std::vector<std::string> Found(std::string_view text, ScanOptions options = {}) {
  std::vector<std::string> out;
  ScanDates(text, options, [&](const DateMention& m) {
    char buf[32];
    if (m.year == 0) {
      std::snprintf(buf, sizeof buf, "--%02d-%02d", m.month, m.day);
    } else {
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", m.year, m.month, m.day);
    }
    out.push_back(buf);
    return true;
  });
  return out;
}

using V = std::vector<std::string>;

TEST(ScanDates, NumericForms) {
  EXPECT_EQ(Found("am 2022-02-15 um"), V{"2022-02-15"});
  EXPECT_EQ(Found("2022/2/5"), V{"2022-02-05"});
  EXPECT_EQ(Found("Stand: 15.02.2022, 10:32"), V{"2022-02-15"});
  EXPECT_EQ(Found("15/02/2022"), V{"2022-02-15"});
  EXPECT_EQ(Found("15-02-2022"), V{"2022-02-15"});
  EXPECT_EQ(Found("2022年2月15日"), V{"2022-02-15"});
}

TEST(ScanDates, DayOrMonthFirst) {
  EXPECT_EQ(Found("03/04/2022"), V{"2022-04-03"});
  ScanOptions us;
  us.month_first = true;
  EXPECT_EQ(Found("03/04/2022", us), V{"2022-03-04"});
  EXPECT_EQ(Found("02/15/2022"), V{"2022-02-15"});      // 15 cannot be a month
  EXPECT_EQ(Found("03.04.2022", us), V{"2022-04-03"});  // dots: always day first
}

TEST(ScanDates, MonthNamesInFourLanguages) {
  EXPECT_EQ(Found("mardi 15 février 2022 à 10h32"), V{"2022-02-15"});
  EXPECT_EQ(Found("1er mars 2022"), V{"2022-03-01"});
  EXPECT_EQ(Found("Tuesday, February 15th, 2022"), V{"2022-02-15"});
  EXPECT_EQ(Found("Feb. 15, 2022"), V{"2022-02-15"});
  EXPECT_EQ(Found("the 15th of February 2022"), V{"2022-02-15"});
  EXPECT_EQ(Found("15 de febrero de 2022"), V{"2022-02-15"});
  EXPECT_EQ(Found("15. Februar 2022"), V{"2022-02-15"});
  EXPECT_EQ(Found("15 FÉVRIER 2022"), V{"2022-02-15"});
}

TEST(ScanDates, TwoDigitYearsAndCompactOnlyWhenAsked) {
  EXPECT_EQ(Found("28.01.22"), V{});
  ScanOptions loose;
  loose.two_digit_years = true;
  EXPECT_EQ(Found("28.01.22", loose), V{"2022-01-28"});
  EXPECT_EQ(Found("28.01.98", loose), V{"1998-01-28"});
  EXPECT_EQ(Found("id 20220215"), V{});
  ScanOptions compact;
  compact.compact = true;
  EXPECT_EQ(Found("id 20220215", compact), V{"2022-02-15"});
}

TEST(ScanDates, YearlessOnlyWhenAskedAndOnlyWithMonthNames) {
  EXPECT_EQ(Found("Paris, 3 févr. (AFP)"), V{});
  ScanOptions yearless;
  yearless.yearless = true;
  EXPECT_EQ(Found("Paris, 3 févr. (AFP)", yearless), V{"--02-03"});
  EXPECT_EQ(Found("WASHINGTON, Feb. 15 (Reuters)", yearless), V{"--02-15"});
  EXPECT_EQ(Found("15/02", yearless), V{});
  // Lower-case "may" followed by a number is the verb, not the month.
  EXPECT_EQ(Found("we may 5 times", yearless), V{});
}

TEST(ScanDates, NumbersThatAreNotDates) {
  EXPECT_EQ(Found("version 1.2.2020.5"), V{});
  EXPECT_EQ(Found("192.168.12.2020"), V{});
  EXPECT_EQ(Found("2022.10.11.3"), V{});
  EXPECT_EQ(Found("page 15 of 2022 pages"), V{});
  EXPECT_EQ(Found("Feb 10:30"), V{});
}

TEST(ScanDates, MentionsCarryTheirByteRangeAndClock) {
  std::vector<DateMention> mentions;
  const std::string text = "Publié le 15 février 2022 à 10:32, mis à jour le 16.02.2022";
  ScanDates(text, {}, [&](const DateMention& m) {
    mentions.push_back(m);
    return true;
  });
  ASSERT_EQ(mentions.size(), 2u);
  EXPECT_EQ(text.substr(mentions[0].begin, mentions[0].end - mentions[0].begin), "15 février 2022");
  EXPECT_TRUE(mentions[0].with_time);
  EXPECT_EQ(text.substr(mentions[1].begin, mentions[1].end - mentions[1].begin), "16.02.2022");
  EXPECT_FALSE(mentions[1].with_time);
}

TEST(ToDay, ImpossibleDaysAreNone) {
  EXPECT_FALSE(ToDay({2023, 2, 29}));
  EXPECT_TRUE(ToDay({2024, 2, 29}));
  EXPECT_FALSE(ToDay({2022, 4, 31}));
  EXPECT_FALSE(ToDay({0, 4, 3}));  // no year
}

std::string Day(std::string_view value) {
  auto v = ParseDateValue(value);
  return v ? FormatDay(v->day) : "none";
}

TEST(ParseDateValue, MachineForms) {
  EXPECT_EQ(Day("2022-02-15"), "2022-02-15");
  EXPECT_EQ(Day(" 2022-02-15T23:30:00-05:00 "), "2022-02-15");  // the day as written
  EXPECT_EQ(Day("Tue, 15 Feb 2022 10:00:00 GMT"), "2022-02-15");
  EXPECT_EQ(Day("20220215"), "2022-02-15");
  EXPECT_EQ(Day("1644919200"), "2022-02-15");           // seconds since 1970
  EXPECT_EQ(Day("1644919200000"), "2022-02-15");        // milliseconds
  EXPECT_EQ(Day("11/01/2023 12:43:42"), "2023-11-01");  // slashes: month first
  EXPECT_EQ(Day("Di., 25.01.2022 - 14:45"), "2022-01-25");
}

TEST(ParseDateValue, MalformedValuesAreNone) {
  for (const char* bad : {"", "   ", "yesterday", "2022-13-45", "2022-02-30T10:00", "{{date}}",
                          "0000-00-00", "2022", "T10:00:00Z"}) {
    EXPECT_EQ(Day(bad), "none") << bad;
  }
}

TEST(ParseDateValue, MomentsAndUtc) {
  auto local = ParseDateValue("2023-11-08T21:11:03-05:00");
  auto utc = ParseDateValue("2023-11-09T02:11:03Z");
  ASSERT_TRUE(local && utc && local->moment && utc->moment);
  EXPECT_EQ(*local->moment, *utc->moment);
  EXPECT_FALSE(local->utc);
  EXPECT_TRUE(utc->utc);
  EXPECT_TRUE(ParseDateValue("2023-11-09T02:11:03+00:00")->utc);
  EXPECT_EQ(*ParseDateValue("Sat, 19 Oct 2019 00:04:00 +0200")->moment,
            *ParseDateValue("2019-10-18T22:04:00Z")->moment);
  EXPECT_FALSE(ParseDateValue("2022-02-15T10:00:00")->moment);  // no offset: no moment
}

// Random bytes and random runs of date-like pieces (digits, separators, month
// names, multi-byte characters, cut UTF-8): every mention lies inside the
// text, in order, and parsing never fails in another way than "none".
TEST(ScanDates, RandomInputStaysInBounds) {
  std::mt19937 rng(20220215);  // fixed seed: a failure reproduces
  const std::vector<std::string> pieces = {"15",  "2022",     "02",   ".",
                                           "/",   "-",        " ",    "février",
                                           "Feb", "de",       "of",   "1er",
                                           "T",   ":",        "10",   "Z",
                                           "+",   "\xC3",     "年",   "月",
                                           "日",  ",",        "(",    "\xE2\x80\x93",
                                           "May", "99",       "0000", "123456789012",
                                           "\n",  "\xC2\xA0", "th",   "31",
                                           "12"};
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const int n = static_cast<int>(rng() % 40);
    for (int i = 0; i < n; ++i) {
      if (round % 3 == 0) {
        text += static_cast<char>(rng() % 256);
      } else {
        text += pieces[rng() % pieces.size()];
      }
    }
    ScanOptions options;
    options.month_first = round % 2 == 0;
    options.two_digit_years = round % 3 == 0;
    options.compact = round % 5 == 0;
    options.yearless = round % 7 != 0;
    size_t previous_end = 0;
    ScanDates(text, options, [&](const DateMention& m) {
      EXPECT_LE(previous_end, m.begin) << text;
      EXPECT_LT(m.begin, m.end) << text;
      EXPECT_LE(m.end, text.size()) << text;
      previous_end = m.end;
      return true;
    });
    if (auto v = ParseDateValue(text)) {
      EXPECT_EQ(FormatDay(v->day).size(), 10u) << text;
    }
  }
}

}  // namespace
}  // namespace precis::ingest::dates
