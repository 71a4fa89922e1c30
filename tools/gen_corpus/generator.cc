#include "tools/gen_corpus/generator.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace precis::gen {

namespace {

// xoshiro256** seeded by SplitMix64: fast, reproducible on every platform
// (std::uniform_int_distribution is not, so ranges are reduced by hand).
class Rng {
 public:
  explicit Rng(uint64_t seed) {
    for (uint64_t& s : s_) {
      seed += 0x9e3779b97f4a7c15ULL;
      uint64_t z = seed;
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
      s = z ^ (z >> 31);
    }
  }
  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }
  // Uniform in [0, n); n > 0.
  size_t Below(size_t n) {
    return static_cast<size_t>((Next() >> 11) * 0x1.0p-53 * static_cast<double>(n));
  }
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  bool Chance(double p) { return Uniform() < p; }
  int Between(int lo, int hi) {
    return lo + static_cast<int>(Below(static_cast<size_t>(hi - lo + 1)));
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

struct RealDoc {
  std::string title;
  std::vector<std::string> paragraphs;
  std::string lang;
};

struct RealEvent {
  std::string story;
  std::string event;
  std::vector<size_t> docs;  // indices into Impl::real
};

// Draws the items of a pool without repeats: one seeded permutation of the
// whole pool per epoch (a pass over it), independent of the epochs before.
// Memory: one index per pool item, whatever the number of draws.
class Deck {
 public:
  Deck() = default;
  Deck(size_t size, uint64_t salt) : order_(size), salt_(salt) {}
  bool empty() const { return order_.empty(); }
  uint64_t drawn() const { return drawn_; }
  uint64_t salt() const { return salt_; }
  // The next item's index; *epoch: how many full passes were drawn before it.
  size_t Draw(uint64_t* epoch) {
    const uint64_t n = order_.size();
    const uint64_t pos = drawn_ % n;
    *epoch = drawn_ / n;
    if (pos == 0) {
      for (size_t i = 0; i < order_.size(); ++i) order_[i] = static_cast<uint32_t>(i);
      Rng rng(salt_ ^ (*epoch + 1) * 0xd1b54a32d192ed03ULL);
      for (size_t i = order_.size(); i > 1; --i) std::swap(order_[i - 1], order_[rng.Below(i)]);
    }
    ++drawn_;
    return order_[pos];
  }

 private:
  std::vector<uint32_t> order_;
  uint64_t salt_ = 0;
  uint64_t drawn_ = 0;
};

struct LangPool {
  std::vector<std::string> sentences;  // distinct; none occurs in an emitted real report
  std::vector<std::string> words;
  std::vector<uint8_t> rare;        // per entry of `words`: respelt on every pass after the first
  std::vector<std::string> titles;  // distinct
  Deck sentence_deck, title_deck;
};

// Share of a reused pool sentence's (or title's) words replaced, each use its
// own choice: all of them, so a reuse shares with the original and with other
// reuses only the words any two sentences of the language share by chance
// (generator.h, "Pool reuse").
constexpr double kReuseRewording = 1.0;

// Rare pool words (generator.h, "Rare words"): fewer than one in kRareShare
// of the language pool's words, or fewer than kRareCount occurrences in a
// small pool. One in 10^4 is where a word stops being part of the language
// every report uses and starts naming what a report is about.
constexpr double kRareShare = 1e4;
constexpr double kRareCount = 3;

// One story in kRealEvery is a real event (see MakeStory).
constexpr uint64_t kRealEvery = 256;

std::vector<std::string> SplitWords(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  std::string w;
  while (in >> w) out.push_back(w);
  return out;
}

// Words of a pool sentence, also cut at no-break spaces (U+00A0, U+202F):
// "Burr\u00a0(N.C.),\u00a0Shelley" drawn as one replacement word would plant
// three rare words together in every report that draws it.
std::vector<std::string> SplitPoolWords(const std::string& s) {
  std::string spaced;
  spaced.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s.compare(i, 2, "\xC2\xA0") == 0) {
      spaced.push_back(' ');
      i += 1;
    } else if (s.compare(i, 3, "\xE2\x80\xAF") == 0) {
      spaced.push_back(' ');
      i += 2;
    } else {
      spaced.push_back(s[i]);
    }
  }
  return SplitWords(spaced);
}

