#include "engine/text/stemmer.h"

#include <libstemmer.h>

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

std::string_view Stemmer::Stem(std::string_view word) {
  if (stemmer_ == nullptr) return word;
  const sb_symbol* stem = sb_stemmer_stem(stemmer_, reinterpret_cast<const sb_symbol*>(word.data()),
                                          static_cast<int>(word.size()));
  if (stem == nullptr) return word;  // out of memory inside libstemmer
  return {reinterpret_cast<const char*>(stem), static_cast<size_t>(sb_stemmer_length(stemmer_))};
}

}  // namespace precis::text
