#include "tools/rouge_scorer/rouge_score.h"

#include <libstemmer.h>
#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <map>

namespace precis::rouge {

struct Tokenizer::Impl {
  std::unique_ptr<icu::BreakIterator> words;
  sb_stemmer* stemmer = nullptr;
};

Tokenizer::Tokenizer(std::string_view lang) : impl_(std::make_unique<Impl>()) {
  UErrorCode status = U_ZERO_ERROR;
  impl_->words.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status)) impl_->words.reset();
  impl_->stemmer = sb_stemmer_new(std::string(lang).c_str(), "UTF_8");
}

Tokenizer::~Tokenizer() {
  if (impl_->stemmer != nullptr) sb_stemmer_delete(impl_->stemmer);
}

std::vector<std::string> Tokenizer::Tokens(std::string_view text) {
  std::vector<std::string> out;
  if (!impl_->words) return out;
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  impl_->words->setText(u);
  auto emit = [&](icu::UnicodeString word) {
    bool alnum = false;
    for (int32_t i = 0; i < word.length(); i = word.moveIndex32(i, 1))
      alnum = alnum || u_isalnum(word.char32At(i));
    if (!alnum) return;
    word.foldCase();
    std::string utf8;
    word.toUTF8String(utf8);
    if (impl_->stemmer != nullptr) {
      const sb_symbol* stem =
          sb_stemmer_stem(impl_->stemmer, reinterpret_cast<const sb_symbol*>(utf8.data()),
                          static_cast<int>(utf8.size()));
      if (stem != nullptr)
        utf8.assign(reinterpret_cast<const char*>(stem), sb_stemmer_length(impl_->stemmer));
    }
    out.push_back(std::move(utf8));
  };
  int32_t start = impl_->words->first();
  for (int32_t end = impl_->words->next(); end != icu::BreakIterator::DONE;
       start = end, end = impl_->words->next()) {
    if (impl_->words->getRuleStatus() == UBRK_WORD_NONE) continue;
    // Elisions: ICU keeps "l'homme" whole; split at apostrophes.
    int32_t piece = start;
    for (int32_t i = start; i < end; ++i) {
      const UChar c = u.charAt(i);
      if (c == u'\'' || c == u'\u2019') {
        if (i > piece) emit(icu::UnicodeString(u, piece, i - piece));
        piece = i + 1;
      }
    }
    if (end > piece) emit(icu::UnicodeString(u, piece, end - piece));
  }
  return out;
}

namespace {

double F1(double overlap, double candidate, double reference) {
  if (overlap <= 0 || candidate <= 0 || reference <= 0) return 0;
  const double p = overlap / candidate, r = overlap / reference;
  return 2 * p * r / (p + r);
}

std::map<std::vector<std::string>, int> NGrams(const std::vector<std::string>& tokens, int n) {
  std::map<std::vector<std::string>, int> counts;
  for (size_t i = 0; i + n <= tokens.size(); ++i)
    ++counts[{tokens.begin() + i, tokens.begin() + i + n}];
  return counts;
}

}  // namespace

double RougeN(const std::vector<std::string>& candidate, const std::vector<std::string>& reference,
              int n) {
  const auto c = NGrams(candidate, n), r = NGrams(reference, n);
  double overlap = 0, total_c = 0, total_r = 0;
  for (const auto& [gram, count] : c) {
    total_c += count;
    auto it = r.find(gram);
    if (it != r.end()) overlap += std::min(count, it->second);
  }
  for (const auto& [gram, count] : r) total_r += count;
  return F1(overlap, total_c, total_r);
}

double RougeL(const std::vector<std::string>& candidate,
              const std::vector<std::string>& reference) {
  // Two-row dynamic programme for the LCS length.
  std::vector<int> prev(reference.size() + 1, 0), cur(reference.size() + 1, 0);
  for (size_t i = 1; i <= candidate.size(); ++i) {
    for (size_t j = 1; j <= reference.size(); ++j) {
      cur[j] =
          candidate[i - 1] == reference[j - 1] ? prev[j - 1] + 1 : std::max(prev[j], cur[j - 1]);
    }
    std::swap(prev, cur);
  }
  return F1(prev[reference.size()], static_cast<double>(candidate.size()),
            static_cast<double>(reference.size()));
}

Scores Score(const std::vector<std::string>& candidate, const std::vector<std::string>& reference) {
  return {RougeN(candidate, reference, 1), RougeN(candidate, reference, 2),
          RougeL(candidate, reference)};
}

}  // namespace precis::rouge
