// Synthetic news corpora with planted duplicates, built from real text.
//
// Stories are generated one at a time from a fixed seed and written as they
// are made: memory stays constant whatever N. Story s draws its shape (which
// copies, which edits) from its own random stream; the text of composed
// reports comes from pool cursors shared by all stories (below). Either way
// the output depends only on the seed and the input text, never on N: the
// first N documents of a larger corpus are the N-document corpus.
//
// Each story has a base report and, at random, some of:
//   exact            the body verbatim (new id, same title)
//   headline         the body verbatim under a new headline
//   substitute, insert, delete, mixed
//                    1-5 % of the body's words substituted / inserted /
//                    deleted (mixed: all three)
//   para_add, para_remove, para_shuffle
//                    a paragraph added (from another report) / removed /
//                    two paragraphs swapped
//   boilerplate      agency lines appended (credits, copyright, "read more")
//   truncate         the first 40-90 % of the paragraphs (a trimmed copy)
// which are near-duplicates of the base (same near_duplicate_group), and
// reports of the same story that are NOT near-duplicates:
//   other_report     another real report of the same event (eval data), or a
//                    new report quoting up to two sentences of the base, at
//                    most a third of its words (never a containment duplicate)
//   rewrite          30-50 % of the words replaced and sentences reordered
//
// Text comes from corpora/seeds and, when present, ../shared/eval/*.docs.jsonl
// (read at run time, never copied into the repository). One story in 256 is
// a real event (its reports as written), the others compositions of real
// sentences drawn from the pool: a corpus of any size (up to about 1.3M
// documents, where the real events run out) is the same mix, so ten times
// the documents are about ten times the bytes.
//
// Pool reuse. The pool is small (~15k sentences with the eval data, ~2k of
// them French) and a million documents draw millions of sentences; drawn at
// random with replacement, each would recur verbatim in hundreds of
// unrelated reports (true containment duplicates the gold calls unrelated,
// and quadratic LSH candidates). So the pool holds each sentence and title
// once, none taken from an emitted report, and is drawn through a seeded
// permutation per pass (no repeat within a pass). The first pass is
// verbatim; from the second on every drawn sentence or title is a new one of
// the same length: each word replaced by a word drawn from the language's
// pool (by frequency; its own random stream), so the only sentences two
// stories share are those real reports share. A replaced capitalised first
// word is replaced by a capitalised one, so reworded reports keep their
// sentence breaks. Seeds only (no eval data): the first pass too is reworded
// at 50 %, since the seeds are both the pool and emitted documents.
//
// Rare words. A rare word (under one in 10^4 of the pool's words, or under 3
// occurrences in a small pool) drawn on a pass after the first is respelt
// ("Hoeven" -> "Hoevenbeba" on passes 1-3), with spelling floor(sqrt(pass)):
// the vocabulary grows about as the square root of the corpus (Heaps' law),
// as a real one does, so a rare name is not the hub of a false story that
// grows with the corpus. Pool words are also cut at no-break spaces, so that
// "Burr\u00a0(N.C.),\u00a0Shelley" is three words, not one.
//
// Why these rules, with the measurements behind them: tools/gen_corpus/README.md.
#ifndef PRECIS_TOOLS_GEN_CORPUS_GENERATOR_H_
#define PRECIS_TOOLS_GEN_CORPUS_GENERATOR_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace precis::gen {

struct GenOptions {
  uint64_t seed = 1;
  // Stop after this many documents (0 = no limit) ...
  uint64_t max_docs = 1000;
  // ... or once the bodies written reach this many bytes (0 = no limit).
  uint64_t max_bytes = 0;
  // corpora/seeds of the repository.
  std::string seeds_dir;
  // ../shared/eval; read when it exists and use_eval is set.
  std::string eval_dir;
  bool use_eval = true;
  // Probability that a story has planted near-duplicate copies, and the
  // largest number of copies.
  double copy_probability = 0.7;
  int max_copies = 4;
  // Probability of each extra not-duplicate report (up to 2 per story).
  double other_report_probability = 0.5;
};

struct GeneratedDoc {
  std::string id;  // "sSSSSSSS-MM"; files are written as <id>.txt
  std::string title;
  std::string text;  // paragraphs separated by blank lines
  std::string date;  // YYYY-MM-DD
  std::string lang;
  // Gold labels.
  std::string story;
  std::string event;
  std::string group;     // near-duplicate group: base and its planted copies share it
  std::string kind;      // "base", "exact", ..., "rewrite", "other_report"
  double edit_rate = 0;  // share of words edited, or of paragraphs kept for truncate
  bool near_duplicate() const {
    return kind != "base" && kind != "rewrite" && kind != "other_report";
  }
};

class Generator {
 public:
  // Loads the text pool. On failure returns null and sets *error. *notes gets
  // human-readable notes (e.g. that the eval data is absent).
  static std::unique_ptr<Generator> Create(const GenOptions& options, std::string* error,
                                           std::string* notes);
  ~Generator();

  // Next document, or false when max_docs / max_bytes is reached.
  bool Next(GeneratedDoc* doc);

  // Number of real documents and pooled sentences loaded.
  size_t real_documents() const;
  size_t pool_sentences() const;
  // Pool sentences drawn so far for composed text (more than pool_sentences():
  // the pool is being reused, reworded).
  uint64_t sentence_draws() const;

 private:
  struct Impl;
  explicit Generator(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The document as one line of the JSON Lines corpus precis-gen-corpus writes
// ({"id", "title", "text", "date", "lang"}, no line break), and its gold
// labels as one line of the gold file ({"id", "story", "event",
// "near_duplicate_group", "kind", "edit_rate"}; `id` as the corpus names it).
std::string CorpusLine(const GeneratedDoc& doc);
std::string GoldLine(const GeneratedDoc& doc, const std::string& id);

// The same edits the generator plants, for tests that build their own copies:
// replaces round(rate * words) words of `text` by words of `vocabulary`
// (whitespace-separated words; paragraph breaks are kept).
std::string SubstituteWords(const std::string& text, double rate,
                            const std::vector<std::string>& vocabulary, uint64_t seed);

}  // namespace precis::gen

#endif  // PRECIS_TOOLS_GEN_CORPUS_GENERATOR_H_
