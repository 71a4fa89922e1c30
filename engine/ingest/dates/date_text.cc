#include "engine/ingest/dates/date_text.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "engine/ingest/dates/calendar.h"
#include "engine/ingest/dates/month_names.h"

namespace precis::ingest::dates {
namespace {

struct Token {
  enum Kind : uint8_t { kEnd, kNumber, kWord, kPunct, kCjkYear, kCjkMonth, kCjkDay };
  Kind kind = kEnd;
  bool space_before = false;
  char punct = 0;      // kPunct: the ASCII character, '~' for any other mark
  uint8_t digits = 0;  // kNumber: how many (values of more than 9 are not kept)
  uint32_t value = 0;  // kNumber
  int8_t month = -1;   // kWord: MonthFromName, -1 until asked
  size_t begin = 0;
  size_t end = 0;
};

// Decodes the UTF-8 character at text[i]; returns its code point and sets
// *len (1 for a stray byte, read as U+FFFD).
char32_t DecodeAt(std::string_view text, size_t i, size_t* len) {
  const auto b = static_cast<unsigned char>(text[i]);
  size_t n = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 0;
  if (n == 0 || i + n > text.size()) {
    *len = 1;
    return 0xFFFD;
  }
  char32_t c = n == 1 ? b : n == 2 ? b & 0x1F : n == 3 ? b & 0x0F : b & 0x07;
  for (size_t k = 1; k < n; ++k) {
    const auto cont = static_cast<unsigned char>(text[i + k]);
    if ((cont & 0xC0) != 0x80) {
      *len = 1;
      return 0xFFFD;
    }
    c = (c << 6) | (cont & 0x3F);
  }
  *len = n;
  return c;
}

enum class CharClass { kSpace, kDigit, kLetter, kPunct, kCjkYear, kCjkMonth, kCjkDay };

constexpr CharClass Classify(char32_t c) {
  if (c < 0x80) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      return CharClass::kSpace;
    }
    if (c >= '0' && c <= '9') return CharClass::kDigit;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return CharClass::kLetter;
    return CharClass::kPunct;
  }
  switch (c) {
    case 0x00A0:
    case 0x202F:
    case 0x205F:
    case 0x3000:
      return CharClass::kSpace;
    case 0x5E74:  // 年
    case 0xB144:  // 년
      return CharClass::kCjkYear;
    case 0x6708:  // 月
    case 0xC6D4:  // 월
      return CharClass::kCjkMonth;
    case 0x65E5:  // 日
    case 0xC77C:  // 일
      return CharClass::kCjkDay;
    case 0x00B0:  // ° and º ª: ordinal marks, read as letters ("1º")
    case 0x00BA:
    case 0x00AA:
      return CharClass::kLetter;
    default:
      break;
  }
  if (c >= 0x2000 && c <= 0x200B) return CharClass::kSpace;
  // Latin-1 punctuation and symbols, general punctuation, arrows...
  if ((c >= 0x00A1 && c <= 0x00BF) || c == 0x00D7 || c == 0x00F7 || (c >= 0x2010 && c <= 0x2BFF) ||
      (c >= 0x3001 && c <= 0x3003) || c == 0xFFFD) {
    return CharClass::kPunct;
  }
  return CharClass::kLetter;
}

// Classify() of each ASCII character, precomputed: most text is ASCII.
constexpr std::array<CharClass, 128> MakeAsciiClasses() {
  std::array<CharClass, 128> out{};
  for (char32_t c = 0; c < 128; ++c) out[c] = Classify(c);
  return out;
}
constexpr std::array<CharClass, 128> kAsciiClass = MakeAsciiClasses();

