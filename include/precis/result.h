// Result: what Engine::Run understood of a corpus. Plain values, owned by the
// caller; safe to read from many threads once returned. The one exception to
// "plain": document texts are SharedText, immutable and shared (see below).
//
// Documents are indexed by position in Result::documents (sorted by id); every
// other part of the result refers to documents by that index.
#ifndef PRECIS_RESULT_H_
#define PRECIS_RESULT_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace precis {

// An immutable string whose copies share one buffer, so that a Result never
// holds a second copy of a corpus: Engine::Run hands each document's text over
// to the Result without copying it, and copying a DocumentResult or a Result
// copies a pointer. The buffer lives as long as any SharedText (or the engine
// that produced it) refers to it; nothing can change it. Reads like a
// const std::string. Thread-safety: as std::shared_ptr<const std::string>.
class SharedText {
 public:
  SharedText() = default;
  // Takes `text` (moved in: pass std::move(s) to avoid a copy).
  SharedText(std::string text)  // NOLINT: implicit, so `r.text = "..."` reads naturally
      : text_(std::make_shared<const std::string>(std::move(text))) {}
  SharedText(const char* text) : SharedText(std::string(text)) {}  // NOLINT: as above
  // Shares `text` (null: empty).
  explicit SharedText(std::shared_ptr<const std::string> text) : text_(std::move(text)) {}

  const std::string& str() const { return text_ != nullptr ? *text_ : Empty(); }
  operator const std::string&() const { return str(); }  // NOLINT: reads like a string
  size_t size() const { return str().size(); }
  bool empty() const { return str().empty(); }
  const char* data() const { return str().data(); }
  char operator[](size_t i) const { return str()[i]; }
  std::string substr(size_t pos = 0, size_t n = std::string::npos) const {
    return str().substr(pos, n);
  }
  std::string::const_iterator begin() const { return str().begin(); }
  std::string::const_iterator end() const { return str().end(); }
  friend bool operator==(const SharedText& a, std::string_view b) { return a.str() == b; }

 private:
  static const std::string& Empty();
  std::shared_ptr<const std::string> text_;
};

// One sentence of a document's body.
struct Sentence {
  // Byte range [begin, end) in DocumentResult::text.
  uint32_t begin = 0;
  uint32_t end = 0;
  // Byte range [source_begin, source_end) in the original source file (see
  // Document::source_map): slicing the source there gives the sentence.
  uint64_t source_begin = 0;
  uint64_t source_end = 0;
};

struct DocumentResult {
  std::string id;
  // Given or extracted headline; empty if none.
  std::string title;
  // ISO 639-1 code, given or detected ("und" when unknown).
  std::string lang;
  // Document::date, and where it came from (Document::date_source; "input"
  // when the caller gave a date without saying). Both empty when undated.
  std::string date;
  std::string date_source;
  std::string url;
  std::string source_path;
  // The body as given in Document::text (boilerplate is not cut out of it; it
  // is simply not part of any sentence). Empty when Options::result_texts is
  // false.
  SharedText text;
  // Size of that body in bytes, also when `text` is left empty.
  uint64_t text_bytes = 0;
  // Empty when Options::last_stage is kDedup: duplicate detection reads words only.
  std::vector<Sentence> sentences;
  // Word tokens in the kept body text (boilerplate excluded).
  uint32_t words = 0;

  // Sentence i as display text: the slice of `text` with runs of whitespace
  // (including line breaks) collapsed to one space, none at either end.
  // Empty if i >= sentences.size() (no exception crosses the API).
  // O(sentence bytes).
  std::string SentenceText(size_t i) const;
  // The same into *out (replacing its contents, reusing its capacity): for
  // loops over many sentences, one allocation instead of one per sentence.
  void SentenceText(size_t i, std::string* out) const;
};

// Two documents judged near-duplicates, with the evidence.
struct SimilarPair {
  uint32_t a = 0;  // document indices, a < b
  uint32_t b = 0;
  double estimated = 0;    // Jaccard estimated from MinHash signatures
  double jaccard = 0;      // verified Jaccard of the shingle sets
  double containment = 0;  // verified |A ∩ B| / min(|A|, |B|)
};

// Documents that are copies of one another. Every document is in at most one
// exact group and at most one near-duplicate group.
struct DuplicateGroup {
  uint32_t canonical = 0;          // the member shown for the group
  std::vector<uint32_t> members;   // sorted document indices, canonical included
  std::vector<SimilarPair> pairs;  // verified pairs that joined the group (empty for exact groups)
};

struct DedupResult {
  // Identical normalised bodies (128-bit XXH3).
  std::vector<DuplicateGroup> exact_groups;
  // Verified near-duplicates (exact copies included as members).
  std::vector<DuplicateGroup> near_duplicate_groups;
  // LSH banding chosen for the threshold: bands x rows = signature size used.
  int bands = 0;
  int rows = 0;
  // Jaccard the banding was chosen for: the threshold, or lower when
  // containment is on (trimmed copies have a low Jaccard).
  double lsh_threshold = 0;
  // LSH candidate pairs, and how many of them were verified on exact shingle
  // sets (the rest had a signature estimate too low to matter; see
  // engine/dedup/README.md).
  uint64_t candidate_pairs = 0;
  uint64_t verified_pairs = 0;
};

