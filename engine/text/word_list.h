// WordList: a set of words read from a data file shipped inside the library
// (stopwords, abbreviations), and the per-language lists the analyzer uses.
//
// Data files live in engine/text/data/ and are compiled in with precis_embed,
// so an installed library needs no data path. Format: UTF-8, one entry per
// line, '#' starts a comment line, blank lines ignored.
#ifndef PRECIS_ENGINE_TEXT_WORD_LIST_H_
#define PRECIS_ENGINE_TEXT_WORD_LIST_H_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace precis::text {

class WordList {
 public:
  // Views into `data`, which must outlive the list (embedded data is static).
  static WordList Parse(std::string_view data);

  // Exact match. O(length) expected. Thread-safe (const).
  bool Contains(std::string_view word) const;
  size_t size() const { return size_; }
  void Merge(const WordList& other);

 private:
  void Insert(std::string_view word);
  static uint64_t Hash(std::string_view word);

  // Open addressing, linear probing, at most half full; an empty view is a
  // free slot (no entry is empty). Every token of every report is looked up
  // here: a node-based set cost a hash of the word, a bucket and a node
  // read, a few per cent of the digest's analysis.
  std::vector<std::string_view> slots_;
  size_t size_ = 0;
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