// Cuts text into tokens on demand and keeps the last few, so that patterns
// can look a dozen tokens ahead and two behind without a token array the
// size of the text.
class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  // Token number k (from 0); kEnd past the end. REQUIRES: k is within the
  // window (no more than kWindow - 1 behind the furthest token lexed).
  Token& At(size_t k) {
    while (lexed_ <= k) ring_[lexed_++ % kWindow] = Lex();
    return ring_[k % kWindow];
  }

  int Month(size_t k) {
    Token& t = At(k);
    if (t.kind != Token::kWord) return 0;
    if (t.month < 0) {
      const size_t n = t.end - t.begin;
      t.month = n >= 3 ? static_cast<int8_t>(MonthFromName(text_.substr(t.begin, n))) : 0;
    }
    return t.month;
  }

  std::string_view Text(const Token& t) const { return text_.substr(t.begin, t.end - t.begin); }

  static constexpr size_t kWindow = 32;

 private:
  // The class of the character at text_[pos_] and its length in bytes.
  CharClass ClassAt(size_t pos, size_t* len) const {
    const auto b = static_cast<unsigned char>(text_[pos]);
    if (b < 0x80) {
      *len = 1;
      return kAsciiClass[b];
    }
    return Classify(DecodeAt(text_, pos, len));
  }

  Token Lex() {
    Token t;
    while (pos_ < text_.size()) {
      size_t len = 0;
      const CharClass c = ClassAt(pos_, &len);
      if (c != CharClass::kSpace) break;
      t.space_before = true;
      pos_ += len;
    }
    if (pos_ >= text_.size()) {
      t.begin = t.end = text_.size();
      return t;
    }
    t.begin = pos_;
    size_t len = 0;
    const char32_t first = DecodeAt(text_, pos_, &len);
    const CharClass c = Classify(first);
    pos_ += len;
    switch (c) {
      case CharClass::kDigit: {
        t.kind = Token::kNumber;
        uint32_t digits = 1, value = static_cast<uint32_t>(first - '0');
        while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') {
          if (digits < 9) value = value * 10 + static_cast<uint32_t>(text_[pos_] - '0');
          ++digits;
          ++pos_;
        }
        t.digits = static_cast<uint8_t>(digits > 255 ? 255 : digits);
        t.value = digits <= 9 ? value : 0;
        break;
      }
      case CharClass::kLetter:
        t.kind = Token::kWord;
        while (pos_ < text_.size()) {
          size_t n = 0;
          if (ClassAt(pos_, &n) != CharClass::kLetter) break;
          pos_ += n;
        }
        break;
      case CharClass::kPunct:
        t.kind = Token::kPunct;
        t.punct = first < 0x80 ? static_cast<char>(first) : '~';
        break;
      case CharClass::kCjkYear:
        t.kind = Token::kCjkYear;
        break;
      case CharClass::kCjkMonth:
        t.kind = Token::kCjkMonth;
        break;
      case CharClass::kCjkDay:
        t.kind = Token::kCjkDay;
        break;
      case CharClass::kSpace:
        break;  // not reached
    }
    t.end = pos_;
    return t;
  }

  std::string_view text_;
  size_t pos_ = 0;
  size_t lexed_ = 0;
  std::array<Token, kWindow> ring_;
};

bool IsNumber(const Token& t, int min_digits, int max_digits) {
  return t.kind == Token::kNumber && t.digits >= min_digits && t.digits <= max_digits;
}
bool IsPunct(const Token& t, char c) { return t.kind == Token::kPunct && t.punct == c; }
bool IsDateSeparator(const Token& t) {
  return t.kind == Token::kPunct && (t.punct == '-' || t.punct == '/' || t.punct == '.');
}

