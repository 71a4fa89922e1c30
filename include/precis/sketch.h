// Sketches: the near-duplicate detection of Engine::Run cut into pieces that
// can run on different machines, for corpora one machine cannot hold.
// precis.dask.dedup (python/precis/dask.py) runs them on a Dask cluster and
// gets the groups Engine::Run gets for the same documents, whatever the
// partitioning. Each piece here is the engine's own rule (engine/dedup/README.md);
// moving data between the pieces is the caller's part.
//
// Documents are numbered by their rank in the corpus sorted by id (bytewise),
// as Engine::Run numbers them (Result::documents). The steps, with what each
// needs of the whole corpus:
//
//   1. Each document: DedupSketcher::LineKeys. The corpus rule of the
//      boilerplate filter (IngestOptions) drops lines repeated in many
//      documents, so the corpus counts them: for each key, the number of
//      documents holding it (keys are distinct per document) -> CorpusLines.
//   2. Each document: DedupSketcher (made with those CorpusLines)::Sketch.
//   3. Exact copies: documents with shingles > 0 and equal body hashes (both
//      64-bit halves) form an exact group, ExactGroup(members); only its
//      canonical (the first) takes part in LSH.
//   4. LSH: BandKeys of each such document's signature; the documents sharing
//      a (band, key) form a bucket, and LshBucketPairs gives the candidate
//      pairs of a set of whole buckets.
//   5. Each distinct candidate pair: WorthVerifying (on signatures), then
//      Verify (on the exact shingle sets) accepts it or not.
//   6. Groups: the connected components of accepted pairs and exact groups;
//      NearDuplicateGroup builds each one's DuplicateGroup. Near-duplicate
//      groups are ordered by their first member, exact groups by canonical.
//
// Result::dedup then holds those groups and Banding()'s bands, rows and
// threshold; candidate_pairs counts the distinct candidates of step 4,
// verified_pairs those that passed WorthVerifying.
//
// Thread-safety: every method is const and thread-safe; the free functions
// are pure.
#ifndef PRECIS_SKETCH_H_
#define PRECIS_SKETCH_H_

#include <cstdint>
#include <memory>
#include <span>
#include <utility>
#include <vector>

#include "precis/document.h"
#include "precis/options.h"
#include "precis/result.h"
#include "precis/status.h"

namespace precis {

// The corpus counts of step 1: `documents` in the corpus, and for each line
// key (keys[i]) the number of documents holding it (counts[i]). Keys below
// DedupSketcher::RepeatedLineThreshold(documents) may be left out.
struct CorpusLines {
  uint64_t documents = 0;
  std::vector<uint64_t> keys;
  std::vector<uint32_t> counts;
};

// What near-duplicate detection keeps of one document.
struct DedupSketch {
  // XXH3-128 of the normalised body (token norms joined by single spaces).
  uint64_t body_hash_low = 0;
  uint64_t body_hash_high = 0;
  // Shingles, repeats counted. 0: no words; the document is never grouped.
  uint32_t shingles = 0;
  // DedupOptions::signature_size MinHash values (all 0xFFFFFFFF when
  // shingles is 0: not a signature, never compared).
  std::vector<uint32_t> signature;
  // The verification set: the distinct low 32 bits of the shingle hashes,
  // sorted ascending (engine/dedup/deduplicator.h says why 32 bits).
  std::vector<uint32_t> set;
};

// The LSH banding chosen for the options (DedupResult::bands, rows and
// lsh_threshold).
struct LshBanding {
  int bands = 0;
  int rows = 0;
  double threshold = 0;  // the Jaccard the banding was chosen for
};

// One document in one band's bucket: its band, BandKeys()[band], its rank.
struct BandEntry {
  uint64_t key = 0;
  uint32_t band = 0;
  uint32_t doc = 0;
};

class DedupSketcher {
 public:
  // Fails with InvalidArgument for options out of range (as Engine::Create)
  // or when the text analyser cannot be made. `lines` are the corpus counts
  // of step 1; empty: only the per-document boilerplate rule applies (what
  // LineKeys needs). Time: loading the analyser (tens of milliseconds).
  static StatusOr<std::unique_ptr<DedupSketcher>> Create(const Options& options,
                                                         const CorpusLines& lines = {});
  ~DedupSketcher();
  DedupSketcher(const DedupSketcher&) = delete;
  DedupSketcher& operator=(const DedupSketcher&) = delete;

