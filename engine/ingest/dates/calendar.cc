#include "engine/ingest/dates/calendar.h"

#include <chrono>
#include <cstdio>

namespace precis::ingest::dates {

namespace chrono = std::chrono;

std::optional<int32_t> MakeDay(int year, int month, int day) {
  if (year < 0 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31) {
    return std::nullopt;
  }
  const chrono::year_month_day ymd{chrono::year(year), chrono::month(static_cast<unsigned>(month)),
                                   chrono::day(static_cast<unsigned>(day))};
  if (!ymd.ok()) return std::nullopt;
  return static_cast<int32_t>(chrono::sys_days(ymd).time_since_epoch().count());
}

std::string FormatDay(int32_t day) {
  const chrono::year_month_day ymd{chrono::sys_days(chrono::days(day))};
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return out;
}

int32_t DayOfUnixSeconds(int64_t seconds) {
  return static_cast<int32_t>(
      chrono::floor<chrono::days>(chrono::sys_seconds(chrono::seconds(seconds)))
          .time_since_epoch()
          .count());
}

int YearOf(int32_t day) {
  return static_cast<int>(chrono::year_month_day{chrono::sys_days(chrono::days(day))}.year());
}

DayRange NewsRange(int32_t today) { return {*MakeDay(1990, 1, 1), today + 1}; }

DayRange StatedRange(int32_t today) { return {*MakeDay(1900, 1, 1), today + 1}; }

}  // namespace precis::ingest::dates