bool WordIs(Lexer& lex, const Token& t, std::initializer_list<const char*> words) {
  if (t.kind != Token::kWord) return false;
  const std::string_view w = lex.Text(t);
  for (const char* candidate : words) {
    const size_t n = std::strlen(candidate);
    if (w.size() != n) continue;
    bool same = true;
    for (size_t i = 0; i < n && same; ++i) {
      char c = w[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
      same = c == candidate[i];
    }
    if (same) return true;
  }
  return false;
}

// Ordinal marks written after a day number: 1st 2nd 3rd 4th, 1er (fr), 1º 1°.
bool IsOrdinalSuffix(Lexer& lex, const Token& t) {
  return !t.space_before && WordIs(lex, t, {"st", "nd", "rd", "th", "er", "\xC2\xBA", "\xC2\xB0"});
}

int FullYear(const Token& t) {
  if (t.digits == 4) return static_cast<int>(t.value);
  return t.value >= 90 ? 1900 + static_cast<int>(t.value) : 2000 + static_cast<int>(t.value);
}

// A clock time starting at token k: "10:32", "T10:32", "10h32" (fr).
bool TimeAt(Lexer& lex, size_t k, int depth = 0) {
  Token& t = lex.At(k);
  if (depth > 2) return false;
  if (t.kind == Token::kWord && (lex.Text(t) == "T" || WordIs(lex, t, {"um", "at", "a", "à"}))) {
    return TimeAt(lex, k + 1, depth + 1);
  }
  if (IsPunct(t, ',') || IsPunct(t, '-') || IsPunct(t, '|') || IsPunct(t, '~')) {
    return IsNumber(lex.At(k + 1), 1, 2) && TimeAt(lex, k + 1, depth + 1);
  }
  if (!IsNumber(t, 1, 2) || t.value > 24) return false;
  const Token& sep = lex.At(k + 1);
  if (sep.space_before) return false;
  if (IsPunct(sep, ':')) return IsNumber(lex.At(k + 2), 2, 2) && !lex.At(k + 2).space_before;
  return sep.kind == Token::kWord && lex.Text(sep) == "h";
}

class Scanner {
 public:
  Scanner(std::string_view text, const ScanOptions& options) : lex_(text), options_(options) {}

  void Run(const std::function<bool(const DateMention&)>& found) {
    size_t k = 0;
    while (lex_.At(k).kind != Token::kEnd) {
      DateMention m;
      size_t last = 0;  // index of the mention's last token
      if (Match(k, &m, &last)) {
        m.begin = lex_.At(k).begin;
        m.end = lex_.At(last).end;
        m.with_time = TimeAt(lex_, last + 1);
        if (!found(m)) return;
        k = last + 1;
      } else {
        ++k;
      }
    }
  }

 private:
  bool Match(size_t k, DateMention* m, size_t* last) {
    const Token& t = lex_.At(k);
    if (t.kind == Token::kNumber) {
      return YearFirst(k, m, last) || Numeric(k, m, last) || DayMonthYear(k, m, last) ||
             Compact(k, m, last);
    }
    if (t.kind == Token::kWord) return MonthDayYear(k, m, last);
    return false;
  }

  // Whether token k continues a run of numbers joined by `sep` (version
  // numbers, IP addresses): then no date starts or ends there.
  bool NumberRunBefore(size_t k) {
    if (k < 2) return false;
    const Token& sep = lex_.At(k - 1);
    return IsDateSeparator(sep) && !lex_.At(k).space_before && !sep.space_before &&
           lex_.At(k - 2).kind == Token::kNumber;
  }
  bool NumberRunAfter(size_t k, char sep) {
    const Token& s = lex_.At(k + 1);
    return IsPunct(s, sep) && !s.space_before && IsNumber(lex_.At(k + 2), 1, 9) &&
           !lex_.At(k + 2).space_before;
  }

  // 2022-02-15, 2022/2/15, 2022.02.15, 2022. 2. 15. (ko), 2022年2月15日.
  bool YearFirst(size_t k, DateMention* m, size_t* last) {
    const Token& y = lex_.At(k);
    if (!IsNumber(y, 4, 4) || NumberRunBefore(k)) return false;
    const Token& s1 = lex_.At(k + 1);
    if (s1.kind == Token::kCjkYear) {
      const Token& mo = lex_.At(k + 2);
      const Token& cm = lex_.At(k + 3);
      const Token& d = lex_.At(k + 4);
      const Token& cd = lex_.At(k + 5);
      if (!IsNumber(mo, 1, 2) || cm.kind != Token::kCjkMonth || !IsNumber(d, 1, 2) ||
          cd.kind != Token::kCjkDay) {
        return false;
      }
      *m = {static_cast<int>(y.value), static_cast<int>(mo.value), static_cast<int>(d.value),
            DateMention::Form::kYearFirst};
      *last = k + 5;
      return true;
    }
    if (!IsDateSeparator(s1) || s1.space_before) return false;
    const char sep = s1.punct;
    const bool spaced = sep == '.';  // "2022. 2. 15."
    const Token& mo = lex_.At(k + 2);
    const Token& s2 = lex_.At(k + 3);
    const Token& d = lex_.At(k + 4);
    if (!IsNumber(mo, 1, 2) || (mo.space_before && !spaced) || !IsPunct(s2, sep) ||
        s2.space_before || !IsNumber(d, 1, 2) || (d.space_before && !spaced)) {
      return false;
    }
    if (NumberRunAfter(k + 4, sep)) return false;
    *m = {static_cast<int>(y.value), static_cast<int>(mo.value), static_cast<int>(d.value),
          DateMention::Form::kYearFirst};
    *last = k + 4;
    return true;
  }

  // 15.02.2022, 15/02/2022, 15-02-2022, 02/15/2022 (month first when the
  // options say so or the first number is above 12), 15.02.22.
  bool Numeric(size_t k, DateMention* m, size_t* last) {
    const Token& a = lex_.At(k);
    if (!IsNumber(a, 1, 2) || NumberRunBefore(k)) return false;
    const Token& s1 = lex_.At(k + 1);
    if (!IsDateSeparator(s1) || s1.space_before) return false;
    const char sep = s1.punct;
    const Token& b = lex_.At(k + 2);
    const Token& s2 = lex_.At(k + 3);
    const Token& y = lex_.At(k + 4);
    if (!IsNumber(b, 1, 2) || b.space_before || !IsPunct(s2, sep) || s2.space_before ||
        y.space_before) {
      return false;
    }
    const bool short_year = options_.two_digit_years && sep != '-' && IsNumber(y, 2, 2);
    if (!IsNumber(y, 4, 4) && !short_year) return false;
    if (NumberRunAfter(k + 4, sep)) return false;
    int day = static_cast<int>(a.value), month = static_cast<int>(b.value);
    if (sep == '/' && (day > 12 ? false : month > 12 || options_.month_first)) {
      std::swap(day, month);
    }
    *m = {FullYear(y), month, day, DateMention::Form::kNumeric};
    *last = k + 4;
    return true;
  }

  // The year after a month name at token k (skipping '.', ',' and "de"),
  // or 0; *last is set to the year's token.
  int YearAfter(size_t k, size_t* last) {
    size_t j = k;
    if (IsPunct(lex_.At(j), '.')) ++j;
    if (IsPunct(lex_.At(j), ',')) ++j;
    if (WordIs(lex_, lex_.At(j), {"de", "del"})) ++j;
    const Token& y = lex_.At(j);
    if (!IsNumber(y, 4, 4)) return 0;
    // "15 Feb 2022" but not "15 Feb 2022.5" or "Feb 15, 2022:" read as a ratio.
    if (NumberRunAfter(j, '.') || IsPunct(lex_.At(j + 1), ':')) return 0;
    *last = j;
    return static_cast<int>(y.value);
  }

  // 15 février 2022, 15. Februar 2022, 15th of February 2022, 15 de febrero
  // de 2022, 1er mars 2022; without the year when the options allow.
  bool DayMonthYear(size_t k, DateMention* m, size_t* last) {
    const Token& d = lex_.At(k);
    if (!IsNumber(d, 1, 2) || d.value < 1 || d.value > 31 || NumberRunBefore(k)) return false;
    size_t j = k + 1;
    if (IsPunct(lex_.At(j), '.') && !lex_.At(j).space_before) {
      ++j;
    } else if (IsOrdinalSuffix(lex_, lex_.At(j))) {
      ++j;
    }
    if (WordIs(lex_, lex_.At(j), {"de", "of"})) ++j;
    const int month = lex_.Month(j);
    if (month == 0) return false;
    size_t year_at = j;
    const int year = YearAfter(j + 1, &year_at);
    if (year == 0 && !options_.yearless) return false;
    if (year == 0) {
      // "3 févr." keeps its period.
      year_at = IsPunct(lex_.At(j + 1), '.') && !lex_.At(j + 1).space_before ? j + 1 : j;
    }
    *m = {year, month, static_cast<int>(d.value), DateMention::Form::kWords};
    *last = year_at;
    return true;
  }

  // February 15, 2022; Feb. 15th 2022; Feb. 15 (a capitalised month name,
  // when the options allow no year).
  bool MonthDayYear(size_t k, DateMention* m, size_t* last) {
    // Most words are followed by no day: look the name up only when one is.
    if (!IsNumber(lex_.At(k + 1), 1, 2) &&
        !(IsPunct(lex_.At(k + 1), '.') && IsNumber(lex_.At(k + 2), 1, 2))) {
      return false;
    }
    const int month = lex_.Month(k);
    if (month == 0) return false;
    size_t j = k + 1;
    if (IsPunct(lex_.At(j), '.') && !lex_.At(j).space_before) ++j;
    const Token& d = lex_.At(j);
    if (!IsNumber(d, 1, 2) || d.value < 1 || d.value > 31) return false;
    if (IsPunct(lex_.At(j + 1), ':') || IsDateSeparator(lex_.At(j + 1))) {
      // "Feb 10:30", "Mai 15.05." are no month-day.
      if (!IsPunct(lex_.At(j + 1), '.') || IsNumber(lex_.At(j + 2), 1, 9)) return false;
    }
    size_t after = j;
    if (IsOrdinalSuffix(lex_, lex_.At(j + 1))) ++after;
    size_t year_at = after;
    int year = 0;
    {
      size_t y = after + 1;
      if (IsPunct(lex_.At(y), ',')) ++y;
      const Token& yt = lex_.At(y);
      if (IsNumber(yt, 4, 4) && !NumberRunAfter(y, '.') && !IsPunct(lex_.At(y + 1), ':')) {
        year = static_cast<int>(yt.value);
        year_at = y;
      }
    }
    if (year == 0) {
      const Token& name = lex_.At(k);
      const char first = lex_.Text(name)[0];
      // Lower-case "may 5" is more often the verb than the month.
      if (!options_.yearless || !(first >= 'A' && first <= 'Z')) return false;
      if (lex_.At(after + 1).kind == Token::kNumber) return false;
    }
    *m = {year, month, static_cast<int>(d.value), DateMention::Form::kWords};
    *last = year_at;
    return true;
  }

  // 20220215.
  bool Compact(size_t k, DateMention* m, size_t* last) {
    const Token& t = lex_.At(k);
    if (!options_.compact || !IsNumber(t, 8, 8)) return false;
    const int year = static_cast<int>(t.value / 10000);
    if (year < 1900 || year > 2099) return false;
    *m = {year, static_cast<int>(t.value / 100 % 100), static_cast<int>(t.value % 100),
          DateMention::Form::kCompact};
    *last = k;
    return true;
  }

  Lexer lex_;
  const ScanOptions& options_;
};

}  // namespace