bool AsciiPunct(char c) { return std::ispunct(static_cast<unsigned char>(c)) != 0; }

// A word without the ASCII punctuation around it ("(N.C.)," -> "N.C"), so
// "Trump" and "Trump," count as one word.
std::string_view WordCore(std::string_view w) {
  while (!w.empty() && AsciiPunct(w.front())) w.remove_prefix(1);
  while (!w.empty() && AsciiPunct(w.back())) w.remove_suffix(1);
  return w;
}

// Which spelling of a rare word the pass `epoch` (> 0) uses: floor(sqrt(epoch)),
// so the spellings up to pass E number about sqrt(E) (Heaps' law: a
// corpus's vocabulary grows about as the square root of its size).
uint64_t Spelling(uint64_t epoch) {
  uint64_t s = static_cast<uint64_t>(std::sqrt(static_cast<double>(epoch)));
  while (s * s > epoch) --s;
  while ((s + 1) * (s + 1) <= epoch) ++s;
  return s;
}

// `word` in its `spelling`-th respelling (>= 1): two syllables naming the
// spelling (modulo 4,900) are added after its last letter or digit ("Hoeven,"
// -> "Hoevenbeba," for spelling 1; all-caps words get capitals: "ZTE" ->
// "ZTEBEBA"). Always two: a suffix that grew with the spelling would make
// the documents of a larger corpus longer on average.
std::string Respell(const std::string& word, uint64_t spelling) {
  static constexpr std::string_view kConsonants = "bdfgklmnprstvz";
  static constexpr std::string_view kVowels = "aeiou";
  const uint64_t syllables = kConsonants.size() * kVowels.size();
  std::string suffix;
  for (uint64_t e = spelling, i = 0; i < 2; ++i, e /= syllables) {
    suffix.push_back(kConsonants[e % syllables / kVowels.size()]);
    suffix.push_back(kVowels[e % syllables % kVowels.size()]);
  }
  const std::string_view core = WordCore(word);
  if (core.empty()) return word;
  const bool caps =
      std::none_of(core.begin(), core.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  if (caps) {
    for (char& c : suffix) c = static_cast<char>(c - 'a' + 'A');
  }
  const size_t end = static_cast<size_t>(core.data() - word.data()) + core.size();
  return word.substr(0, end) + suffix + word.substr(end);
}

std::string JoinWords(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) {
    if (!out.empty()) out.push_back(' ');
    out += w;
  }
  return out;
}

// Sentence ends: . ! ? (optionally followed by a closing quote) then a space.
std::vector<std::string> SplitSentences(const std::string& para) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t i = 0; i + 1 < para.size(); ++i) {
    const char c = para[i];
    if ((c == '.' || c == '!' || c == '?') && para[i + 1] == ' ' && i + 2 < para.size() &&
        !(para[i + 2] >= 'a' && para[i + 2] <= 'z')) {
      out.push_back(para.substr(start, i + 1 - start));
      start = i + 2;
    }
  }
  if (start < para.size()) out.push_back(para.substr(start));
  return out;
}

std::string StripTitle(std::string t) {
  while (!t.empty() && (t.back() == '.' || t.back() == ' ' || t.back() == '\n')) t.pop_back();
  std::replace(t.begin(), t.end(), '\n', ' ');
  return t;
}

// Paragraphs: non-empty lines with at least 8 words (drops navigation debris of the seeds).
std::vector<std::string> Paragraphs(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (SplitWords(line).size() >= 8) out.push_back(JoinWords(SplitWords(line)));
  }
  return out;
}

std::string Date(uint64_t story) {
  // Days since 2024-01-01 -> civil date (Howard Hinnant's algorithm).
  const int64_t z = 19723 + static_cast<int64_t>(story % 730) + 719468;
  const int64_t era = z / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const int64_t y = yoe + era * 400 + (m <= 2);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lld", static_cast<long long>(y),
                static_cast<long long>(m), static_cast<long long>(d));
  return buf;
}

const char* const kAgencies[] = {"Agence Nouvelles",   "Global Wire",       "Press Union",
                                 "Metro News Service", "Continental Press", "Northern Dispatch"};
const char* const kNames[] = {"Marie Laurent", "John Carter", "Ana Ruiz",      "Peter Novak",
                              "Lena Berg",     "Omar Haddad", "Claire Dubois", "Tom Evans",
                              "Sofia Rossi",   "Jan Kowalski"};
