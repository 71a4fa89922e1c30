#include "engine/ingest/line_shape.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cstdint>

namespace precis::ingest {
namespace {

// Longer lines are content whatever they hold; shaping them would only cost time.
constexpr size_t kMaxShapedBytes = 1 << 20;

// ASCII first: every line is scanned character by character, and an ICU
// property lookup per character cost more than the rest of the boilerplate
// filter together.
bool IsSpace(UChar32 c) {
  if (c < 0x80) return c == ' ' || (c >= '\t' && c <= '\r');  // ASCII White_Space
  return u_isUWhiteSpace(c) || c == 0x200B || c == 0xFEFF;
}

bool IsAlnum(UChar32 c) {
  if (c < 0x80) return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
  return u_isalnum(c);
}

bool IsLower(UChar32 c) { return c < 0x80 ? c >= 'a' && c <= 'z' : u_islower(c); }

// ASCII classes for ShapeOf's word count: bit 0 letter or digit, bit 1
// space (IsSpace), bit 2 lower-case letter.
constexpr uint8_t kAlnumBit = 1, kSpaceBit = 2, kLowerBit = 4;
const auto kAsciiClass = [] {
  std::array<uint8_t, 128> table{};
  for (int c = 0; c < 128; ++c) {
    if (IsAlnum(c)) table[c] |= kAlnumBit;
    if (IsSpace(c)) table[c] |= kSpaceBit;
    if (IsLower(c)) table[c] |= kLowerBit;
  }
  return table;
}();

// Characters used as list bullets (the ASCII ones only when a space follows).
bool IsBullet(UChar32 c) {
  switch (c) {
    case 0x2022:  // •
    case 0x2023:  // ‣
    case 0x2043:  // ⁃
    case 0x2219:  // ∙
    case 0x00B7:  // ·
    case 0x25A0:  // ■
    case 0x25AA:  // ▪
    case 0x25AB:  // ▫
    case 0x25B8:  // ▸
    case 0x25BA:  // ►
    case 0x25CF:  // ●
    case 0x25E6:  // ◦
    case 0x2013:  // – (only as a bullet: followed by a space, see below)
      return true;
    default:
      return false;
  }
}

bool IsClosing(UChar32 c) {
  const auto type = static_cast<UCharCategory>(u_charType(c));
  return type == U_FINAL_PUNCTUATION || type == U_END_PUNCTUATION || c == '"' || c == '\'' ||
         c == 0x00BB;  // » closes French quotes
}

bool IsDash(UChar32 c) { return u_charType(c) == U_DASH_PUNCTUATION; }

}  // namespace

LineShape ShapeOf(std::string_view line, uint32_t max_words) {
  LineShape shape;
  if (line.size() > kMaxShapedBytes) {
    // Not a navigation line whatever it holds; spare the scan.
    shape.end = static_cast<uint32_t>(std::min<size_t>(line.size(), UINT32_MAX));
    shape.words = UINT32_MAX;
    return shape;
  }
  const auto* p = reinterpret_cast<const uint8_t*>(line.data());
  const auto n = static_cast<int32_t>(line.size());
  auto next = [&](int32_t& i) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    return c < 0 ? 0xFFFD : c;
  };
  auto prev = [&](int32_t& i, int32_t start) {
    UChar32 c;
    U8_PREV(p, start, i, c);
    return c < 0 ? 0xFFFD : c;
  };
  auto peek = [&](int32_t i) { return i < n ? next(i) : -1; };

  int32_t first = 0;
  while (first < n) {
    int32_t i = first;
    const UChar32 c = next(i);
    if (IsSpace(c)) {
      first = i;
      continue;
    }
    // A bullet: a bullet character alone or followed by a space; "-", "*",
    // "+" and "–" only when followed by a space (so "-5 %" keeps its sign).
    const UChar32 after = peek(i);
    const bool spaced = after < 0 || IsSpace(after);
    const bool loose = c == '-' || c == '*' || c == '+' || c == 0x2013;
    if ((IsBullet(c) && !loose) || (loose && spaced)) {
      first = i;
      continue;
    }
    break;
  }
  int32_t last = n;
  while (last > first) {
    int32_t i = last;
    if (!IsSpace(prev(i, first))) break;
    last = i;
  }
  if (first >= last) return shape;
  shape.begin = static_cast<uint32_t>(first);
  shape.end = static_cast<uint32_t>(last);

