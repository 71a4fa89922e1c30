#include "engine/ingest/dates/dateline.h"

#include "engine/ingest/dates/calendar.h"
#include "engine/ingest/dates/date_text.h"

namespace precis::ingest::dates {
namespace {

constexpr size_t kDateLineMaxBytes = 80;
constexpr int kDateLineMaxWords = 6;
constexpr int kPlaceMaxWords = 4;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

// Words (runs of non-space bytes holding a letter) in `s`.
int CountWords(std::string_view s) {
  int words = 0;
  bool in_word = false, letter = false;
  for (size_t i = 0; i <= s.size(); ++i) {
    const bool space = i == s.size() || IsSpace(s[i]);
    if (space) {
      if (in_word && letter) ++words;
      in_word = letter = false;
    } else {
      in_word = true;
      const auto c = static_cast<unsigned char>(s[i]);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0x80) letter = true;
    }
  }
  return words;
}

// "MADRID", "Paris", "NEW YORK", "Rio de Janeiro": a place before a
// dateline's comma. The first byte is a capital (or a non-ASCII letter).
bool LooksLikePlace(std::string_view s) {
  s = Trim(s);
  if (s.empty()) return false;
  const auto first = static_cast<unsigned char>(s[0]);
  if (!((first >= 'A' && first <= 'Z') || first >= 0xC0)) return false;
  for (char c : s) {
    if ((c >= '0' && c <= '9') || c == '.' || c == ':' || c == ';' || c == '!' || c == '?') {
      return false;
    }
  }
  return CountWords(s) <= kPlaceMaxWords;
}

// After a dateline's date: "(AGENCY)", a dash, or the end of the line.
bool EndsDateline(std::string_view rest) {
  rest = Trim(rest);
  if (rest.empty()) return true;
  if (rest[0] == '(' || rest[0] == '-' || rest[0] == ':' || rest[0] == '/') return true;
  // En dash, em dash (U+2013, U+2014).
  return rest.size() >= 3 && static_cast<unsigned char>(rest[0]) == 0xE2 &&
         static_cast<unsigned char>(rest[1]) == 0x80 &&
         (static_cast<unsigned char>(rest[2]) == 0x93 ||
          static_cast<unsigned char>(rest[2]) == 0x94);
}

std::optional<int32_t> DayOf(const DateMention& m, int anchor_year) {
  if (m.year != 0) return ToDay(m);
  if (anchor_year == 0) return std::nullopt;
  return MakeDay(anchor_year, m.month, m.day);
}

std::optional<int32_t> FromLine(std::string_view line, const DatelineOptions& options) {
  ScanOptions scan;
  scan.month_first = options.month_first;
  scan.two_digit_years = true;
  scan.yearless = true;
  std::optional<DateMention> first;
  ScanDates(line, scan, [&](const DateMention& m) {
    first = m;
    return false;
  });
  if (!first) return std::nullopt;
  // A dateline: "PLACE, DATE (AGENCY) -".
  const size_t comma = line.rfind(',', first->begin);
  if (comma != std::string_view::npos &&
      Trim(line.substr(comma + 1, first->begin - comma - 1)).empty() &&
      LooksLikePlace(line.substr(0, comma)) && EndsDateline(line.substr(first->end))) {
    return DayOf(*first, options.anchor_year);
  }
  // A paragraph opened by its date: "27.1.2022 - Bei der Erinnerung...".
  if (first->begin == 0 && first->year != 0 && EndsDateline(line.substr(first->end)) &&
      !Trim(line.substr(first->end)).empty() && Trim(line.substr(first->end))[0] != '(') {
    return ToDay(*first);
  }
  // A date line: a short line that is mostly the date.
  if (first->year == 0 || line.size() > kDateLineMaxBytes) return std::nullopt;
  const int other_words =
      CountWords(line.substr(0, first->begin)) + CountWords(line.substr(first->end));
  if (other_words > kDateLineMaxWords) return std::nullopt;
  return ToDay(*first);
}

}  // namespace

std::optional<int32_t> DatelineDay(std::string_view text, const DatelineOptions& options) {
  text = text.substr(0, std::min(text.size(), kDatelineMaxBytes));
  int lines = 0;
  size_t pos = 0;
  while (pos < text.size() && lines < kDatelineMaxLines) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = Trim(text.substr(pos, end - pos));
    pos = end + 1;
    if (line.empty()) continue;
    ++lines;
    if (auto day = FromLine(line, options)) return day;
  }
  return std::nullopt;
}

}  // namespace precis::ingest::dates