const char* const kCities[] = {"Paris",      "London", "Brussels", "Geneva",
                               "Washington", "Berlin", "Madrid"};

// Exactly round(rate * words) edits (at least one) at distinct positions.
std::vector<std::string> EditWords(const std::vector<std::string>& paragraphs, double rate,
                                   const std::string& op, const std::vector<std::string>& vocab,
                                   Rng& rng) {
  std::vector<std::vector<std::string>> words;
  size_t total = 0;
  for (const std::string& p : paragraphs) {
    words.push_back(SplitWords(p));
    total += words.back().size();
  }
  const size_t edits =
      std::max<size_t>(1, static_cast<size_t>(std::llround(rate * static_cast<double>(total))));
  // Choose distinct flat positions by a partial Fisher-Yates shuffle.
  std::vector<size_t> positions(total);
  for (size_t i = 0; i < total; ++i) positions[i] = i;
  const size_t count = std::min(edits, total);
  for (size_t i = 0; i < count; ++i) std::swap(positions[i], positions[i + rng.Below(total - i)]);
  positions.resize(count);
  std::sort(positions.rbegin(), positions.rend());  // back to front keeps earlier positions valid
  for (size_t flat : positions) {
    size_t para = 0;
    while (flat >= words[para].size()) flat -= words[para++].size();
    std::string kind = op;
    if (op == "mixed")
      kind = std::array<const char*, 3>{"substitute", "insert", "delete"}[rng.Below(3)];
    std::vector<std::string>& w = words[para];
    if (kind == "substitute") {
      w[flat] = vocab[rng.Below(vocab.size())];
    } else if (kind == "insert") {
      w.insert(w.begin() + static_cast<ptrdiff_t>(flat), vocab[rng.Below(vocab.size())]);
    } else if (w.size() > 1) {
      w.erase(w.begin() + static_cast<ptrdiff_t>(flat));
    }
  }
  std::vector<std::string> out;
  for (const auto& w : words) out.push_back(JoinWords(w));
  return out;
}

bool EndsSentence(const std::string& word) {
  return !word.empty() && (word.back() == '.' || word.back() == '!' || word.back() == '?');
}

bool StartsUpper(const std::string& word) {
  return !word.empty() && word[0] >= 'A' && word[0] <= 'Z';
}

// round(rate * words) words (at least one) at distinct positions replaced by
// words of `vocab` that differ from them, so a reworded sentence is never its
// original. Sentence ends stay where they were: a new one ("U.S.", "said.")
// would cut off an unchanged tail that reads as the original sentence. A
// capitalised first word is replaced by a capitalised one: a lower-case
// start joins the sentence to the one before it (no sentence break is cut
// before a lower-case letter), and a report made of such sentences reads as
// one or two long ones, which a quote of two sentences then nearly covers.
std::string Reword(const std::string& sentence, double rate, const std::vector<std::string>& vocab,
                   const std::vector<uint8_t>& rare, uint64_t epoch, Rng& rng) {
  std::vector<std::string> words = SplitWords(sentence);
  if (words.empty()) return sentence;
  const size_t edits = std::clamp<size_t>(
      static_cast<size_t>(std::llround(rate * static_cast<double>(words.size()))), 1, words.size());
  std::vector<size_t> positions(words.size());
  for (size_t i = 0; i < positions.size(); ++i) positions[i] = i;
  for (size_t i = 0; i < edits; ++i) {
    std::swap(positions[i], positions[i + rng.Below(positions.size() - i)]);
    std::string& w = words[positions[i]];
    const bool ends = EndsSentence(w);
    for (int attempt = 0; attempt < 16; ++attempt) {
      const size_t pick = rng.Below(vocab.size());
      std::string candidate =
          epoch > 0 && rare[pick] ? Respell(vocab[pick], Spelling(epoch)) : vocab[pick];
      if (EndsSentence(candidate)) continue;
      if (ends) candidate.push_back(w.back());
      if (positions[i] == 0 && StartsUpper(w) && candidate[0] >= 'a' && candidate[0] <= 'z') {
        candidate[0] = static_cast<char>(candidate[0] - 'a' + 'A');
      }
      if (candidate != w) {
        w = std::move(candidate);
        break;
      }
    }
  }
  return JoinWords(words);
}

}  // namespace

