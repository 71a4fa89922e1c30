// ROUGE-1/2/L F1 (Lin 2004) with a Unicode tokenizer and Snowball stemming in
// the text's language. The usual Python rouge-score tokenizer keeps only
// [a-z0-9], so "été" is lost and French scores are too low; this one keeps
// every letter.
#ifndef PRECIS_TOOLS_ROUGE_SCORER_ROUGE_SCORE_H_
#define PRECIS_TOOLS_ROUGE_SCORER_ROUGE_SCORE_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace precis::rouge {

// Splits at ICU word boundaries, keeps words with a letter or digit, splits
// elisions at apostrophes ("l'homme" -> "l", "homme"), case-folds, and stems
// with Snowball for `lang` (ISO 639-1; no stemming when Snowball has no such
// language). Not thread-safe: one Tokenizer per thread.
class Tokenizer {
 public:
  explicit Tokenizer(std::string_view lang);
  ~Tokenizer();
  Tokenizer(const Tokenizer&) = delete;
  Tokenizer& operator=(const Tokenizer&) = delete;

  std::vector<std::string> Tokens(std::string_view text);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

struct Scores {
  double rouge1 = 0, rouge2 = 0, rougeL = 0;  // F1 each
};

// F1 of ROUGE-N (clipped n-gram counts) and ROUGE-L (longest common
// subsequence over the whole text) of `candidate` against one reference.
// Empty sequences score 0.
double RougeN(const std::vector<std::string>& candidate, const std::vector<std::string>& reference,
              int n);
double RougeL(const std::vector<std::string>& candidate, const std::vector<std::string>& reference);
Scores Score(const std::vector<std::string>& candidate, const std::vector<std::string>& reference);

}  // namespace precis::rouge

#endif  // PRECIS_TOOLS_ROUGE_SCORER_ROUGE_SCORE_H_