  // A word is a run of non-space characters; it counts when it holds a
  // letter or digit. `counted`: the current run has counted already (reset
  // by every space). ASCII goes through a class table without branches on
  // the character; other characters are decoded.
  uint32_t counted = 0, words = 0, lower = 0;
  for (int32_t i = first; i < last;) {
    if (words >= max_words && lower != 0) break;
    if (p[i] < 0x80) {
      const uint8_t cls = kAsciiClass[p[i++]];
      const uint32_t alnum = cls & kAlnumBit;
      words += alnum & ~counted;
      counted = (counted | alnum) & ~(static_cast<uint32_t>(cls >> 1) & 1u);
      lower |= cls >> 2;
      continue;
    }
    const UChar32 c = next(i);
    if (IsSpace(c)) {
      counted = 0;
      continue;
    }
    if (!counted && (IsAlnum(c) || c == 0xFFFD)) {
      ++words;
      counted = 1;
    }
    if (IsLower(c)) lower = 1;
  }
  shape.words = std::min(words, max_words);
  shape.has_lowercase = lower != 0;

  int32_t i = last;
  const UChar32 final_char = prev(i, first);
  shape.ends_lead_in = final_char == ':' || final_char == '|' || IsDash(final_char);
  i = last;
  UChar32 c = prev(i, first);
  while (IsClosing(c) && i > first) c = prev(i, first);
  if (!IsClosing(c)) {
    const UChar32 before = i > first ? prev(i, first) : -1;
    shape.ends_ellipsis = c == 0x2026 || (c == '.' && before == '.');
    shape.ends_sentence = !shape.ends_ellipsis && u_hasBinaryProperty(c, UCHAR_S_TERM);
  }
  return shape;
}

namespace {

// Feeds the key of `line` to `out` piece by piece (one character's UTF-8
// bytes at a time); stops early when `out` returns false. Returns false
// then, true when the whole key was fed.
template <typename Out>
bool ForEachKeyPiece(std::string_view line, Out&& out) {
  bool space = false, started = false;
  const auto* p = reinterpret_cast<const uint8_t*>(line.data());
  const auto n = static_cast<int32_t>(std::min<size_t>(line.size(), kMaxShapedBytes));
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) c = 0xFFFD;
    if (IsSpace(c)) {
      space = started;
      continue;
    }
    if (space && !out(std::string_view(" ", 1))) return false;
    space = false;
    started = true;
    char buf[U8_MAX_LENGTH];
    if (c < 0x80) {  // default case folding of ASCII: A-Z only
      buf[0] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
      if (!out(std::string_view(buf, 1))) return false;
      continue;
    }
    const UChar32 folded = u_foldCase(c, U_FOLD_CASE_DEFAULT);
    int32_t len = 0;
    U8_APPEND_UNSAFE(buf, len, folded);
    if (!out(std::string_view(buf, static_cast<size_t>(len)))) return false;
  }
  return true;
}

}  // namespace

void LineKey(std::string_view line, std::string* key) {
  key->clear();
  ForEachKeyPiece(line, [key](std::string_view piece) {
    key->append(piece);
    return true;
  });
}

bool LineKeyEquals(std::string_view line, std::string_view key) {
  size_t at = 0;
  const bool whole = ForEachKeyPiece(line, [&](std::string_view piece) {
    if (key.substr(at, piece.size()) != piece) return false;
    at += piece.size();
    return true;
  });
  return whole && at == key.size();
}

std::string LineKey(std::string_view line) {
  std::string key;
  key.reserve(line.size());
  LineKey(line, &key);
  return key;
}

}  // namespace precis::ingest