struct Generator::Impl {
  GenOptions options;
  std::vector<RealDoc> real;
  std::vector<RealEvent> events;
  std::map<std::string, LangPool> pools;
  std::vector<std::string> pool_langs;  // keys of pools, weighted by sentence count for picking
  std::vector<size_t> pool_weights;
  size_t total_sentences = 0;
  double base_mutation = 0;  // rewording of every pool draw when the pool is small

  uint64_t story = 0;
  uint64_t emitted = 0;
  uint64_t bytes = 0;
  std::deque<GeneratedDoc> queue;

  // A real report is either emitted as a document (`emit`) or feeds the
  // sentence pool (`pool`). With the eval data, no emitted report is in the
  // pool: a composed report containing a real lead verbatim would make that
  // lead a (contained) duplicate the gold does not know about.
  void AddReal(RealDoc doc, const std::string& story_key, const std::string& event_key, bool emit,
               bool to_pool, std::map<std::string, size_t>* event_index) {
    if (doc.paragraphs.empty()) return;
    if (to_pool) {
      LangPool& pool = pools[doc.lang];
      if (!doc.title.empty()) pool.titles.push_back(doc.title);
      for (const std::string& p : doc.paragraphs) {
        for (std::string& s : SplitSentences(p)) {
          for (std::string& w : SplitPoolWords(s)) pool.words.push_back(std::move(w));
          pool.sentences.push_back(std::move(s));
        }
      }
    }
    if (!emit) return;
    pools[doc.lang];  // copies of this report draw words from its language's pool
    auto [it, inserted] = event_index->emplace(event_key, events.size());
    if (inserted) events.push_back({story_key, event_key, {}});
    events[it->second].docs.push_back(real.size());
    real.push_back(std::move(doc));
  }

  // Each pool sentence and title once, and (when the emitted reports are not
  // the pool, i.e. with the eval data) none that an emitted report contains:
  // a composed report must not share a passage with another by chance.
  static void KeepFirstUnseen(std::vector<std::string>* items,
                              std::unordered_set<std::string> seen) {
    std::vector<std::string> kept;
    for (std::string& item : *items) {
      if (seen.insert(item).second) kept.push_back(std::move(item));
    }
    *items = std::move(kept);
  }

  void PreparePools(uint64_t seed, bool exclude_emitted) {
    std::unordered_set<std::string> emitted_sentences, emitted_titles;
    if (exclude_emitted) {
      for (const RealDoc& d : real) {
        emitted_titles.insert(d.title);
        for (const std::string& p : d.paragraphs) {
          for (std::string& s : SplitSentences(p)) emitted_sentences.insert(std::move(s));
        }
      }
    }
    uint64_t salt = seed * 0xbf58476d1ce4e5b9ULL;
    for (auto& [lang, pool] : pools) {
      KeepFirstUnseen(&pool.sentences, emitted_sentences);
      KeepFirstUnseen(&pool.titles, emitted_titles);
      salt = salt * 0x2545f4914f6cdd1dULL + 0x9e3779b97f4a7c15ULL;
      MarkRareWords(&pool);
      pool.sentence_deck = Deck(pool.sentences.size(), salt ^ 1);
      pool.title_deck = Deck(pool.titles.size(), salt ^ 2);
    }
  }

  // A word is rare when fewer than one in kRareShare of the pool's words, and
  // fewer than kRareCount, are it (names, places, specific terms). See
  // generator.h, "Rare words".
  static void MarkRareWords(LangPool* pool) {
    std::unordered_map<std::string_view, uint32_t> count;
    for (const std::string& w : pool->words) ++count[WordCore(w)];
    const double below = std::max(kRareCount, static_cast<double>(pool->words.size()) / kRareShare);
    pool->rare.resize(pool->words.size());
    for (size_t i = 0; i < pool->words.size(); ++i) {
      pool->rare[i] = static_cast<double>(count[WordCore(pool->words[i])]) < below;
    }
  }

  // The pool of `lang`, or (none of its reports pooled, or all its sentences
  // excluded) one picked at random: edits need words and sentences.
  LangPool& PoolFor(const std::string& lang, Rng& rng) {
    LangPool& pool = pools.at(lang);
    return pool.sentence_deck.empty() || pool.words.empty() ? PickPool(rng) : pool;
  }

