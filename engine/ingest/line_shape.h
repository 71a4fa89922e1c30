// What a line of text looks like to the boilerplate rules: how many words,
// whether it ends like a sentence, whether it was cut short ("..."), and a
// normalised key to compare lines across documents.
#ifndef PRECIS_ENGINE_INGEST_LINE_SHAPE_H_
#define PRECIS_ENGINE_INGEST_LINE_SHAPE_H_

#include <climits>
#include <cstdint>
#include <string>
#include <string_view>

namespace precis::ingest {

struct LineShape {
  // The content of the line, relative to the line's start: without surrounding
  // whitespace (Unicode White_Space, zero-width space, BOM) and without a
  // leading list bullet ("•", "▪", "- ", "* "). begin == end: a blank line.
  uint32_t begin = 0;
  uint32_t end = 0;
  // Whitespace-separated tokens holding a letter or a digit.
  uint32_t words = 0;
  // Ends with Sentence_Terminal punctuation (". ! ?"), possibly followed by
  // closing quotes or brackets, and not with an ellipsis.
  bool ends_sentence = false;
  // Ends with "..", "..." or "…": a teaser or breadcrumb cut short.
  bool ends_ellipsis = false;
  // Ends with ':' or a dash: a lead-in (dateline, "Lire aussi:"), not a headline.
  bool ends_lead_in = false;
  bool has_lowercase = false;

  bool blank() const { return begin == end; }
};

// Shape of `line` (one line, no '\n'; UTF-8, invalid bytes count as letters).
// Words are counted up to `max_words` only: rules that compare the count with
// small thresholds pass one above their largest, and a paragraph's scan then
// stops after its first words instead of reading the whole line.
LineShape ShapeOf(std::string_view line, uint32_t max_words = UINT32_MAX);

// Case-folded content with whitespace runs collapsed to one space, for
// "the same line" comparisons. `line` is the content (ShapeOf's range).
std::string LineKey(std::string_view line);
// The same into `key` (cleared first), reusing its capacity.
void LineKey(std::string_view line, std::string* key);
// LineKey(line) == key, without building the key: stops at the first
// difference. O(length of the common prefix).
bool LineKeyEquals(std::string_view line, std::string_view key);

}  // namespace precis::ingest

#endif  // PRECIS_ENGINE_INGEST_LINE_SHAPE_H_
