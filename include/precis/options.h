// Options: every setting of the precis pipeline, one plain struct per stage,
// each field with its unit and default. A default-constructed Options is the
// recommended configuration.
//
// Fields that change results are part of Options::Fingerprint(), which is
// written into saved IDF models and databases so that loading them with other
// settings is an error instead of silent nonsense. When you add such a field,
// add it to engine/common/options.cc as well.
#ifndef PRECIS_OPTIONS_H_
#define PRECIS_OPTIONS_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "precis/env.h"

namespace precis {

// Reading files and cleaning their text (engine/ingest).
struct IngestOptions {
  // Files larger than this are reported and skipped. Bytes. Default 256 MiB.
  uint64_t max_file_bytes = 256ull << 20;
  // Threads used to read and decode files; 0 = all cores.
  int threads = 0;
  // Remove navigation/widget lines: short lines without sentence punctuation
  // at the top and bottom of a document, and lines repeated verbatim across
  // many documents of the corpus.
  bool strip_boilerplate = true;
  // A top/bottom line counts as navigation when it has at most this many words
  // and does not end like a sentence.
  int edge_line_max_words = 8;
  // A line (of at least 2 words) repeated verbatim in at least this many
  // documents AND this fraction of the corpus is boilerplate.
  int repeated_line_min_documents = 3;
  double repeated_line_min_fraction = 0.05;
  // When a document has no title, use its first kept line as the title if it
  // looks like a headline (no final period, at most 30 words).
  bool extract_title = true;
  // Follow a symbolic link met inside a folder being read even when it leads
  // outside that folder (links inside it are always followed; paths named
  // directly are always used as given). Decides what is read, not how, so it
  // is not part of Options::Fingerprint().
  bool follow_links = false;
  // Give a document that comes without a date the publication day its
  // HTML page (metadata, JSON-LD, <time>, bylines), its URL or the dateline
  // at the top of its text names (engine/ingest/dates/README.md); a date
  // given with the input always wins. Like follow_links it decides what the
  // readers hand over (Document::date), not how the engine treats it, so it
  // is not part of Options::Fingerprint().
  bool find_dates = true;
  // The clock find_dates reads "today" from: a date more than a day after it
  // is impossible and never taken. nullptr is Env::Default(). Not owned: it
  // must outlive the reading calls made with these options.
  const Env* env = nullptr;
};

// Text analysis (engine/text): normalisation, segmentation, language, stems.
struct TextOptions {
  // Language used when a document has no `lang` and detection is unreliable.
  // ISO 639-1.
  std::string fallback_language = "en";
  // Sentences longer than this are cut at the last word break before it. Bytes.
  uint32_t max_sentence_bytes = 2000;
};

// Exact and near-duplicate detection (engine/dedup). Defaults were chosen
// from measurements on generated corpora (engine/dedup/README.md): they catch
// copies with up to 5 % of words edited, a new headline, a paragraph added or
// removed, boilerplate appended or a trimmed ending, and keep different reports
// of one story apart.
struct DedupOptions {
  // Word n-gram length of the shingles (normalised tokens, stopwords kept).
  // 3, not the usual 5: one edited word breaks n shingles, and 5-grams lose
  // short copies with a few words changed (README, "Choosing the defaults").
  int shingle_size = 3;
  // > 0: shingle character n-grams of this many code points of the normalised
  // body instead of words (for very short texts such as headlines); 0 = words.
  int char_shingle_size = 0;
  // Jaccard similarity of the shingle sets (0..1] at or above which two
  // documents are near-duplicates.
  double threshold = 0.5;
  // Number of MinHash values per signature.
  int signature_size = 128;
  // Seed of the MinHash hash; fixed so signatures are reproducible.
  uint64_t seed = 0x5eed5eedULL;
  // Also count a pair when the shorter document's shingles are contained in
  // the longer one's: |A ∩ B| / min(|A|, |B|) >= containment_threshold (a
  // trimmed wire copy). Candidates are then searched down to the Jaccard a
  // copy trimmed to a quarter of the original's length would have.
  bool containment = true;
  double containment_threshold = 0.8;
  // Containment counts only when the shorter document has at least this many
  // shingles, so a short fragment is not a "copy" of every report quoting it.
  int containment_min_shingles = 15;
};

// How ClusterOptions forms stories and events (see ClusterOptions::method).
enum class ClusterMethod { kAgglomerative, kStreaming };

// Story and event clustering (engine/cluster). Documents (near-duplicate
// groups count once) become TF-IDF and entity vectors; the similarity of two
// is entity_weight * entity cosine + (1 - entity_weight) * text cosine,
// scaled by each report's neighbourhood (scale_neighbours).
// Average-linkage agglomeration merges them into events down to
// event_threshold, then goes on over events down to story_threshold.
struct ClusterOptions {
  // Background IDF model file (written by `precis idf build`). Empty: the
  // model embedded in the library for each document's language (French and
  // English; other languages use corpus frequencies only).
  std::string idf_path;
  // Blend the background model's document frequencies with the corpus's.
  // Off: corpus frequencies only. Default on.
  bool background_idf = true;
  // Weight of a title word occurrence relative to a body word (1). Default 3.
  double title_weight = 3.0;
  // Weight of a word in the first `lead_sentences` body sentences. Default 2.
  double lead_weight = 2.0;
  // How many leading body sentences count as the lead. Default 3.
  int lead_sentences = 3;
  // Extra factor on words that are part of a named entity (capitalised name
  // not at sentence start, acronym, number with unit). Default 1.5.
  double entity_boost = 1.5;
  // Share (0..1) of the entity cosine in the combined similarity. Default 0:
  // on the development data (engine/cluster/README.md) every share above 0
  // lowered B-cubed F1; entities still count through entity_boost.
  double entity_weight = 0.0;
  // Average scaled similarity (see scale_neighbours) at or above which
  // clusters merge into one event. Default 0.7.
  double event_threshold = 0.7;
  // Average scaled similarity at or above which events merge into one story;
  // at most event_threshold. Default 0.3.
  double story_threshold = 0.3;
  // Story links are averaged as if the two clusters also had this many
  // pairs of similarity 0: sum / (|A| * |B| + story_prior_pairs). A link
  // resting on few pairs must then be stronger: with the default 3, two
  // single reports need 4 x story_threshold, two events of three reports
  // 1.33x, of ten 1.03x; local scaling makes a report's nearest neighbour
  // look close whatever it is. 0 = plain average linkage. Default 3
  // (engine/cluster/README.md, "story_prior_pairs 3").
  double story_prior_pairs = 3.0;
  // Similarities are judged against each report's neighbourhood: divided by
  // the mean similarity of the two reports to their `scale_neighbours`
  // nearest reports (engine/cluster/batch/local_scale.h), so the thresholds mean
  // the same for long articles and three-line leads. 0 = raw cosines (then
  // thresholds are cosines). Default 3.
  int scale_neighbours = 3;
  // Local scaling never divides by less than this cosine: a report whose
  // scale_neighbours nearest are on average less similar than this has no
  // neighbourhood to be judged against, so its raw cosines are judged
  // against this floor instead. Without it, a report that belongs with
  // nothing (an unrelated page in a folder) looked as close to its nearest
  // report as event mates look to each other, and joined its story. 0 = no
  // floor. Default 0.2 (engine/cluster/README.md).
  double scale_floor = 0.2;
  // Two reports dated further apart than this are never one event (they may
  // still be one story). Days; 0 = ignore dates. Default 3.
  int event_max_days = 3;
  // Within event_max_days, a pair's similarity counts toward one event with
  // weight 1 - gap / (event_max_days + 1), gap in days (1 on the same day,
  // 0.25 three days apart with the default); stories use it unweighted. The
  // next event of a story (the arrest, then the charge) shares an event's
  // words and comes days later, and a hard limit alone treats a report three
  // days away like one of the same afternoon. Undated pairs keep weight 1.
  // Default on (engine/cluster/README.md, "event_day_fade").
  bool event_day_fade = true;
  // Terms kept per document (highest weights first). Default 100.
  int max_terms = 100;
  // Top terms per document that enter the inverted index used to find
  // candidate neighbours. Default 30.
  int index_terms = 30;
  // Candidate neighbours scored exactly per document; each keeps at most
  // this many edges, plus those found from the other side. Average linkage
  // counts a pair that is not an edge as 0, so fewer candidates cost a story
  // of hundreds of reports some recall and make the linkage cheaper (figures:
  // engine/cluster/README.md, "max_candidates 50"). Default 50.
  int max_candidates = 50;
  // Longest posting list read per index term (its highest-weighted
  // documents), so that one very common term cannot make the work per
  // document grow with the corpus. Four times max_candidates or more
  // leaves every term more neighbours than a document keeps. Default 400.
  int max_postings = 400;
  // Posting entries read per document at most, over all its index terms,
  // rarest term first (engine/cluster/posting_search.h). Together with
  // max_postings it bounds the search's work per document; on corpora whose
  // lists are short (the eval sets) it never binds (figures:
  // engine/cluster/README.md, "max_postings and posting_budget"). Default
  // 6000.
  int posting_budget = 6000;