  LangPool& PickPool(Rng& rng) {
    size_t r = rng.Below(total_sentences);
    for (size_t i = 0; i < pool_langs.size(); ++i) {
      if (r < pool_weights[i]) return pools.at(pool_langs[i]);
      r -= pool_weights[i];
    }
    return pools.at(pool_langs.back());
  }

  std::string LangOf(const LangPool& pool) const {
    for (const auto& [lang, p] : pools) {
      if (&p == &pool) return lang;
    }
    return "und";
  }

  // The next pool item of `deck`: verbatim on the first pass over the pool,
  // rewritten word by word (its own random stream) on every later pass, so a
  // sentence reused by two unrelated reports shares neither a passage nor
  // its topic words.
  std::string Draw(LangPool& pool, Deck& deck, const std::vector<std::string>& items) {
    uint64_t epoch = 0;
    const std::string& item = items[deck.Draw(&epoch)];
    const double rate = std::max(base_mutation, epoch > 0 ? kReuseRewording : 0.0);
    if (rate == 0) return item;
    Rng rng(deck.salt() ^ deck.drawn() * 0x9e3779b97f4a7c15ULL);
    return Reword(item, rate, pool.words, pool.rare, epoch, rng);
  }
  std::string DrawSentence(LangPool& pool) {
    return Draw(pool, pool.sentence_deck, pool.sentences);
  }
  std::string DrawTitle(LangPool& pool, const char* fallback) {
    return pool.titles.empty() ? fallback : Draw(pool, pool.title_deck, pool.titles);
  }

  // 1-3 pool sentences.
  std::string ComposeParagraph(Rng& rng, LangPool& pool) {
    std::string para;
    const int sentences = rng.Between(1, 3);
    for (int s = 0; s < sentences; ++s) {
      if (!para.empty()) para.push_back(' ');
      para += DrawSentence(pool);
    }
    return para;
  }

  // A new report composed of pool sentences: 4-9 paragraphs of 1-3 sentences.
  RealDoc Compose(Rng& rng, LangPool& pool) {
    RealDoc doc;
    doc.lang = LangOf(pool);
    doc.title = DrawTitle(pool, "Report");
    const int paragraphs = rng.Between(4, 9);
    for (int p = 0; p < paragraphs; ++p) doc.paragraphs.push_back(ComposeParagraph(rng, pool));
    return doc;
  }

  static std::string Substitute(const std::string& text, double rate,
                                const std::vector<std::string>& vocab, Rng& rng) {
    std::vector<std::string> words = SplitWords(text);
    for (std::string& w : words) {
      if (rng.Chance(rate)) w = vocab[rng.Below(vocab.size())];
    }
    return JoinWords(words);
  }

  GeneratedDoc Emit(const RealDoc& doc, const std::string& story_key, const std::string& event_key,
                    const std::string& group, const std::string& kind, double rate,
                    int member) const {
    GeneratedDoc out;
    char id[40];
    std::snprintf(id, sizeof id, "s%08llu-%02d", static_cast<unsigned long long>(story), member);
    out.id = id;
    out.title = StripTitle(doc.title);
    for (const std::string& p : doc.paragraphs) {
      if (!out.text.empty()) out.text += "\n\n";
      out.text += p;
    }
    out.text.push_back('\n');
    out.date = Date(story + (kind == "base" ? 0 : static_cast<uint64_t>(member % 2)));
    out.lang = doc.lang;
    out.story = story_key;
    out.event = event_key;
    out.group = group;
    out.kind = kind;
    out.edit_rate = rate;
    return out;
  }

