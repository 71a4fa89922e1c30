#include "engine/ingest/dates/url_date.h"

#include "engine/ingest/dates/calendar.h"

namespace precis::ingest::dates {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The number of `n` digits at url[i], or -1.
int Digits(std::string_view url, size_t i, size_t n) {
  if (i + n > url.size()) return -1;
  int v = 0;
  for (size_t k = 0; k < n; ++k) {
    if (!IsDigit(url[i + k])) return -1;
    v = v * 10 + (url[i + k] - '0');
  }
  return v;
}

// Digits of one or two at url[i], stopping at a non-digit: value and length.
int ShortNumber(std::string_view url, size_t i, size_t* len) {
  *len = 0;
  int v = 0;
  while (i + *len < url.size() && IsDigit(url[i + *len]) && *len < 3) {
    v = v * 10 + (url[i + *len] - '0');
    ++*len;
  }
  return *len >= 1 && *len <= 2 ? v : -1;
}

bool PlausibleYear(int y) { return y >= 1990 && y <= 2099; }

// Where the path starts: after "scheme://host", or 0 for a bare path.
size_t PathStart(std::string_view url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return 0;
  const size_t slash = url.find('/', scheme + 3);
  return slash == std::string_view::npos ? url.size() : slash;
}

// A path segment ends at '/', '?', '#', the end, or at a file extension
// ("15.html", "15.htm").
bool SegmentEnds(std::string_view url, size_t i) {
  return i >= url.size() || url[i] == '/' || url[i] == '?' || url[i] == '#' || url[i] == '.';
}

}  // namespace

UrlDate DateFromUrl(std::string_view url) {
  UrlDate out;
  const size_t start = PathStart(url);
  for (size_t i = start; i + 4 <= url.size(); ++i) {
    if (!IsDigit(url[i]) || (i > 0 && IsDigit(url[i - 1]))) continue;
    const int year = Digits(url, i, 4);
    if (year < 0) continue;
    // YYYYMMDD standing alone.
    if (Digits(url, i, 8) >= 0 && (i + 8 == url.size() || !IsDigit(url[i + 8]))) {
      const int y = Digits(url, i, 4), m = Digits(url, i + 4, 2), d = Digits(url, i + 6, 2);
      if (PlausibleYear(y)) {
        if (auto day = MakeDay(y, m, d)) {
          out.day = day;
          out.year = y;
          return out;
        }
      }
      continue;
    }
    if (!PlausibleYear(year) || (i + 4 < url.size() && IsDigit(url[i + 4]))) continue;
    const size_t after = i + 4;
    const char sep = after < url.size() ? url[after] : '\0';
    const bool segment = i > 0 && url[i - 1] == '/' && SegmentEnds(url, after);
    if (segment && out.year == 0) out.year = year;
    if (sep != '/' && sep != '-' && sep != '_') continue;
    size_t mlen = 0, dlen = 0;
    const int month = ShortNumber(url, after + 1, &mlen);
    if (month < 1 || month > 12) continue;
    const size_t msep = after + 1 + mlen;
    if (msep >= url.size() || url[msep] != sep) continue;
    const int day = ShortNumber(url, msep + 1, &dlen);
    const size_t end = msep + 1 + dlen;
    if (day < 0) continue;
    // "/2023/10/3-fragen" is a slug that starts with a number, not a day.
    const bool ends = sep == '/' ? SegmentEnds(url, end) : end >= url.size() || !IsDigit(url[end]);
    if (!ends) continue;
    if (auto d = MakeDay(year, month, day)) {
      out.day = d;
      out.year = year;
      return out;
    }
  }
  return out;
}

}  // namespace precis::ingest::dates
