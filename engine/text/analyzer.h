// Text analysis: language, sentences, tokens (normalised, stemmed, flagged).
//
// Input is a Document plus the kept lines from ingest::BoilerplateFilter; the
// output refers to the document by byte ranges of Document::text, so any
// sentence or token can be shown in its original context.
//
// This is the contract every later stage (dedup, cluster, summarise) builds on.
#ifndef PRECIS_ENGINE_TEXT_ANALYZER_H_
#define PRECIS_ENGINE_TEXT_ANALYZER_H_

#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/ingest/boilerplate.h"
#include "precis/document.h"
#include "precis/options.h"
#include "precis/result.h"
#include "precis/status.h"

namespace precis::text {

enum TokenFlag : uint8_t {
  kStopword = 1 << 0,       // in the language's stopword list
  kCapitalised = 1 << 1,    // original form starts with an upper-case letter
  kAllCaps = 1 << 2,        // original form is all upper-case, >= 2 letters (acronym)
  kNumeric = 1 << 3,        // contains a digit
  kSentenceStart = 1 << 4,  // first word of its sentence
};

// A word token. Punctuation and spaces are not tokens. Words and numbers as
// engine/text/word_segmenter.h describes: hyphenated compounds are one token
// ("états-unis"), digit groups are one number ("2 000" -> norm "2000"), a
// French elision is its own stopword token ("l'OTAN" -> "l" + "otan"; the
// norm drops the apostrophe, the byte range keeps it), English "'s" is left
// out. Numbers and elisions are not stemmed (stem == norm).
struct Token {
  // Byte range in Document::text (for title tokens: in AnalyzedDocument::title).
  uint32_t begin = 0;
  uint32_t end = 0;
  // Normalised form (NFKC + case folded) and Snowball stem, stored in
  // AnalyzedDocument::strings; read them with norm() / stem().
  uint32_t norm_offset = 0;
  uint32_t stem_offset = 0;
  uint16_t norm_size = 0;
  uint16_t stem_size = 0;
  // Index into AnalyzedDocument::sentences; kNoSentence for title tokens.
  uint32_t sentence = 0;
  uint8_t flags = 0;

  static constexpr uint32_t kNoSentence = std::numeric_limits<uint32_t>::max();
  bool is(TokenFlag f) const { return (flags & f) != 0; }
};

struct AnalyzedDocument {
  // ISO 639-1: Document::lang if given, else detected (cld2), else
  // TextOptions::fallback_language.
  std::string lang;
  // True when `lang` was detected reliably or given.
  bool lang_reliable = false;
  std::string title;
  std::vector<Token> title_tokens;
  // Body sentences in text order; byte ranges of Document::text plus source offsets.
  std::vector<Sentence> sentences;
  // Body tokens in text order; token.sentence indexes `sentences`.
  std::vector<Token> tokens;
  // Backing storage of the normalised and stemmed forms.
  std::string strings;

  std::string_view norm(const Token& t) const {
    return {strings.data() + t.norm_offset, t.norm_size};
  }
  std::string_view stem(const Token& t) const {
    return {strings.data() + t.stem_offset, t.stem_size};
  }
};

// Thread-safe after creation: Analyze may be called from many threads at once
// (ICU break iterators and stemmers are per thread inside).
class Analyzer {
 public:
  // Fails if ICU data or the stopword lists cannot be loaded.
  static StatusOr<std::unique_ptr<Analyzer>> Create(const TextOptions& options);
  virtual ~Analyzer() = default;

  // Analyses the kept lines of `document`. Never fails on odd text: a document
  // with no words yields no sentences. O(document length).
  virtual AnalyzedDocument Analyze(const Document& document,
                                   const ingest::CleanedText& cleaned) const = 0;

  // Words only, for near-duplicate detection, about twice as fast: the title
  // and body tokens with their byte ranges and normalised forms, and `lang`;
  // no sentences, no stems (stem == norm), no flags, Token::sentence is
  // kNoSentence. The tokens are Analyze's except where Analyze cuts a word at
  // a sentence boundary (a word in a run of TextOptions::max_sentence_bytes
  // without white space): here it stays whole. O(document length).
  virtual AnalyzedDocument AnalyzeWords(const Document& document,
                                        const ingest::CleanedText& cleaned) const = 0;

  // Analyses a free-standing string (a query, a title) in language `lang`:
  // one pseudo-sentence, tokens' byte ranges into `text`.
  virtual AnalyzedDocument AnalyzeText(std::string_view text, std::string_view lang) const = 0;
};

}  // namespace precis::text

#endif  // PRECIS_ENGINE_TEXT_ANALYZER_H_