  // A planted near-duplicate of `base`.
  RealDoc Copy(const RealDoc& base, const std::string& kind, double* rate, Rng& rng) {
    LangPool& pool = PoolFor(base.lang, rng);
    RealDoc doc = base;
    *rate = 0;
    if (kind == "headline") {
      doc.title = DrawTitle(pool, "Update");
    } else if (kind == "substitute" || kind == "insert" || kind == "delete" || kind == "mixed") {
      *rate = rng.Between(1, 5) / 100.0;
      doc.paragraphs = EditWords(base.paragraphs, *rate, kind, pool.words, rng);
    } else if (kind == "para_add") {
      const size_t at = rng.Below(doc.paragraphs.size() + 1);
      doc.paragraphs.insert(doc.paragraphs.begin() + static_cast<ptrdiff_t>(at),
                            ComposeParagraph(rng, pool));
    } else if (kind == "para_remove") {
      doc.paragraphs.erase(doc.paragraphs.begin() +
                           static_cast<ptrdiff_t>(rng.Below(doc.paragraphs.size())));
    } else if (kind == "para_shuffle") {
      const size_t a = rng.Below(doc.paragraphs.size());
      size_t b = rng.Below(doc.paragraphs.size() - 1);
      if (b >= a) ++b;
      std::swap(doc.paragraphs[a], doc.paragraphs[b]);
    } else if (kind == "boilerplate") {
      char line[256];
      const char* agency = kAgencies[rng.Below(std::size(kAgencies))];
      std::snprintf(line, sizeof line, "(Reporting by %s in %s; editing by %s for %s.)",
                    kNames[rng.Below(std::size(kNames))], kCities[rng.Below(std::size(kCities))],
                    kNames[rng.Below(std::size(kNames))], agency);
      doc.paragraphs.push_back(line);
      std::snprintf(line, sizeof line,
                    "Copyright %d %s. All rights reserved. This material may not be "
                    "published, broadcast, rewritten or redistributed.",
                    2020 + rng.Between(0, 5), agency);
      doc.paragraphs.push_back(line);
    } else if (kind == "truncate") {
      const size_t n = doc.paragraphs.size();
      const size_t keep = std::clamp<size_t>(
          static_cast<size_t>(std::ceil(n * (0.4 + 0.5 * rng.Uniform()))), 1, n - 1);
      doc.paragraphs.resize(keep);
      *rate = static_cast<double>(keep) / static_cast<double>(n);
    }
    return doc;
  }

  RealDoc Rewrite(const RealDoc& base, double rate, Rng& rng) {
    LangPool& pool = PoolFor(base.lang, rng);
    RealDoc doc;
    doc.lang = base.lang;
    doc.title = DrawTitle(pool, "Report");
    std::vector<std::string> sentences;
    for (const std::string& p : base.paragraphs) {
      for (std::string& s : SplitSentences(p))
        sentences.push_back(Substitute(s, rate, pool.words, rng));
    }
    for (size_t i = sentences.size(); i > 1; --i)
      std::swap(sentences[i - 1], sentences[rng.Below(i)]);
    for (size_t i = 0; i < sentences.size(); i += 2) {
      doc.paragraphs.push_back(sentences[i] +
                               (i + 1 < sentences.size() ? " " + sentences[i + 1] : ""));
    }
    return doc;
  }

  // Another report of the story sharing two of the base's sentences (quotes).
  RealDoc OtherReport(const RealDoc& base, Rng& rng) {
    LangPool& pool = PoolFor(base.lang, rng);
    RealDoc doc = Compose(rng, pool);
    std::vector<std::string> base_sentences;
    for (const std::string& p : base.paragraphs) {
      for (std::string& s : SplitSentences(p)) base_sentences.push_back(std::move(s));
    }
    // The quotes hold at most a third of the base's words, so the report is
    // never a containment duplicate of a short base (gold: not a
    // near-duplicate); a base of one or two sentences may get no quote.
    size_t base_words = 0;
    for (const std::string& b : base_sentences) base_words += SplitWords(b).size();
    size_t quoted = 0;
    for (int q = 0, tries = 0; q < 2 && tries < 8 && !base_sentences.empty(); ++tries) {
      const std::string& quote = base_sentences[rng.Below(base_sentences.size())];
      const size_t words = SplitWords(quote).size();
      if (3 * (quoted + words) > base_words) continue;
      quoted += words;
      ++q;
      std::string& para = doc.paragraphs[rng.Below(doc.paragraphs.size())];
      para += " " + quote;
    }
    return doc;
  }

