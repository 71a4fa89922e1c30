// The ICU analyzer: paragraphs -> sentences -> words -> normal forms, stems,
// flags. Per-thread ICU iterators and stemmers live in ThreadState; the
// shared state (lexicons, ICU prototypes) is read-only after creation, except
// for languages first met at run time, which are added under a mutex.
#include "engine/text/analyzer.h"

#include <oneapi/tbb/enumerable_thread_specific.h>
#include <unicode/uchar.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <map>
#include <mutex>

#include "engine/text/language.h"
#include "engine/text/line_breaks.h"
#include "engine/text/normalizer.h"
#include "engine/text/sentence_segmenter.h"
#include "engine/text/stemmer.h"
#include "engine/text/utf16_text.h"
#include "engine/text/word_list.h"
#include "engine/text/word_segmenter.h"

namespace precis::text {
namespace {

// Language identification reads at most this much of a document (title and
// first kept lines): cld2 is reliable from a few hundred bytes, and it costs
// as much as the rest of the analysis per byte read.
constexpr size_t kDetectBytes = 1536;
// Paragraphs are converted to UTF-16 in pieces of at most about this size, so
// a 100 MB single-line file needs bounded memory (a piece boundary ends a
// sentence; sentences are far shorter than this anyway).
constexpr uint32_t kMaxBlockBytes = 1 << 20;

// Languages with shipped lists: prepared in Create so that missing ICU data
// fails there, not in the middle of a run.
constexpr const char* kShippedLanguages[] = {"de", "en", "es", "fr"};

struct SharedLanguage {
  Lexicon lexicon;
  std::unique_ptr<icu::BreakIterator> sentence_prototype;
};

struct ThreadLanguage {
  std::string lang;
  const Lexicon* lexicon = nullptr;
  const WordRules* rules = nullptr;
  std::unique_ptr<SentenceSegmenter> sentences;
  std::unique_ptr<Stemmer> stemmer;
};

struct ThreadState {
  std::unique_ptr<WordSegmenter> words;
  std::vector<std::unique_ptr<ThreadLanguage>> languages;
  Utf16Text text;
  std::vector<WordSpan> word_spans;
  std::vector<Span> sentence_spans;
  icu::UnicodeString scratch;
  std::string detect;
};

bool IsBlank(std::string_view s) {
  for (char c : s)
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
  return true;
}

class IcuAnalyzer final : public Analyzer {
 public:
  IcuAnalyzer(const TextOptions& options, Normalizer normalizer,
              std::unique_ptr<icu::BreakIterator> word_prototype)
      : options_(options), normalizer_(normalizer), word_prototype_(std::move(word_prototype)) {}

  Status Prepare(const std::string& lang) {
    std::lock_guard lock(mu_);
    return SharedFor(lang).status();
  }

  AnalyzedDocument Analyze(const Document& document,
                           const ingest::CleanedText& cleaned) const override {
    return AnalyzeDocument(document, cleaned, /*words_only=*/false);
  }
  AnalyzedDocument AnalyzeWords(const Document& document,
                                const ingest::CleanedText& cleaned) const override {
    return AnalyzeDocument(document, cleaned, /*words_only=*/true);
  }
  AnalyzedDocument AnalyzeText(std::string_view text, std::string_view lang) const override;

 private:
  // REQUIRES: mu_ held.
  StatusOr<const SharedLanguage*> SharedFor(const std::string& lang) const;
  ThreadState& State() const;
  ThreadLanguage& LanguageFor(ThreadState& state, const std::string& lang) const;
  void ResolveLanguage(const Document& document, const ingest::CleanedText& cleaned,
                       ThreadState& state, AnalyzedDocument* out) const;

