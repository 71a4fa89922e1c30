#include "engine/text/normalizer.h"

#include <unicode/utf16.h>
#include <unicode/utf8.h>

namespace precis::text {
namespace {

UChar32 FoldApostrophe(UChar32 c) {
  return (c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0xFF07) ? U'\'' : c;
}

void AppendUtf8(UChar32 c, std::string* out) {
  char buf[U8_MAX_LENGTH];
  int32_t n = 0;
  UBool error = false;
  U8_APPEND(buf, n, U8_MAX_LENGTH, c, error);
  if (!error) out->append(buf, static_cast<size_t>(n));
}

}  // namespace

StatusOr<Normalizer> Normalizer::Create() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status) || n == nullptr) {
    return Status::Internal(std::string("cannot load ICU NFKC_Casefold data (") +
                            u_errorName(status) + "); check the ICU installation (libicu72)");
  }
  return Normalizer(n);
}

void Normalizer::Append(const UChar* word, int32_t length, bool drop_spaces, std::string* out,
                        icu::UnicodeString* scratch) const {
  bool ascii = true;
  for (int32_t i = 0; i < length && ascii; ++i) ascii = word[i] < 0x80;
  if (ascii) {
    // Written through a pointer: push_back per character cost more than the
    // folding itself.
    const size_t at = out->size();
    out->resize(at + static_cast<size_t>(length));
    char* d = out->data() + at;
    for (int32_t i = 0; i < length; ++i) {
      char c = static_cast<char>(word[i]);
      if (c == ' ' && drop_spaces) continue;
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      *d++ = c;
    }
    out->resize(static_cast<size_t>(d - out->data()));
    return;
  }
  UErrorCode status = U_ZERO_ERROR;
  // Read-only alias: no copy of the word.
  const icu::UnicodeString source(false, word, length);
  nfkc_cf_->normalize(source, *scratch, status);
  const icu::UnicodeString& folded = U_SUCCESS(status) ? *scratch : source;
  const UChar* s = folded.getBuffer();
  const int32_t n = folded.length();
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U16_NEXT(s, i, n, c);
    if (c == ' ' && drop_spaces) continue;
    c = FoldApostrophe(c);
    if (c < 0x80) {
      out->push_back(static_cast<char>(c));
    } else {
      AppendUtf8(c, out);
    }
  }
}

}  // namespace precis::text
