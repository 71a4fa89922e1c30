// Stemmer: Snowball (libstemmer) stems for one language.
//
// Thread-safety: NOT thread-safe (libstemmer keeps its working buffer in the
// stemmer); the analyzer keeps one Stemmer per thread and language.
#ifndef PRECIS_ENGINE_TEXT_STEMMER_H_
#define PRECIS_ENGINE_TEXT_STEMMER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

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
  // Snowball costs several hundred ns a word, and news vocabulary repeats,
  // so stems are memoised in a flat open-addressing table (one probe is
  // usually one cache line, unlike node-based maps), cleared when half full.
  static constexpr size_t kSlots = 1 << 15;
  static constexpr size_t kMaxWordBytes = 48;
  struct Slot {
    uint64_t hash = 0;    // 0 = empty
    uint32_t offset = 0;  // word, then stem, in arena_
    uint8_t word_size = 0;
    uint8_t stem_size = 0;
  };
  std::string_view Cached(std::string_view word, uint64_t hash) const;
  std::string_view Remember(std::string_view word, uint64_t hash, std::string_view stem);

  sb_stemmer* stemmer_ = nullptr;
  std::vector<Slot> slots_;
  std::string arena_;
  size_t used_ = 0;
};

}  // namespace precis::text

#endif  // PRECIS_ENGINE_TEXT_STEMMER_H_