  // How stories and events are formed. kAgglomerative: average linkage over
  // the whole corpus (above). kStreaming: each document, in (date, id) order,
  // joins the event its earlier reports link to best by the same average
  // scaled similarity and event_threshold (engine/cluster/streaming/
  // event_linker.h), or starts one, which joins the most similar story
  // centroid at stream_story_threshold or starts a story; never moved
  // afterwards (engine/cluster/streaming/clusterer.h). What the incremental
  // engine (precis/ingest.h) does as documents arrive, so a batch run with
  // kStreaming gives the clusters of an incremental run fed in that order.
  ClusterMethod method = ClusterMethod::kAgglomerative;
  // kStreaming: cosine (0..1) of a new event's first report to a story's
  // centroid (the sum of its reports' vectors) at or above which the event
  // joins the story. A cosine to a centroid, not an average pairwise
  // similarity, so not story_threshold. Default 0.15
  // (engine/incremental/README.md).
  double stream_story_threshold = 0.15;
  // A story thread that went quiet needs more evidence to take a report up
  // again. Average linkage: a pair of reports further apart than this counts
  // toward one story with weight window / gap (two windows apart: half), so
  // a story may still span months. kStreaming: a story whose dates are all
  // more than this many days away from a new report's date stops attracting
  // it (its centroid is not searched: bounded work). Days; 0 = no window.
  // Default 30.
  int story_window_days = 30;
};

// Representative sentences (engine/summarise): for each story, candidate
// sentences are scored (LexRank centrality, similarity to the story centroid,
// position in the report, number of reports carrying the same content) and
// chosen by Maximal Marginal Relevance under a budget.
struct SummaryOptions {
  // Sentences chosen per story (when max_words is 0).
  int sentences = 3;
  // Word budget per story; 0 = use `sentences`. Sentences are whole: the
  // summary holds at most this many words.
  int max_words = 0;
  // Summarise all documents as ONE story, whatever the clustering found
  // ("summarise this folder"; how the ROUGE scorer runs each gold event).
  bool single_story = false;

