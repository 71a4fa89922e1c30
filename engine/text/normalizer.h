// Normalizer: the matching form of a word, NFKC + Unicode case folding.
//
// "ÉTATS" -> "états", "ﬁn" (ligature) -> "fin", "Straße" -> "strasse",
// full-width digits -> ASCII digits. Apostrophes (’ ‘ ʼ) fold to ' so that
// "aujourd’hui" and "aujourd'hui" match. The original text is never changed:
// tokens keep their byte range for display.
//
// Thread-safety: the ICU normaliser is a shared immutable singleton; Append is
// const and may run on many threads. The caller passes its own scratch buffer.
#ifndef PRECIS_ENGINE_TEXT_NORMALIZER_H_
#define PRECIS_ENGINE_TEXT_NORMALIZER_H_

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <string>

#include "precis/status.h"

namespace precis::text {

class Normalizer {
 public:
  // Fails if ICU's normalisation data cannot be loaded.
  static StatusOr<Normalizer> Create();

  // Appends the UTF-8 matching form of UTF-16 `word[0, length)` to `out`.
  // With `drop_spaces`, spaces (which NFKC makes of no-break and thin spaces)
  // are left out: digit groups "2 000" become "2000". Pure ASCII takes a fast
  // path. `scratch` is reused between calls to avoid allocations.
  void Append(const UChar* word, int32_t length, bool drop_spaces, std::string* out,
              icu::UnicodeString* scratch) const;

 private:
  explicit Normalizer(const icu::Normalizer2* nfkc_cf) : nfkc_cf_(nfkc_cf) {}
  const icu::Normalizer2* nfkc_cf_;  // owned by ICU
};

}  // namespace precis::text

#endif  // PRECIS_ENGINE_TEXT_NORMALIZER_H_