void ScanDates(std::string_view text, const ScanOptions& options,
               const std::function<bool(const DateMention&)>& found) {
  // Every date has digits, and the words of one ("15 de septiembre de",
  // "Wednesday, September") stand within a few bytes of them: only the
  // stretches of text around digits are cut into tokens, which makes a long
  // text with few numbers cheap to scan.
  constexpr size_t kBefore = 24, kAfter = 32;
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  auto is_space = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; };
  bool go_on = true;
  size_t pos = 0;
  while (go_on && pos < text.size()) {
    size_t first = pos;
    while (first < text.size() && !is_digit(text[first])) ++first;
    if (first == text.size()) break;
    // The stretch ends kAfter bytes after a digit that no other digit follows
    // within kBefore + kAfter bytes.
    size_t last = first;
    for (size_t i = first + 1; i < text.size() && i <= last + kBefore + kAfter; ++i) {
      if (is_digit(text[i])) last = i;
    }
    // Widen to whole words: start after a space, end at one.
    size_t begin = first > pos + kBefore ? first - kBefore : pos;
    while (begin > pos && !is_space(text[begin - 1])) --begin;
    size_t end = std::min(text.size(), last + 1 + kAfter);
    while (end < text.size() && !is_space(text[end])) ++end;
    Scanner(text.substr(begin, end - begin), options).Run([&](const DateMention& m) {
      DateMention shifted = m;
      shifted.begin += begin;
      shifted.end += begin;
      go_on = found(shifted);
      return go_on;
    });
    pos = end;
  }
}

