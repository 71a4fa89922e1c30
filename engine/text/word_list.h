// WordList: a set of words read from a data file shipped inside the library
// (stopwords, abbreviations), and the per-language lists the analyzer uses.
//
// Data files live in engine/text/data/ and are compiled in with precis_embed,
// so an installed library needs no data path. Format: UTF-8, one entry per
// line, '#' starts a comment line, blank lines ignored.
#ifndef PRECIS_ENGINE_TEXT_WORD_LIST_H_
#define PRECIS_ENGINE_TEXT_WORD_LIST_H_

#include <string_view>
#include <unordered_set>

namespace precis::text {

class WordList {
 public:
  // Views into `data`, which must outlive the list (embedded data is static).
  static WordList Parse(std::string_view data);

  // Exact match. O(length) expected.
  bool Contains(std::string_view word) const { return words_.count(word) != 0; }
  size_t size() const { return words_.size(); }
  void Merge(const WordList& other) { words_.insert(other.words_.begin(), other.words_.end()); }

 private:
  std::unordered_set<std::string_view> words_;
};

// The lists of one language (ISO 639-1). Languages without shipped lists get
// empty stopwords and only the language-independent abbreviations.
struct Lexicon {
  // Case-folded function words (data/stopwords_<lang>.txt).
  WordList stopwords;
  // Exact forms such as "M." after which a sentence does not end
  // (data/abbreviations_<lang>.txt plus data/abbreviations_common.txt).
  WordList abbreviations;
};

Lexicon LoadLexicon(std::string_view lang);

// True if precis ships a stopword list for `lang`.
bool HasStopwords(std::string_view lang);

}  // namespace precis::text

#endif  // PRECIS_ENGINE_TEXT_WORD_LIST_H_