  void MakeStory() {
    Rng rng(options.seed * 0x2545f4914f6cdd1dULL ^ (story + 1) * 0x9e3779b97f4a7c15ULL);
    // One story in kRealEvery is a real event, until the real ones run out
    // (about 1,400 with the eval data: 360k stories, 1.3M documents), so that
    // a corpus of any size up to that is the same mix of real leads and
    // composed reports, and ten times the documents are ten times the bytes.
    // Every other story real, as until 2026-12, made the first 10k documents
    // mostly short real leads (1.4 KB on average against 2.4 KB beyond): the
    // 10k -> 100k growth then measured a change of corpus, not of size.
    const uint64_t real_index = story % kRealEvery == 0 ? story / kRealEvery : UINT64_MAX;
    const RealEvent* real_event = real_index < events.size() ? &events[real_index] : nullptr;
    RealDoc base;
    std::string story_key, event_key;
    char key[32];
    std::snprintf(key, sizeof key, "s%08llu", static_cast<unsigned long long>(story));
    if (real_event != nullptr) {
      base = real[real_event->docs[0]];
      story_key = real_event->story;
      event_key = real_event->event;
    } else {
      base = Compose(rng, PickPool(rng));
      story_key = event_key = key;
    }
    const std::string group = std::string(key) + "-g";
    int member = 0;
    queue.push_back(Emit(base, story_key, event_key, group, "base", 0, member++));

    static const std::vector<std::string> kKinds = {
        "exact",    "headline",    "substitute",   "insert",      "delete",  "mixed",
        "para_add", "para_remove", "para_shuffle", "boilerplate", "truncate"};
    if (rng.Chance(options.copy_probability)) {
      const int copies = rng.Between(1, options.max_copies);
      for (int c = 0; c < copies; ++c) {
        // Paragraph edits need paragraphs: draw again for one-paragraph leads.
        std::string kind;
        const size_t paras = base.paragraphs.size();
        do {
          kind = kKinds[rng.Below(kKinds.size())];
        } while ((kind == "para_remove" && paras < 4) || (kind == "para_shuffle" && paras < 2) ||
                 (kind == "truncate" && paras < 3));
        double rate = 0;
        RealDoc copy = Copy(base, kind, &rate, rng);
        queue.push_back(Emit(copy, story_key, event_key, group, kind, rate, member++));
      }
    }
    if (real_event != nullptr) {
      for (size_t d = 1; d < real_event->docs.size(); ++d) {
        queue.push_back(Emit(real[real_event->docs[d]], story_key, event_key,
                             std::string(key) + "-o" + std::to_string(d), "other_report", 1,
                             member++));
      }
    } else {
      for (int o = 0; o < 2; ++o) {
        if (!rng.Chance(options.other_report_probability)) continue;
        if (rng.Chance(0.5)) {
          const double rate = 0.3 + 0.2 * rng.Uniform();
          queue.push_back(Emit(Rewrite(base, rate, rng), story_key, event_key,
                               std::string(key) + "-r" + std::to_string(o), "rewrite", rate,
                               member++));
        } else {
          queue.push_back(Emit(OtherReport(base, rng), story_key, event_key,
                               std::string(key) + "-r" + std::to_string(o), "other_report", 1,
                               member++));
        }
      }
    }
    ++story;
  }
};