std::optional<DateMention> FirstDate(std::string_view text, const ScanOptions& options) {
  std::optional<DateMention> first;
  ScanDates(text, options, [&](const DateMention& m) {
    if (m.year == 0 || !ToDay(m)) return true;
    first = m;
    return false;
  });
  return first;
}

std::optional<int32_t> ToDay(const DateMention& mention) {
  if (mention.year == 0) return std::nullopt;
  return MakeDay(mention.year, mention.month, mention.day);
}

namespace {

// Digits at text[*i] (at most `max`), advancing *i; -1 when none.
int ReadNumber(std::string_view text, size_t* i, size_t max) {
  int v = -1;
  size_t n = 0;
  while (*i < text.size() && n < max && text[*i] >= '0' && text[*i] <= '9') {
    v = (v < 0 ? 0 : v * 10) + (text[*i] - '0');
    ++*i;
    ++n;
  }
  return v;
}

// The clock time and UTC offset after a date: "T10:32:00Z", " 10:32:00
// +0200", "T10:32:00.123-05:00", " 00:04:00 GMT". Sets *seconds (since
// midnight), *offset (seconds east of UTC); false when there is no time or
// no offset.
bool ReadTimeAndOffset(std::string_view text, int* seconds, int* offset) {
  size_t i = 0;
  if (i < text.size() && (text[i] == 'T' || text[i] == ' ')) ++i;
  const int h = ReadNumber(text, &i, 2);
  if (h < 0 || h > 24 || i >= text.size() || text[i] != ':') return false;
  ++i;
  const int m = ReadNumber(text, &i, 2);
  if (m < 0 || m > 59) return false;
  int sec = 0;
  if (i < text.size() && text[i] == ':') {
    ++i;
    sec = ReadNumber(text, &i, 2);
    if (sec < 0 || sec > 60) return false;
  }
  if (i < text.size() && (text[i] == '.' || text[i] == ',')) {
    ++i;
    ReadNumber(text, &i, 9);
  }
  *seconds = h * 3600 + m * 60 + sec;
  while (i < text.size() && text[i] == ' ') ++i;
  const std::string_view rest = text.substr(i);
  if (rest.starts_with("Z") || rest.starts_with("GMT") || rest.starts_with("UTC") ||
      rest.starts_with("UT")) {
    // "GMT+10" is an offset written after the zone's name.
    size_t k = rest.starts_with("Z")                                ? 1
               : rest.starts_with("UT") && !rest.starts_with("UTC") ? 2
                                                                    : 3;
    if (k < rest.size() && (rest[k] == '+' || rest[k] == '-')) {
      i += k;
    } else {
      *offset = 0;
      return true;
    }
  }
  if (i >= text.size() || (text[i] != '+' && text[i] != '-')) return false;
  const int sign = text[i] == '-' ? -1 : 1;
  ++i;
  const size_t start = i;
  const int first = ReadNumber(text, &i, 4);
  if (first < 0) return false;
  int oh = first, om = 0;
  if (i - start > 2) {
    oh = first / 100;
    om = first % 100;
  } else if (i < text.size() && text[i] == ':') {
    ++i;
    om = ReadNumber(text, &i, 2);
    if (om < 0) om = 0;
  }
  if (oh > 14 || om > 59) return false;
  *offset = sign * (oh * 3600 + om * 60);
  return true;
}

}  // namespace

