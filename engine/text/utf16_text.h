// Utf16Text: a slice of Document::text converted once to UTF-16 for ICU, with
// a map from every UTF-16 index back to the UTF-8 byte offset it came from.
//
// ICU's break iterators and normaliser work on UTF-16; every range precis
// reports is a byte range of Document::text. Converting a paragraph at a time
// (instead of per token) keeps the conversion cost linear and allocation-free
// once the buffers have grown.
#ifndef PRECIS_ENGINE_TEXT_UTF16_TEXT_H_
#define PRECIS_ENGINE_TEXT_UTF16_TEXT_H_

#include <unicode/umachine.h>

#include <cstdint>
#include <string_view>
#include <vector>

namespace precis::text {

class Utf16Text {
 public:
  // Empties the buffer, keeping its capacity.
  void Clear();

  // Appends `utf8`, whose first byte is byte `byte_offset` of the document.
  // With `line_breaks_as_spaces`, '\n' and '\r' become ' ' (same length), so
  // ICU's sentence rules do not treat them as paragraph ends. Malformed UTF-8
  // becomes U+FFFD, one per malformed sequence. O(size).
  void Append(std::string_view utf8, uint32_t byte_offset, bool line_breaks_as_spaces);

  const UChar* data() const { return units_.data(); }
  int32_t size() const { return static_cast<int32_t>(units_.size()); }
  UChar operator[](int32_t i) const { return units_[i]; }

  // Byte offset in the document of UTF-16 index i, for 0 <= i <= size(); i ==
  // size() gives the end of the last appended byte.
  uint32_t ByteOffset(int32_t i) const { return offsets_[i]; }

  // Largest index i whose ByteOffset(i) <= byte (0 if none). O(log size).
  int32_t IndexAtOrBefore(uint32_t byte) const;

 private:
  std::vector<UChar> units_;
  // offsets_[i] = byte offset of units_[i]; one extra entry for the end. The
  // trail unit of a surrogate pair maps to the byte offset of its lead.
  std::vector<uint32_t> offsets_{0};
};

}  // namespace precis::text

#endif  // PRECIS_ENGINE_TEXT_UTF16_TEXT_H_
