// Stemmer: Snowball (libstemmer) stems for one language.
//
// Thread-safety: NOT thread-safe (libstemmer keeps its working buffer in the
// stemmer); the analyzer keeps one Stemmer per thread and language.
#ifndef PRECIS_ENGINE_TEXT_STEMMER_H_
#define PRECIS_ENGINE_TEXT_STEMMER_H_

#include <memory>
#include <string_view>

struct sb_stemmer;

namespace precis::text {

class Stemmer {
 public:
  // `lang`: ISO 639-1 code. Languages libstemmer lacks give a stemmer whose
  // Stem returns the word unchanged (ok() is false).
  explicit Stemmer(std::string_view lang);
  ~Stemmer();
  Stemmer(const Stemmer&) = delete;
  Stemmer& operator=(const Stemmer&) = delete;

  bool ok() const { return stemmer_ != nullptr; }

  // Stem of a lower-case (case-folded) UTF-8 word, e.g. "rencontré" ->
  // "rencontr". The view is valid until the next call. O(word length).
  std::string_view Stem(std::string_view word);

 private:
  sb_stemmer* stemmer_ = nullptr;
};

}  // namespace precis::text

#endif  // PRECIS_ENGINE_TEXT_STEMMER_H_