  const Options& options() const;

  // Step 1: hashes of the lines of `document`'s text that the repetition rule
  // counts (sorted, distinct; none with IngestOptions::strip_boilerplate
  // off). O(text).
  std::vector<uint64_t> LineKeys(const Document& document) const;
  // How many documents of a corpus of `documents` a line must be in to be
  // boilerplate: max(2, repeated_line_min_documents, ceil(fraction * documents)).
  uint32_t RepeatedLineThreshold(uint64_t documents) const;

  // Step 2: the document analysed as Engine::Run analyses it with these
  // options (words only when Options::last_stage is kDedup), and its
  // sketch. O(text + signature size).
  DedupSketch Sketch(const Document& document) const;

  // Step 4.
  LshBanding Banding() const;
  // Writes the Banding().bands keys of `signature` to keys[0..bands).
  // REQUIRES: signature.size() == signature_size, keys.size() >= bands.
  void BandKeys(std::span<const uint32_t> signature, std::span<uint64_t> keys) const;

  // Step 5. The MinHash estimate of two signatures' Jaccard (fraction of
  // equal values).
  static double Estimate(std::span<const uint32_t> a, std::span<const uint32_t> b);
  // Whether a candidate is worth verifying: its estimate is within a
  // margin of the Jaccard threshold, or (with containment) of the
  // containment threshold given the shingle counts.
  bool WorthVerifying(std::span<const uint32_t> signature_a, uint32_t shingles_a,
                      std::span<const uint32_t> signature_b, uint32_t shingles_b) const;
  // Compares the verification sets: sets pair->jaccard and
  // pair->containment (leaving a, b and estimated to the caller) and returns
  // whether the pair is a near-duplicate. O(|a| + |b|).
  bool Verify(std::span<const uint32_t> set_a, std::span<const uint32_t> set_b,
              SimilarPair* pair) const;

 private:
  struct Impl;
  explicit DedupSketcher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Step 4: a bucket of more than this many + 1 documents pairs each member
// only with the next this many (in rank order), keeping the work linear when
// thousands of documents share a phrase; union-find still joins the chains.
inline constexpr int kLshBucketWindow = 64;

// Step 4: the candidate pairs (a < b) of `entries`, which must hold every
// entry of each bucket they touch: per bucket (same band and key), members
// in rank order, each paired with its next kLshBucketWindow. Sorted, unique.
// O(entries log entries).
std::vector<std::pair<uint32_t, uint32_t>> LshBucketPairs(std::vector<BandEntry> entries);

// Step 3: the exact group of `members` (ranks of documents with equal body
// hashes): members sorted, canonical the first.
DuplicateGroup ExactGroup(std::vector<uint32_t> members);

// Step 6: the near-duplicate group of one connected component: `members`
// (ranks, any order) with shingles[i] the DedupSketch::shingles of
// members[i], `accepted` its verified pairs (a < b), `exact` its exact groups
// (from ExactGroup). Members sorted; canonical the member with the most
// shingles, the first on ties; pairs the accepted ones plus (canonical,
// member, 1, 1, 1) for each other member of each exact group, sorted by
// (a, b). REQUIRES: shingles.size() == members.size().
DuplicateGroup NearDuplicateGroup(std::vector<uint32_t> members, std::span<const uint32_t> shingles,
                                  std::vector<SimilarPair> accepted,
                                  std::span<const DuplicateGroup> exact);

}  // namespace precis

#endif  // PRECIS_SKETCH_H_