  // Timeline: a story of at least two events whose reports carry dates is
  // laid out as its events in date order (Story::timeline), each with its
  // day or range and its own timeline_event_sentences sentences chosen among
  // its own reports (Event::summary), after a lead of timeline_lead_sentences
  // sentences of the whole story (Story::summary). With max_words set, each
  // of those summaries gets that word budget instead. Off, or for a story
  // without dates or with one event: one summary per story, as before.
  bool timeline = true;
  int timeline_lead_sentences = 1;
  int timeline_event_sentences = 2;

  // Candidates: sentences shorter or longer than this (in words) cannot stand
  // alone and are never chosen. Questions, headings (no final punctuation),
  // captions and bylines are skipped too.
  int min_sentence_words = 8;
  int max_sentence_words = 60;
  // Only the first this-many kept sentences of each report are candidates
  // (news puts the facts first; this also bounds the work per story).
  int max_position = 40;

  // Weights of the score features; each feature is scaled to [0, 1].
  double weight_lexrank = 1.0;   // centrality in the sentence-similarity graph
  double weight_centroid = 1.0;  // cosine to the story's TF-IDF centroid
  double weight_position = 1.0;  // 1 / sqrt(1 + position in the report)
  double weight_support = 0.5;   // share of other reports saying the same

  // LexRank: edges are cosines >= this; teleport probability (1 - damping
  // factor) of the power iteration; stop when the L1 change is below tolerance.
  double lexrank_threshold = 0.1;
  double lexrank_teleport = 0.15;
  double lexrank_tolerance = 1e-9;

  // MMR trade-off between relevance (1) and novelty (0).
  double mmr_lambda = 0.5;
  // Two sentences with a TF-IDF cosine at or above this say the same thing:
  // never both chosen.
  double redundancy_threshold = 0.4;
  // A sentence of another report with a cosine at or above this to a chosen
  // sentence is credited as a source of it (and counts as support).
  double attribution_threshold = 0.5;
};

struct Options {
  // Worker threads for every parallel stage; 0 = all cores. Results do not
  // depend on this value.
  int threads = 0;

  IngestOptions ingest;
  TextOptions text;
  DedupOptions dedup;
  ClusterOptions cluster;
  SummaryOptions summary;

  // The last pipeline stage Engine::Run performs. Stages after it are skipped
  // and leave their part of the Result empty (e.g. kDedup: no stories), which
  // is what `precis dedup` uses so that it does not pay for clustering and
  // summarising. Not part of the fingerprint: it never changes what the stages
  // that do run produce.
  enum class Stage { kAnalyse, kDedup, kCluster, kSummarise };
  Stage last_stage = Stage::kSummarise;

  // Whether the Result gives each document's text (DocumentResult::text).
  // False leaves those empty (DocumentResult::text_bytes still gives the
  // size), so that a run whose output needs no full texts (precis digest,
  // dedup and cluster) never holds the corpus in memory: the engine keeps
  // the texts in a temporary file and reads back each one when a stage
  // needs it. Not part of the fingerprint.
  bool result_texts = true;

  // Called from the thread running Engine::Run as work progresses: the stage
  // name ("analyse", "dedup", ...), items done, items in total. May be empty.
  // Not part of the fingerprint.
  std::function<void(std::string_view stage, size_t done, size_t total)> progress;

  // The clock and the temporary folder (precis/env.h); nullptr is
  // Env::Default(). Not owned: it must outlive every engine made with these
  // options. Not part of the fingerprint.
  const Env* env = nullptr;

  // Canonical JSON of every field that changes results.
  std::string ToJson() const;
  // 16 hex digits: a hash of ToJson().
  std::string Fingerprint() const;
};

}  // namespace precis

#endif  // PRECIS_OPTIONS_H_
