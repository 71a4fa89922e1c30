// Normalisation and word/sentence segmentation: the input is a report as an
// API caller may hand it over (any bytes), "LANG\nTITLE\nBODY": the first
// line is Document::lang, the second the title, the rest the body. It is
// cleaned (per-document boilerplate rule, as the incremental engine does)
// and analysed three ways, by two analyzers: the default one and one whose
// sentence limit is the smallest allowed, so long-sentence cuts run often.
#include <memory>
#include <string>
#include <string_view>

#include "engine/ingest/boilerplate.h"
#include "engine/text/analyzer.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

using precis::text::AnalyzedDocument;
using precis::text::Token;

std::unique_ptr<precis::text::Analyzer> MakeAnalyzer(uint32_t max_sentence_bytes) {
  precis::TextOptions options;
  options.max_sentence_bytes = max_sentence_bytes;
  auto analyzer = precis::text::Analyzer::Create(options);
  PRECIS_FUZZ_CHECK(analyzer.ok(), "the analyzer can be made");
  return std::move(analyzer).value();
}

// Tokens of `tokens` lie in a text of `size` bytes, in order, with their
// normal forms in `strings`.
void CheckTokens(const AnalyzedDocument& a, const std::vector<Token>& tokens, size_t size) {
  uint32_t previous_begin = 0;
  for (const Token& t : tokens) {
    PRECIS_FUZZ_CHECK(t.begin < t.end && t.end <= size, "a token lies in its text");
    PRECIS_FUZZ_CHECK(t.begin >= previous_begin, "tokens are in text order");
    PRECIS_FUZZ_CHECK(t.norm_size > 0, "a token has a normal form");
    PRECIS_FUZZ_CHECK(size_t{t.norm_offset} + t.norm_size <= a.strings.size(), "norm in strings");
    PRECIS_FUZZ_CHECK(size_t{t.stem_offset} + t.stem_size <= a.strings.size(), "stem in strings");
    previous_begin = t.begin;
  }
}

void CheckAnalysis(const precis::Document& doc, const precis::ingest::CleanedText& cleaned,
                   const AnalyzedDocument& a, uint32_t max_sentence_bytes, bool words_only) {
  PRECIS_FUZZ_CHECK(!a.lang.empty(), "a language is chosen");
  PRECIS_FUZZ_CHECK(a.title == cleaned.title, "the title analysed is the cleaned one");
  CheckTokens(a, a.title_tokens, a.title.size());
  for (const Token& t : a.title_tokens)
    PRECIS_FUZZ_CHECK(t.sentence == Token::kNoSentence, "title tokens have no sentence");
  CheckTokens(a, a.tokens, doc.text.size());
  if (words_only) {
    PRECIS_FUZZ_CHECK(a.sentences.empty(), "words only: no sentences");
    for (const Token& t : a.tokens) {
      PRECIS_FUZZ_CHECK(t.sentence == Token::kNoSentence && t.flags == 0, "words only: no flags");
      PRECIS_FUZZ_CHECK(t.stem_offset == t.norm_offset && t.stem_size == t.norm_size,
                        "words only: stem == norm");
    }
  }
  uint32_t previous_end = 0;
  for (const precis::Sentence& s : a.sentences) {
    PRECIS_FUZZ_CHECK(s.begin < s.end && s.end <= doc.text.size(), "a sentence lies in the text");
    PRECIS_FUZZ_CHECK(s.begin >= previous_end, "sentences are in order and apart");
    PRECIS_FUZZ_CHECK(s.end - s.begin <= max_sentence_bytes, "a sentence is cut to the limit");
    PRECIS_FUZZ_CHECK(s.source_begin == s.begin && s.source_end == s.end,
                      "without a source map the text is its own source");
    previous_end = s.end;
  }
  for (const Token& t : a.tokens) {
    if (words_only) continue;
    PRECIS_FUZZ_CHECK(t.sentence < a.sentences.size(), "a body token belongs to a sentence");
    const precis::Sentence& s = a.sentences[t.sentence];
    PRECIS_FUZZ_CHECK(t.begin >= s.begin && t.end <= s.end, "a token lies in its sentence");
  }
  // Body tokens come from kept lines (and the white space joining them).
  if (!a.tokens.empty()) {
    PRECIS_FUZZ_CHECK(!cleaned.lines.empty(), "tokens come from kept lines");
    PRECIS_FUZZ_CHECK(a.tokens.front().begin >= cleaned.lines.front().begin &&
                          a.tokens.back().end <= cleaned.lines.back().end,
                      "tokens lie within the kept lines");
  }
}

const uint32_t kStandardMax = precis::TextOptions{}.max_sentence_bytes;
constexpr uint32_t kShortestMax = 16;  // Analyzer::Create refuses less

struct Analyzers {
  std::unique_ptr<precis::text::Analyzer> standard = MakeAnalyzer(kStandardMax);
  std::unique_ptr<precis::text::Analyzer> shortest = MakeAnalyzer(kShortestMax);
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > precis::fuzz::kMaxInput) return 0;
  static const Analyzers& analyzers = *new Analyzers;
  static const auto& filter = *new precis::ingest::BoilerplateFilter(precis::IngestOptions{});

  const std::string_view input(reinterpret_cast<const char*>(data), size);
  precis::Document doc;
  doc.id = "fuzz";
  const size_t lang_end = std::min(input.find('\n'), input.size());
  doc.lang = std::string(input.substr(0, lang_end));
  const std::string_view rest = input.substr(std::min(lang_end + 1, input.size()));
  const size_t title_end = std::min(rest.find('\n'), rest.size());
  doc.title = std::string(rest.substr(0, title_end));
  doc.text = std::string(rest.substr(std::min(title_end + 1, rest.size())));

  const precis::ingest::CleanedText cleaned = filter.Clean(doc);
  CheckAnalysis(doc, cleaned, analyzers.standard->Analyze(doc, cleaned), kStandardMax, false);
  CheckAnalysis(doc, cleaned, analyzers.shortest->Analyze(doc, cleaned), kShortestMax, false);
  CheckAnalysis(doc, cleaned, analyzers.standard->AnalyzeWords(doc, cleaned), kStandardMax, true);
  const AnalyzedDocument query = analyzers.standard->AnalyzeText(doc.title, doc.lang);
  CheckTokens(query, query.tokens, doc.title.size());
  return 0;
}