Generator::Generator(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Generator::~Generator() = default;

std::unique_ptr<Generator> Generator::Create(const GenOptions& options, std::string* error,
                                             std::string* notes) {
  namespace fs = std::filesystem;
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  std::map<std::string, size_t> event_index;
  std::error_code ec;
  // Seeds: one event each, in file name order.
  std::vector<fs::path> seed_files;
  for (const auto& e : fs::directory_iterator(options.seeds_dir, ec)) {
    if (e.path().extension() == ".txt") seed_files.push_back(e.path());
  }
  if (ec || seed_files.empty()) {
    *error = "no seed reports in '" + options.seeds_dir +
             "'; pass --seeds DIR (corpora/seeds of the repository)";
    return nullptr;
  }
  std::sort(seed_files.begin(), seed_files.end());
  std::vector<std::pair<RealDoc, std::string>> seeds;
  for (const fs::path& p : seed_files) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    RealDoc doc;
    doc.lang = "fr";
    std::vector<std::string> paras = Paragraphs(ss.str());
    if (paras.empty()) continue;
    // The seeds' headline is the first line with at least 8 words that does not end a sentence.
    doc.title = paras[0];
    doc.paragraphs.assign(paras.begin() + 1, paras.end());
    seeds.emplace_back(std::move(doc), "seed:" + p.stem().string());
  }
  bool eval_present = false;
  for (const char* name : {"rpm2-fr.docs.jsonl", "allsides-en.docs.jsonl"}) {
    eval_present |= options.use_eval && fs::exists(fs::path(options.eval_dir) / name, ec);
  }
  for (auto& [doc, key] : seeds)
    impl->AddReal(std::move(doc), key, key, true, !eval_present, &event_index);
  // Eval data: RPM2 (long French reports, 10 per event) first, then AllSides leads.
  bool eval_found = false;
  std::map<std::string, bool> event_parity;  // event -> emitted as documents
  for (const char* name : {"rpm2-fr.docs.jsonl", "allsides-en.docs.jsonl"}) {
    if (!options.use_eval) break;
    const fs::path path = fs::path(options.eval_dir) / name;
    std::ifstream in(path);
    if (!in) continue;
    eval_found = true;
    std::string line;
    while (std::getline(in, line)) {
      const auto j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_discarded() || !j.is_object()) continue;
      RealDoc doc;
      doc.title = j.value("title", "");
      doc.lang = j.value("lang", "en");
      doc.paragraphs = Paragraphs(j.value("text", ""));
      const std::string source = std::string(name).substr(0, std::string(name).find('.'));
      const std::string event = source + ":" + j.value("event", "");
      // Alternate events between documents and the sentence pool.
      auto [it, inserted] = event_parity.emplace(event, event_parity.size() % 2 == 0);
      impl->AddReal(std::move(doc), source + ":" + j.value("story", ""), event, it->second,
                    !it->second, &event_index);
    }
  }

  if (!eval_found) {
    *notes +=
        "eval data not found in '" + options.eval_dir +
        "': using the seed reports only (composed reports get 50 % of their words replaced so that "
        "different stories stay different)\n";
  }
  impl->PreparePools(options.seed, eval_present);
  for (auto& [lang, pool] : impl->pools) {
    if (pool.sentences.empty() || pool.words.empty()) continue;
    impl->pool_langs.push_back(lang);
    impl->pool_weights.push_back(pool.sentences.size());
    impl->total_sentences += pool.sentences.size();
  }
  if (impl->total_sentences == 0) {
    *error = "the seed reports hold no usable sentences";
    return nullptr;
  }
  // Few sentences: composed reports would share many sentences by chance.
  if (impl->total_sentences < 5000) impl->base_mutation = 0.5;
  return std::unique_ptr<Generator>(new Generator(std::move(impl)));
}

bool Generator::Next(GeneratedDoc* doc) {
  Impl& m = *impl_;
  if (m.options.max_docs != 0 && m.emitted >= m.options.max_docs) return false;
  if (m.options.max_bytes != 0 && m.bytes >= m.options.max_bytes) return false;
  while (m.queue.empty()) m.MakeStory();
  *doc = std::move(m.queue.front());
  m.queue.pop_front();
  ++m.emitted;
  m.bytes += doc->title.size() + doc->text.size() + 2;
  return true;
}

size_t Generator::real_documents() const { return impl_->real.size(); }
size_t Generator::pool_sentences() const { return impl_->total_sentences; }
uint64_t Generator::sentence_draws() const {
  uint64_t draws = 0;
  for (const auto& [lang, pool] : impl_->pools) draws += pool.sentence_deck.drawn();
  return draws;
}

std::string CorpusLine(const GeneratedDoc& doc) {
  nlohmann::ordered_json j;
  j["id"] = doc.id;
  j["title"] = doc.title;
  j["text"] = doc.text;
  j["date"] = doc.date;
  j["lang"] = doc.lang;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string GoldLine(const GeneratedDoc& doc, const std::string& id) {
  nlohmann::ordered_json g;
  g["id"] = id;
  g["story"] = doc.story;
  g["event"] = doc.event;
  g["near_duplicate_group"] = doc.group;
  g["kind"] = doc.kind;
  g["edit_rate"] = doc.edit_rate;
  return g.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string SubstituteWords(const std::string& text, double rate,
                            const std::vector<std::string>& vocabulary, uint64_t seed) {
  Rng rng(seed);
  std::vector<std::string> paragraphs;
  std::string para;
  std::istringstream in(text);
  std::string line, out;
  // Keep line structure: edit each line's words.
  std::vector<std::string> lines;
  while (std::getline(in, line)) lines.push_back(line);
  std::vector<std::string> edited = EditWords(lines, rate, "substitute", vocabulary, rng);
  for (size_t i = 0; i < edited.size(); ++i) {
    out += edited[i];
    out.push_back('\n');
  }
  return out;
}

}  // namespace precis::gen
