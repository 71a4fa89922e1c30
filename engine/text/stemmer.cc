#include "engine/text/stemmer.h"

#include <libstemmer.h>
#include <xxhash.h>

#include <algorithm>
#include <string>

namespace precis::text {

Stemmer::Stemmer(std::string_view lang) {
  // libstemmer knows ISO 639-1 codes as aliases ("fr" -> french); "porter"
  // and other non-language names must not be reachable from a lang code.
  if (lang.size() == 2) stemmer_ = sb_stemmer_new(std::string(lang).c_str(), "UTF_8");
}

Stemmer::~Stemmer() {
  if (stemmer_ != nullptr) sb_stemmer_delete(stemmer_);
}

std::string_view Stemmer::Cached(std::string_view word, uint64_t hash) const {
  for (size_t i = hash & (kSlots - 1);; i = (i + 1) & (kSlots - 1)) {
    const Slot& slot = slots_[i];
    if (slot.hash == 0) return {};
    if (slot.hash == hash && slot.word_size == word.size() &&
        arena_.compare(slot.offset, slot.word_size, word) == 0) {
      return {arena_.data() + slot.offset + slot.word_size, slot.stem_size};
    }
  }
}

std::string_view Stemmer::Remember(std::string_view word, uint64_t hash, std::string_view stem) {
  if (used_ >= kSlots / 2) {
    std::fill(slots_.begin(), slots_.end(), Slot());
    arena_.clear();
    used_ = 0;
  }
  size_t i = hash & (kSlots - 1);
  while (slots_[i].hash != 0) i = (i + 1) & (kSlots - 1);
  Slot& slot = slots_[i];
  slot.hash = hash;
  slot.offset = static_cast<uint32_t>(arena_.size());
  slot.word_size = static_cast<uint8_t>(word.size());
  slot.stem_size = static_cast<uint8_t>(stem.size());
  arena_.append(word).append(stem);
  ++used_;
  return {arena_.data() + slot.offset + slot.word_size, slot.stem_size};
}

std::string_view Stemmer::Stem(std::string_view word) {
  if (stemmer_ == nullptr) return word;
  const bool cacheable = !word.empty() && word.size() <= kMaxWordBytes;
  uint64_t hash = 0;
  if (cacheable) {
    if (slots_.empty()) slots_.resize(kSlots);
    hash = XXH3_64bits(word.data(), word.size()) | 1;  // never 0 (empty)
    const std::string_view cached = Cached(word, hash);
    // A cached stem is never empty: Snowball keeps at least one letter.
    if (!cached.empty()) return cached;
  }
  const sb_symbol* stem = sb_stemmer_stem(stemmer_, reinterpret_cast<const sb_symbol*>(word.data()),
                                          static_cast<int>(word.size()));
  if (stem == nullptr) return word;  // out of memory inside libstemmer
  const std::string_view result(reinterpret_cast<const char*>(stem),
                                static_cast<size_t>(sb_stemmer_length(stemmer_)));
  if (!cacheable || result.empty() || result.size() > kMaxWordBytes) return result;
  return Remember(word, hash, result);
}

}  // namespace precis::text