// A span of a source document that backs a summary sentence.
struct SourceSpan {
  uint32_t doc = 0;    // document index
  uint32_t begin = 0;  // byte range in DocumentResult::text
  uint32_t end = 0;
  uint64_t source_begin = 0;  // byte range in the original source file
  uint64_t source_end = 0;
  double similarity = 1;  // to the chosen sentence (1 for the sentence itself)
};

struct SummarySentence {
  std::string text;                 // display text
  std::vector<SourceSpan> sources;  // sources[0] is where `text` was taken from
};

// Reports of one happening: close in time and content.
struct Event {
  uint32_t id = 0;
  std::string label;                            // most central title
  std::vector<std::string> entities;            // top entities, most widely named first
  std::vector<uint32_t> documents;              // sorted document indices
  std::vector<uint32_t> near_duplicate_groups;  // indices into DedupResult::near_duplicate_groups
  // Days ("YYYY-MM-DD") of its earliest and latest dated report; empty when
  // none is dated. Filled by the digest stage.
  std::string first_date, last_date;
  // Its own representative sentences, from its own reports, when its story
  // is a timeline (Story::timeline); empty otherwise.
  std::vector<SummarySentence> summary;
};

// All reports about one ongoing matter: one or more events.
struct Story {
  uint32_t id = 0;
  std::string label;                  // most central title
  std::vector<std::string> entities;  // top entities, most weighted first
  std::vector<uint32_t> documents;    // sorted document indices
  std::vector<Event> events;
  std::vector<SummarySentence> summary;  // filled by the digest stage
  // Laid out as a timeline (SummaryOptions::timeline): `events` are in date
  // order (undated ones last), each with its own summary, and `summary` is
  // the story's short lead. False: one summary for the story, events in
  // clustering order.
  bool timeline = false;
};

// Wall time of one pipeline stage, for --verbose and the benchmarks. An
// entry named "stage/part" (e.g. "cluster/linkage") times one step of the
// stage named before the slash, is listed after that stage, and is part of
// its time: add up only the entries without a slash.
struct StageTiming {
  std::string stage;  // "analyse", "dedup", ..., or "cluster/linkage", ...
  double seconds = 0;
  uint64_t items = 0;  // documents (or stories) the stage processed
  // The process's peak resident memory so far (getrusage ru_maxrss) when the
  // stage ended, in bytes; 0 where unknown. It never falls, so the first stage
  // at which it jumps is the one that needed the memory.
  uint64_t peak_rss_bytes = 0;
};

// Why two documents are (not) in one event or story: Engine::Explain.
struct PairExplanation {
  // A term or entity both documents carry, with its weight (0..1) in each
  // document's L2-normalised vector; weight_a * weight_b is its share of the cosine.
  struct Shared {
    std::string name;
    double weight_a = 0;
    double weight_b = 0;
  };
  uint32_t a = 0;  // document indices
  uint32_t b = 0;
  // The clustering similarity: (1 - entity_weight) * text_cosine +
  // entity_weight * entity_cosine (text_cosine alone if either has no entities).
  double similarity = 0;
  double text_cosine = 0;
  double entity_cosine = 0;
  // What the thresholds are compared with: similarity / sqrt(scale_a *
  // scale_b), where scale_x is the mean similarity of x to its
  // ClusterOptions::scale_neighbours nearest reports (1 when scaling is off).
  double scaled_similarity = 0;
  double scale_a = 1;
  double scale_b = 1;
  // How much of scaled_similarity counts toward one event, by how many days
  // apart the two are (ClusterOptions::event_day_fade): 1 on the same day,
  // undated, or with the fade off; 0 beyond event_max_days.
  double event_day_weight = 1;
  // Near-duplicate documents are clustered as their group's canonical member;
  // these are the documents whose vectors were compared.
  uint32_t compared_a = 0;
  uint32_t compared_b = 0;
  std::vector<Shared> shared_terms;     // largest contribution first
  std::vector<Shared> shared_entities;  // largest contribution first
  bool same_event = false;
  bool same_story = false;
  // Verified Jaccard of their shingle sets when dedup paired them, else -1.
  double near_duplicate_jaccard = -1;
};

struct Result {
  // Options::Fingerprint() of the run.
  std::string fingerprint;
  // Stages in the order they ran.
  std::vector<StageTiming> timings;
  std::vector<DocumentResult> documents;
  DedupResult dedup;
  // Ordered by number of distinct reports, then recency.
  std::vector<Story> stories;
};

}  // namespace precis

#endif  // PRECIS_RESULT_H_