std::optional<DateValue> ParseDateValue(std::string_view value) {
  size_t b = 0, e = value.size();
  while (b < e && (value[b] == ' ' || value[b] == '\t' || value[b] == '\n' || value[b] == '\r')) {
    ++b;
  }
  while (e > b && (value[e - 1] == ' ' || value[e - 1] == '\t' || value[e - 1] == '\n' ||
                   value[e - 1] == '\r')) {
    --e;
  }
  value = value.substr(b, e - b);
  // Seconds (10 digits) or milliseconds (13) since 1970: some CMSs write
  // their timestamps so.
  if ((value.size() == 10 || value.size() == 13) &&
      value.find_first_not_of("0123456789") == std::string_view::npos) {
    int64_t n = 0;
    for (char c : value) n = n * 10 + (c - '0');
    if (value.size() == 13) n /= 1000;
    return DateValue{DayOfUnixSeconds(n), n, true};
  }
  ScanOptions options;
  options.compact = true;
  options.month_first = true;
  const auto first = FirstDate(value, options);
  if (!first) return std::nullopt;
  DateValue out;
  out.day = *ToDay(*first);
  int seconds = 0, offset = 0;
  if (first->with_time && ReadTimeAndOffset(value.substr(first->end), &seconds, &offset)) {
    out.moment = int64_t{out.day} * 86400 + seconds - offset;
    out.utc = offset == 0;
  }
  return out;
}

}  // namespace precis::ingest::dates
