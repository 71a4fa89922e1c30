#include "engine/text/line_breaks.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace precis::text {
namespace {

bool IsClosing(UChar32 c) {
  return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x201D || c == 0x2019 ||
         c == 0x00BB || c == 0x203A;
}

// Characters after which a line continues or ICU may end the sentence itself.
bool JoinsNextLine(UChar32 c) {
  switch (c) {
    case '.':
    case '!':
    case '?':
    case ';':
    case ':':
    case ',':
    case '-':
    case '(':
    case '/':
    case 0x2026:  // …
    case 0x2013:  // –
    case 0x2014:  // —
      return true;
    default:
      return false;
  }
}

}  // namespace

bool IsHardLineBreak(std::string_view text, const ingest::TextLine& previous,
                     const ingest::TextLine& next) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t i = static_cast<int32_t>(previous.end);
  const int32_t start = static_cast<int32_t>(previous.begin);
  UChar32 last = U_SENTINEL;
  while (i > start) {
    U8_PREV(s, start, i, last);
    if (!IsClosing(last) && !u_isUWhiteSpace(last)) break;
  }
  if (last != U_SENTINEL && JoinsNextLine(last)) return false;
  int32_t j = static_cast<int32_t>(next.begin);
  UChar32 first = U_SENTINEL;
  const int32_t end = static_cast<int32_t>(next.end);
  if (j < end) U8_NEXT(s, j, end, first);
  return !(first >= 0 && u_islower(first));
}

}  // namespace precis::text
