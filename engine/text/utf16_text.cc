#include "engine/text/utf16_text.h"

#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>

namespace precis::text {

void Utf16Text::Clear() {
  units_.clear();
  offsets_.assign(1, 0);
}

void Utf16Text::Append(std::string_view utf8, uint32_t byte_offset, bool line_breaks_as_spaces) {
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const int32_t n = static_cast<int32_t>(utf8.size());
  units_.reserve(units_.size() + utf8.size());
  offsets_.reserve(offsets_.size() + utf8.size());
  offsets_.pop_back();  // the old end entry is replaced by the first new unit
  int32_t i = 0;
  while (i < n) {
    const uint32_t at = byte_offset + static_cast<uint32_t>(i);
    if (s[i] < 0x80) {  // ASCII fast path: most of any Latin-script text
      UChar c = s[i++];
      if (line_breaks_as_spaces && (c == '\n' || c == '\r')) c = ' ';
      units_.push_back(c);
      offsets_.push_back(at);
      continue;
    }
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) c = 0xFFFD;
    if (U_IS_BMP(c)) {
      units_.push_back(static_cast<UChar>(c));
      offsets_.push_back(at);
    } else {
      units_.push_back(U16_LEAD(c));
      units_.push_back(U16_TRAIL(c));
      offsets_.push_back(at);
      offsets_.push_back(at);
    }
  }
  offsets_.push_back(byte_offset + static_cast<uint32_t>(n));
}

int32_t Utf16Text::IndexAtOrBefore(uint32_t byte) const {
  auto it = std::upper_bound(offsets_.begin(), offsets_.end(), byte);
  if (it == offsets_.begin()) return 0;
  return static_cast<int32_t>(it - offsets_.begin()) - 1;
}

}  // namespace precis::text
