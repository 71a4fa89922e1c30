#include "engine/text/sentence_segmenter.h"

#include <unicode/filteredbrk.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

namespace precis::text {
namespace {

bool IsSpace(UChar c) { return c == u' ' || c == u'\n' || c == u'\t' || u_isUWhiteSpace(c); }

UChar32 CodePointAt(const Utf16Text& t, int32_t i) {
  UChar32 c;
  U16_GET(t.data(), 0, i, t.size(), c);
  return c;
}

bool HasLetterOrDigit(const Utf16Text& t, Span s) {
  for (int32_t i = s.begin; i < s.end;) {
    UChar32 c;
    U16_NEXT(t.data(), i, s.end, c);
    if (u_isalnum(c)) return true;
  }
  return false;
}

Span Trim(const Utf16Text& t, Span s) {
  while (s.begin < s.end && IsSpace(t[s.begin])) ++s.begin;
  while (s.end > s.begin && IsSpace(t[s.end - 1])) --s.end;
  return s;
}

// "J.", "U.S.", "J.-C.", "É.-U.": single capitals, each followed by a period.
bool IsInitials(const Utf16Text& t, int32_t begin, int32_t end) {
  int32_t i = begin;
  while (i < end) {
    UChar32 c;
    U16_NEXT(t.data(), i, end, c);
    if (!u_isupper(c) || i >= end || t[i] != u'.') return false;
    ++i;
    if (i < end && t[i] == u'-') ++i;
  }
  return true;
}

}  // namespace

StatusOr<std::unique_ptr<icu::BreakIterator>> CreateSentenceIterator(const std::string& lang) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Locale locale(lang.c_str());
  std::unique_ptr<icu::BreakIterator> base(
      icu::BreakIterator::createSentenceInstance(locale, status));
  std::unique_ptr<icu::FilteredBreakIteratorBuilder> builder;
  if (U_SUCCESS(status))
    builder.reset(icu::FilteredBreakIteratorBuilder::createInstance(locale, status));
  if (U_FAILURE(status) || base == nullptr || builder == nullptr) {
    return Status::Internal("cannot create the ICU sentence break iterator for '" + lang + "' (" +
                            u_errorName(status) + "); check the ICU data installation (libicu72)");
  }
  std::unique_ptr<icu::BreakIterator> filtered(
      builder->wrapIteratorWithFilter(base.release(), status));
  if (U_FAILURE(status) || filtered == nullptr) {
    return Status::Internal("cannot apply ICU sentence break suppressions for '" + lang + "' (" +
                            u_errorName(status) + ")");
  }
  return filtered;
}

void SentenceSegmenter::Segment(const Utf16Text& text, WordSegmenter* words, uint32_t max_bytes,
                                std::vector<Span>* out) {
  out->clear();
  UErrorCode status = U_ZERO_ERROR;
  UText local = UTEXT_INITIALIZER;
  UText* ut = utext_openUChars(&local, text.data(), text.size(), &status);
  sentences_->setText(ut, status);
  utext_close(ut);
  if (U_FAILURE(status)) {
    Add(text, {0, text.size()}, words, max_bytes, out);
    return;
  }
  int32_t start = sentences_->first();
  for (int32_t b = sentences_->next(); b != icu::BreakIterator::DONE; b = sentences_->next()) {
    if (b < text.size() && Suppressed(text, b)) continue;
    Add(text, {start, b}, words, max_bytes, out);
    start = b;
  }
}

bool SentenceSegmenter::Suppressed(const Utf16Text& text, int32_t boundary) const {
  int32_t q = boundary;
  while (q > 0 && IsSpace(text[q - 1])) {
    if (text[q - 1] == u'\n') return false;  // hard break
    --q;
  }
  if (q < 2 || text[q - 1] != u'.') return false;
  int32_t w = q - 1;
  while (w > 0) {
    const UChar c = text[w - 1];
    if (c == u'.' || c == u'-' || u_isalpha(c) || U16_IS_SURROGATE(c)) {
      --w;
    } else {
      break;
    }
  }
  if (w == q - 1) return false;
  if (IsInitials(text, w, q)) return true;
  if (q - w > 16) return false;
  char buf[16 * 3];
  int32_t n = 0;
  for (int32_t i = w; i < q;) {
    UChar32 c;
    U16_NEXT(text.data(), i, q, c);
    UBool error = false;
    U8_APPEND(reinterpret_cast<uint8_t*>(buf), n, static_cast<int32_t>(sizeof(buf)), c, error);
    if (error) return false;
  }
  return abbreviations_->Contains(std::string_view(buf, static_cast<size_t>(n)));
}

void SentenceSegmenter::Add(const Utf16Text& text, Span span, WordSegmenter* words,
                            uint32_t max_bytes, std::vector<Span>* out) const {
  span = Trim(text, span);
  while (span.begin < span.end &&
         text.ByteOffset(span.end) - text.ByteOffset(span.begin) > max_bytes) {
    int32_t limit = text.IndexAtOrBefore(text.ByteOffset(span.begin) + max_bytes);
    if (limit > span.begin && U16_IS_TRAIL(text[limit]) && U16_IS_LEAD(text[limit - 1])) --limit;
    // Prefer white space (not inside "2 000"), then any word boundary.
    int32_t cut = limit;
    while (cut > span.begin &&
           !(IsSpace(text[cut]) && !(cut > 0 && cut + 1 < text.size() && u_isdigit(text[cut - 1]) &&
                                     u_isdigit(text[cut + 1])))) {
      --cut;
    }
    if (cut <= span.begin) cut = words->BoundaryAtOrBefore(limit);
    if (cut <= span.begin) cut = limit;
    if (cut <= span.begin) cut = span.begin + U16_LENGTH(CodePointAt(text, span.begin));
    const Span head = Trim(text, {span.begin, cut});
    if (head.begin < head.end && HasLetterOrDigit(text, head)) out->push_back(head);
    span = Trim(text, {cut, span.end});
  }
  if (span.begin < span.end && HasLetterOrDigit(text, span)) out->push_back(span);
}

}  // namespace precis::text
