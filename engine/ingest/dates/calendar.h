// Days of the proleptic Gregorian calendar as integers, for comparing and
// bounding the dates found in reports.
#ifndef PRECIS_ENGINE_INGEST_DATES_CALENDAR_H_
#define PRECIS_ENGINE_INGEST_DATES_CALENDAR_H_

#include <cstdint>
#include <optional>
#include <string>

namespace precis::ingest::dates {

// Days since 1970-01-01 (negative before), or nullopt when (year, month,
// day) is not a day of the calendar (month 13, 31 April, 29 February 2023).
std::optional<int32_t> MakeDay(int year, int month, int day);

// "YYYY-MM-DD" of a day made by MakeDay (years 0..9999).
std::string FormatDay(int32_t day);

// The day (UTC) of a moment in seconds since 1970-01-01T00:00:00Z.
int32_t DayOfUnixSeconds(int64_t seconds);

// The year of a day made by MakeDay.
int YearOf(int32_t day);

// Which days a report can plausibly carry as its publication day, both ends
// included: dates outside are impossible (a page from the future, a "date"
// that is a product number) and are never taken.
struct DayRange {
  int32_t earliest = 0;
  int32_t latest = 0;
  bool Contains(int32_t day) const { return day >= earliest && day <= latest; }
};

// [1990-01-01, today + 1]: the range for news read on `today` (one day
// ahead allowed for time zones east of the reader).
DayRange NewsRange(int32_t today);

// [1900-01-01, today + 1]: the range for a date that metadata names as the
// publication date (an archive's page may say so); NewsRange for all else.
DayRange StatedRange(int32_t today);

}  // namespace precis::ingest::dates

#endif  // PRECIS_ENGINE_INGEST_DATES_CALENDAR_H_
