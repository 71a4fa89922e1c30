// Date expressions in text: numeric (2022-02-15, 15.02.2022, 02/15/2022,
// 20220215), with month names in the languages of month_names.h ("15 février
// 2022", "February 15th, 2022", "15. Februar 2022", "15 de febrero de 2022",
// "3 févr."), and CJK (2022年2月15日).
#ifndef PRECIS_ENGINE_INGEST_DATES_DATE_TEXT_H_
#define PRECIS_ENGINE_INGEST_DATES_DATE_TEXT_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

namespace precis::ingest::dates {

// One date expression as written: the fields are not checked against the
// calendar (see ToDay).
struct DateMention {
  enum class Form {
    kYearFirst,  // 2022-02-15, 2022/02/15, 2022.2.15, 2022年2月15日
    kNumeric,    // 15.02.2022, 15/02/22, 02/15/2022
    kWords,      // a month name: 15 février 2022, Feb. 15
    kCompact,    // 20220215
  };
  int year = 0;  // 0: none written ("15 février")
  int month = 0;
  int day = 0;
  Form form = Form::kYearFirst;
  // Byte range of the expression in the text scanned.
  size_t begin = 0;
  size_t end = 0;
  // A clock time follows ("15.02.2022 10:32", "2022-02-15T10:32"): the
  // expression stamps a moment rather than naming a day in passing.
  bool with_time = false;
};

struct ScanOptions {
  // How "03/04/2022" reads when both numbers could be the month: day first
  // (most of the world) or month first (US English). A number above 12
  // decides by itself. Dots and dashes ("03.04.2022") always read day first.
  bool month_first = false;
  // Accept two-digit years in numeric dates ("15.02.22"): 90-99 are 1990s,
  // 00-89 are 2000s.
  bool two_digit_years = false;
  // Accept eight digits as YYYYMMDD (attribute values, URLs; not prose,
  // where such numbers are mostly something else).
  bool compact = false;
  // Report day-and-month expressions without a year ("15 février", "Feb.
  // 15"); only month-name forms, never "15/02".
  bool yearless = false;
};

// Calls `found` with each date expression of `text`, left to right, until it
// returns false. O(text size); only the stretches of text around digits are
// cut into tokens, so a long text with few numbers costs little more than a
// pass over its bytes. Thread-safe.
void ScanDates(std::string_view text, const ScanOptions& options,
               const std::function<bool(const DateMention&)>& found);

// The first mention with a year in `text`, or nullopt.
std::optional<DateMention> FirstDate(std::string_view text, const ScanOptions& options);

// Days since 1970-01-01 of a mention with a year, or nullopt when the fields
// are not a day of the calendar (31 April) or there is no year.
std::optional<int32_t> ToDay(const DateMention& mention);

// A date value as a machine wrote it (see ParseDateValue).
struct DateValue {
  // The calendar day as written, in the writer's time zone.
  int32_t day = 0;
  // When a clock time with a UTC offset follows the day: the moment, in
  // seconds since 1970-01-01T00:00:00Z, and whether the offset is zero ("Z",
  // "+00:00", "GMT"), i.e. whether `day` is the day in UTC rather than
  // necessarily the publisher's.
  std::optional<int64_t> moment;
  bool utc = false;
};

// A machine-written date value as found in a <meta content>, a datetime
// attribute or JSON-LD: ISO 8601 ("2022-02-15", "2022-02-15T10:00:00+01:00"),
// RFC 822 ("Tue, 15 Feb 2022 10:00:00 GMT"), compact ("20220215"), seconds
// or milliseconds since 1970 (10 or 13 digits, read as UTC), or any form
// ScanDates reads. With slashes, the month comes first ("11/01/2023" is 1
// November), as in JavaScript and the US forms machines write; dots and
// dashes read day first. Leading and trailing text is tolerated; the first
// date wins. nullopt when none.
std::optional<DateValue> ParseDateValue(std::string_view value);

}  // namespace precis::ingest::dates

#endif  // PRECIS_ENGINE_INGEST_DATES_DATE_TEXT_H_
