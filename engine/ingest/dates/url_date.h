// Dates written in a URL's path or query: /2022/02/15/, /2022-02-15-slug,
// /20220215/, or only /2022/ (a year, which can anchor a dateline that has
// none).
#ifndef PRECIS_ENGINE_INGEST_DATES_URL_DATE_H_
#define PRECIS_ENGINE_INGEST_DATES_URL_DATE_H_

#include <cstdint>
#include <optional>
#include <string_view>

namespace precis::ingest::dates {

struct UrlDate {
  std::optional<int32_t> day;  // a whole day (days since 1970-01-01)
  int year = 0;                // the year written, with or without a day; 0: none
};

// Reads the path and query of `url` (the host is skipped: "2022.example.com"
// is no date). A day needs year, month and day in one of these shapes:
// /YYYY/MM/DD/ (each a whole path segment, or the day followed by ".html"
// and the like), YYYY-MM-DD or YYYY_MM_DD between non-digits, or eight digits
// YYYYMMDD standing alone. A year is a whole segment /YYYY/ or the start of a
// /YYYY/MM/ path, 1990..2099. Impossible days (2022/02/30) give no day.
UrlDate DateFromUrl(std::string_view url);

}  // namespace precis::ingest::dates

#endif  // PRECIS_ENGINE_INGEST_DATES_URL_DATE_H_