  AnalyzedDocument AnalyzeDocument(const Document& document, const ingest::CleanedText& cleaned,
                                   bool words_only) const;
  // Tokens of the text in state.text (set in state.words) within `spans`;
  // token i of sentence s gets sentence index first_sentence + s (or
  // kNoSentence when first_sentence is kNoSentence).
  void AddTokens(ThreadState& state, ThreadLanguage& language, const std::vector<Span>& spans,
                 uint32_t first_sentence, bool words_only, std::vector<Token>* tokens,
                 std::string* strings) const;
  // With `words_only`, the token gets its normalised form only (no flags, no stem).
  void AddToken(ThreadState& state, ThreadLanguage& language, const WordSpan& span,
                uint32_t sentence, bool first, bool words_only, std::vector<Token>* tokens,
                std::string* strings) const;
  // Sentences and tokens of the block now in state.text.
  void AnalyzeBlock(const Document& document, ThreadState& state, ThreadLanguage& language,
                    AnalyzedDocument* out) const;
  // Tokens only (AnalyzeWords) of the block now in state.text.
  void WordsOfBlock(ThreadState& state, ThreadLanguage& language, AnalyzedDocument* out) const;

  const TextOptions options_;
  const Normalizer normalizer_;
  const std::unique_ptr<icu::BreakIterator> word_prototype_;

  mutable std::mutex mu_;  // guards languages_ and cloning prototypes
  mutable std::map<std::string, std::unique_ptr<SharedLanguage>, std::less<>> languages_;
  // std::allocator, not TBB's default: the slots only hold pointers, and
  // memory from TBB's scalable allocator is invisible to LeakSanitizer, which
  // then reports every thread's state of a long-lived analyzer as leaked.
  mutable tbb::enumerable_thread_specific<std::unique_ptr<ThreadState>,
                                          std::allocator<std::unique_ptr<ThreadState>>>
      threads_;
};

StatusOr<const SharedLanguage*> IcuAnalyzer::SharedFor(const std::string& lang) const {
  auto it = languages_.find(lang);
  if (it != languages_.end()) return it->second.get();
  auto iterator = CreateSentenceIterator(lang);
  if (!iterator.ok()) return iterator.status();
  auto shared = std::make_unique<SharedLanguage>();
  shared->lexicon = LoadLexicon(lang);
  shared->sentence_prototype = std::move(iterator).value();
  const SharedLanguage* result = shared.get();
  languages_.emplace(lang, std::move(shared));
  return result;
}

ThreadState& IcuAnalyzer::State() const {
  std::unique_ptr<ThreadState>& state = threads_.local();
  if (state == nullptr) {
    state = std::make_unique<ThreadState>();
    std::lock_guard lock(mu_);
    state->words = std::make_unique<WordSegmenter>(
        std::unique_ptr<icu::BreakIterator>(word_prototype_->clone()));
  }
  return *state;
}

ThreadLanguage& IcuAnalyzer::LanguageFor(ThreadState& state, const std::string& lang) const {
  for (auto& l : state.languages)
    if (l->lang == lang) return *l;
  auto language = std::make_unique<ThreadLanguage>();
  language->lang = lang;
  language->rules = &WordRulesFor(lang);
  language->stemmer = std::make_unique<Stemmer>(lang);
  {
    std::lock_guard lock(mu_);
    auto shared = SharedFor(lang);
    // ICU falls back to root data for unknown locales, so this only fails if
    // ICU itself is broken; Create already proved the fallback language works.
    if (!shared.ok()) shared = SharedFor(options_.fallback_language);
    language->lexicon = &(*shared)->lexicon;
    language->sentences = std::make_unique<SentenceSegmenter>(
        std::unique_ptr<icu::BreakIterator>((*shared)->sentence_prototype->clone()),
        &(*shared)->lexicon.abbreviations);
  }
  state.languages.push_back(std::move(language));
  return *state.languages.back();
}

void IcuAnalyzer::ResolveLanguage(const Document& document, const ingest::CleanedText& cleaned,
                                  ThreadState& state, AnalyzedDocument* out) const {
  out->lang = NormalizeLanguageCode(document.lang);
  if (!out->lang.empty()) {
    out->lang_reliable = true;
    return;
  }
  std::string& buf = state.detect;
  buf.assign(cleaned.title);
  for (const ingest::TextLine& line : cleaned.lines) {
    if (buf.size() >= kDetectBytes) break;
    if (line.begin >= line.end || line.end > document.text.size()) continue;
    buf.push_back('\n');
    buf.append(document.text, line.begin, line.end - line.begin);
  }
  if (buf.size() > kDetectBytes) {
    size_t n = kDetectBytes;
    while (n > 0 && U8_IS_TRAIL(static_cast<uint8_t>(buf[n]))) --n;
    buf.resize(n);
  }
  const DetectedLanguage detected = DetectLanguage(buf);
  if (detected.reliable && !detected.code.empty()) {
    out->lang = detected.code;
    out->lang_reliable = true;
  } else {
    out->lang = options_.fallback_language;
    out->lang_reliable = false;
  }
}

void IcuAnalyzer::AddToken(ThreadState& state, ThreadLanguage& language, const WordSpan& span,
                           uint32_t sentence, bool first, bool words_only,
                           std::vector<Token>* tokens, std::string* strings) const {
  const Utf16Text& text = state.text;
  Token token;
  token.begin = text.ByteOffset(span.begin);
  token.end = text.ByteOffset(span.end);
  token.sentence = sentence;
  const size_t norm_offset = strings->size();
  normalizer_.Append(text.data() + span.begin, span.end - span.begin, span.digit_groups, strings,
                     &state.scratch);
  if (span.elided && strings->size() > norm_offset && strings->back() == '\'') strings->pop_back();
  const size_t norm_size = strings->size() - norm_offset;
  if (norm_size == 0 || norm_size > UINT16_MAX) {  // only default-ignorable characters
    strings->resize(norm_offset);
    return;
  }
  token.norm_offset = static_cast<uint32_t>(norm_offset);
  token.norm_size = static_cast<uint16_t>(norm_size);
  token.stem_offset = token.norm_offset;
  token.stem_size = token.norm_size;
  if (words_only) {
    tokens->push_back(token);
    return;
  }

  int letters = 0, upper = 0;
  bool digit = false;
  for (int32_t i = span.begin; i < span.end;) {
    const UChar a = text[i];
    if (a < 0x80) {  // ASCII fast path
      ++i;
      const bool is_upper = a >= u'A' && a <= u'Z';
      if (is_upper || (a >= u'a' && a <= u'z')) {
        ++letters;
        upper += is_upper;
        if (is_upper && i - 1 == span.begin) token.flags |= kCapitalised;
      } else if (a >= u'0' && a <= u'9') {
        digit = true;
      }
      continue;
    }
    UChar32 c;
    U16_NEXT(text.data(), i, span.end, c);
    if (u_isalpha(c)) {
      ++letters;
      if (u_isupper(c) || u_istitle(c)) ++upper;
      if (letters == 1 && upper == 1 && i - U16_LENGTH(c) == span.begin)
        token.flags |= kCapitalised;
    } else if (u_isdigit(c)) {
      digit = true;
    }
  }
  if (digit) token.flags |= kNumeric;
  if (letters >= 2 && upper == letters) token.flags |= kAllCaps;
  if (first) token.flags |= kSentenceStart;
  const std::string_view norm(strings->data() + norm_offset, norm_size);
  if (language.lexicon->stopwords.Contains(norm)) token.flags |= kStopword;

  if (!digit && !span.elided && language.stemmer->ok()) {
    const std::string_view stem = language.stemmer->Stem(norm);
    if (stem != norm && !stem.empty() && stem.size() <= UINT16_MAX) {
      token.stem_offset = static_cast<uint32_t>(strings->size());
      token.stem_size = static_cast<uint16_t>(stem.size());
      strings->append(stem);  // `stem` is libstemmer's buffer, not `strings`
    }
  }
  tokens->push_back(token);
}

void IcuAnalyzer::AddTokens(ThreadState& state, ThreadLanguage& language,
                            const std::vector<Span>& spans, uint32_t first_sentence,
                            bool words_only, std::vector<Token>* tokens,
                            std::string* strings) const {
  size_t s = 0;
  bool first = true;
  for (WordSpan word : state.word_spans) {
    while (s < spans.size() && spans[s].end <= word.begin) {
      ++s;
      first = true;
    }
    if (s == spans.size()) break;
    if (word.begin < spans[s].begin) continue;  // between sentences: nothing to attach to
    if (word.end > spans[s].end) word.end = spans[s].end;  // a join across a length cut
    const uint32_t sentence = first_sentence == Token::kNoSentence
                                  ? Token::kNoSentence
                                  : first_sentence + static_cast<uint32_t>(s);
    const size_t before = tokens->size();
    AddToken(state, language, word, sentence, first, words_only, tokens, strings);
    if (tokens->size() != before) first = false;
  }
}

void IcuAnalyzer::AnalyzeBlock(const Document& document, ThreadState& state,
                               ThreadLanguage& language, AnalyzedDocument* out) const {
  state.words->SetText(state.text);
  language.sentences->Segment(state.text, state.words.get(), options_.max_sentence_bytes,
                              &state.sentence_spans);
  if (state.sentence_spans.empty()) return;
  state.words->Segment(state.text, *language.rules, &state.word_spans);
  const uint32_t first_sentence = static_cast<uint32_t>(out->sentences.size());
  for (const Span& span : state.sentence_spans) {
    Sentence sentence;
    sentence.begin = state.text.ByteOffset(span.begin);
    sentence.end = state.text.ByteOffset(span.end);
    sentence.source_begin = document.SourceOffset(sentence.begin);
    // The end is one past the source of the last byte: a source map run may
    // start right at `end` (removed markup, a skipped line).
    sentence.source_end = document.SourceOffset(sentence.end - 1) + 1;
    out->sentences.push_back(sentence);
  }
  AddTokens(state, language, state.sentence_spans, first_sentence, /*words_only=*/false,
            &out->tokens, &out->strings);
}

void IcuAnalyzer::WordsOfBlock(ThreadState& state, ThreadLanguage& language,
                               AnalyzedDocument* out) const {
  state.words->SetText(state.text);
  state.words->Segment(state.text, *language.rules, &state.word_spans);
  const std::vector<Span> whole{{0, state.text.size()}};
  AddTokens(state, language, whole, Token::kNoSentence, /*words_only=*/true, &out->tokens,
            &out->strings);
}

AnalyzedDocument IcuAnalyzer::AnalyzeDocument(const Document& document,
                                              const ingest::CleanedText& cleaned,
                                              bool words_only) const {
  AnalyzedDocument out;
  ThreadState& state = State();
  out.title = cleaned.title;
  ResolveLanguage(document, cleaned, state, &out);
  ThreadLanguage& language = LanguageFor(state, out.lang);
  const std::string& text = document.text;
  if (text.size() >= UINT32_MAX) return out;  // byte ranges are 32-bit
  out.strings.reserve(text.size() + out.title.size());
  out.tokens.reserve(text.size() / 8);

  if (!out.title.empty() && out.title.size() < UINT32_MAX) {
    state.text.Clear();
    state.text.Append(out.title, 0, /*line_breaks_as_spaces=*/true);
    state.words->SetText(state.text);
    state.words->Segment(state.text, *language.rules, &state.word_spans);
    const std::vector<Span> whole{{0, state.text.size()}};
    AddTokens(state, language, whole, Token::kNoSentence, words_only, &out.title_tokens,
              &out.strings);
  }

  // Blocks: runs of lines of one paragraph whose gaps are white space only.
  const std::vector<ingest::TextLine>& lines = cleaned.lines;
  bool open = false;  // state.text holds a block not yet analysed
  uint32_t block_bytes = 0;
  uint32_t previous_end = 0;
  const ingest::TextLine* previous = nullptr;
  auto flush = [&] {
    if (open && words_only) WordsOfBlock(state, language, &out);
    if (open && !words_only) AnalyzeBlock(document, state, language, &out);
    open = false;
    block_bytes = 0;
  };
  for (const ingest::TextLine& line : lines) {
    if (line.begin >= line.end || line.end > text.size() || line.begin < previous_end) continue;
    const std::string_view content(text.data() + line.begin, line.end - line.begin);
    const bool joins =
        open && !line.paragraph_start && block_bytes < kMaxBlockBytes &&
        content.size() < kMaxBlockBytes &&
        IsBlank(std::string_view(text).substr(previous->end, line.begin - previous->end));
    if (joins) {
      const bool hard = IsHardLineBreak(text, *previous, line);
      state.text.Append(std::string_view(text).substr(previous->end, line.begin - previous->end),
                        previous->end, /*line_breaks_as_spaces=*/!hard);
    } else {
      flush();
      state.text.Clear();
    }
    // A huge line is analysed in pieces cut at white space.
    uint32_t begin = line.begin;
    while (line.end - begin > kMaxBlockBytes) {
      uint32_t cut = begin + kMaxBlockBytes;
      for (uint32_t i = cut; i > cut - 4096; --i) {
        if (text[i] == ' ') {
          cut = i;
          break;
        }
      }
      while (cut > begin && U8_IS_TRAIL(static_cast<uint8_t>(text[cut]))) --cut;
      state.text.Append(std::string_view(text).substr(begin, cut - begin), begin, true);
      open = true;
      flush();
      state.text.Clear();
      begin = cut;
    }
    state.text.Append(std::string_view(text).substr(begin, line.end - begin), begin, true);
    open = true;
    block_bytes += line.end - begin;
    previous = &line;
    previous_end = line.end;
  }
  flush();
  return out;
}

AnalyzedDocument IcuAnalyzer::AnalyzeText(std::string_view text, std::string_view lang) const {
  AnalyzedDocument out;
  ThreadState& state = State();
  out.lang = NormalizeLanguageCode(lang);
  out.lang_reliable = !out.lang.empty();
  if (out.lang.empty()) {
    const DetectedLanguage detected = DetectLanguage(text);
    out.lang_reliable = detected.reliable && !detected.code.empty();
    out.lang = out.lang_reliable ? detected.code : options_.fallback_language;
  }
  if (text.size() >= UINT32_MAX) return out;
  ThreadLanguage& language = LanguageFor(state, out.lang);
  state.text.Clear();
  state.text.Append(text, 0, /*line_breaks_as_spaces=*/true);
  state.words->SetText(state.text);
  state.words->Segment(state.text, *language.rules, &state.word_spans);
  if (state.word_spans.empty()) return out;
  const Span whole{state.word_spans.front().begin, state.word_spans.back().end};
  Sentence sentence;
  sentence.begin = state.text.ByteOffset(whole.begin);
  sentence.end = state.text.ByteOffset(whole.end);
  sentence.source_begin = sentence.begin;
  sentence.source_end = sentence.end;
  out.sentences.push_back(sentence);
  AddTokens(state, language, std::vector<Span>{whole}, 0, /*words_only=*/false, &out.tokens,
            &out.strings);
  return out;
}

}  // namespace

StatusOr<std::unique_ptr<Analyzer>> Analyzer::Create(const TextOptions& options) {
  if (options.max_sentence_bytes < 16) {
    return Status::InvalidArgument("text.max_sentence_bytes must be at least 16 (got " +
                                   std::to_string(options.max_sentence_bytes) + ")");
  }
  auto normalizer = Normalizer::Create();
  if (!normalizer.ok()) return normalizer.status();
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> words(
      icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status) || words == nullptr) {
    return Status::Internal(std::string("cannot create the ICU word break iterator (") +
                            u_errorName(status) + "); check the ICU data installation (libicu72)");
  }
  TextOptions normalized = options;
  normalized.fallback_language = NormalizeLanguageCode(options.fallback_language);
  const std::string& fallback = normalized.fallback_language;
  if (fallback.empty()) {
    return Status::InvalidArgument(
        "text.fallback_language must be an ISO 639-1 code such as \"en\"");
  }
  auto analyzer = std::make_unique<IcuAnalyzer>(normalized, *normalizer, std::move(words));
  for (const char* lang : kShippedLanguages)
    if (Status s = analyzer->Prepare(lang); !s.ok()) return s;
  if (Status s = analyzer->Prepare(fallback); !s.ok()) return s;
  return std::unique_ptr<Analyzer>(std::move(analyzer));
}

}  // namespace precis::text
