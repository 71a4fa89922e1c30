// precis/sketch.h: the steps of dedup::Deduplicator (engine/dedup), one by
// one. The per-document analysis is the engines' own (DocumentStages), the
// pair rules (banding, prefilter, acceptance) dedup::PairRules and the
// canonical member dedup::CanonicalMember, the Deduplicator's own; the
// signature and set, the band keys, the bucket window and the pairs of exact
// groups repeat Deduplicator::Add / Finish and lsh.cc's BandPairs. tests/sketch/sketch_test.cc runs
// these pieces over generated corpora and compares the groups with Engine::Run's, value for value.
#include "precis/sketch.h"

#include <xxhash.h>

#include <algorithm>
#include <tuple>

#include "engine/common/validate_options.h"
#include "engine/dedup/band_entries.h"
#include "engine/dedup/deduplicator.h"
#include "engine/dedup/minhash.h"
#include "engine/dedup/pair_rules.h"
#include "engine/dedup/shingle.h"
#include "engine/dedup/sort_values.h"
#include "engine/dedup/verify.h"
#include "engine/document_stages.h"
#include "engine/ingest/boilerplate.h"
#include "engine/text/analyzer.h"

namespace precis {

struct DedupSketcher::Impl {
  Impl(const Options& o, ingest::BoilerplateFilter f)
      : options(o),
        filter(std::move(f)),
        hasher(o.dedup.signature_size, o.dedup.seed),
        rules(o.dedup) {}

  Options options;
  ingest::BoilerplateFilter filter;
  std::unique_ptr<text::Analyzer> analyzer;
  dedup::MinHasher hasher;
  dedup::PairRules rules;
};

DedupSketcher::DedupSketcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
DedupSketcher::~DedupSketcher() = default;

StatusOr<std::unique_ptr<DedupSketcher>> DedupSketcher::Create(const Options& options,
                                                               const CorpusLines& lines) {
  if (Status s = ValidateOptions(options); !s.ok()) return s;
  auto analyzer = text::Analyzer::Create(options.text);
  if (!analyzer.ok()) return analyzer.status();
  auto impl = std::make_unique<Impl>(
      options, ingest::BoilerplateFilter::FromCounts(lines.documents, lines.keys, lines.counts,
                                                     options.ingest));
  impl->analyzer = std::move(analyzer).value();
  return std::unique_ptr<DedupSketcher>(new DedupSketcher(std::move(impl)));
}

const Options& DedupSketcher::options() const { return impl_->options; }

std::vector<uint64_t> DedupSketcher::LineKeys(const Document& document) const {
  return ingest::BoilerplateFilter::LineKeys(document.text, impl_->options.ingest);
}

uint32_t DedupSketcher::RepeatedLineThreshold(uint64_t documents) const {
  return ingest::BoilerplateFilter::RepeatedThreshold(documents, impl_->options.ingest);
}

DedupSketch DedupSketcher::Sketch(const Document& document) const {
  const Options& o = impl_->options;
  // The engine's own per-document stage: the same cleaning and analysis
  // (words only when the run stops after dedup, as Engine::Run's does).
  const DocumentStages stages(o, *impl_->analyzer, impl_->filter);
  const DocumentOutputs outputs =
      stages.Run(document, {.words_only = o.last_stage == Options::Stage::kDedup, .dedup = true});
  const dedup::DocumentUnits& units = outputs.dedup;
  DedupSketch out;
  out.body_hash_low = units.body_hash_low;
  out.body_hash_high = units.body_hash_high;
  // Per-thread scratch: no allocation per document in the steady state.
  thread_local std::vector<uint64_t> tls_shingles;
  thread_local std::vector<uint32_t> tls_scratch;
  std::vector<uint64_t>& shingles = tls_shingles;
  shingles.clear();
  dedup::AppendShingles(units.units, dedup::UnitShingleSize(o.dedup), &shingles);
  out.shingles = static_cast<uint32_t>(std::min<size_t>(shingles.size(), UINT32_MAX));
  out.signature.resize(static_cast<size_t>(o.dedup.signature_size));
  impl_->hasher.Sign(shingles, out.signature.data());
  out.set.resize(shingles.size());
  for (size_t s = 0; s < shingles.size(); ++s) out.set[s] = static_cast<uint32_t>(shingles[s]);
  dedup::SortValues(&out.set, &tls_scratch);
  out.set.erase(std::unique(out.set.begin(), out.set.end()), out.set.end());
  return out;
}

LshBanding DedupSketcher::Banding() const {
  const dedup::LshParams p = impl_->rules.banding();
  return {p.bands, p.rows, impl_->rules.lsh_threshold()};
}

void DedupSketcher::BandKeys(std::span<const uint32_t> signature, std::span<uint64_t> keys) const {
  // lsh.cc, BandPairs: XXH3-64 of the band's rows, seeded with the band.
  const dedup::LshParams p = impl_->rules.banding();
  const size_t rows = static_cast<size_t>(p.rows);
  for (size_t band = 0; band < static_cast<size_t>(p.bands); ++band) {
    keys[band] =
        XXH3_64bits_withSeed(signature.data() + band * rows, rows * sizeof(uint32_t), band);
  }
}

double DedupSketcher::Estimate(std::span<const uint32_t> a, std::span<const uint32_t> b) {
  return dedup::EstimateJaccard(a, b);
}

bool DedupSketcher::WorthVerifying(std::span<const uint32_t> signature_a, uint32_t shingles_a,
                                   std::span<const uint32_t> signature_b,
                                   uint32_t shingles_b) const {
  return impl_->rules.WorthVerifying(dedup::EstimateJaccard(signature_a, signature_b), shingles_a,
                                     shingles_b);
}

bool DedupSketcher::Verify(std::span<const uint32_t> set_a, std::span<const uint32_t> set_b,
                           SimilarPair* pair) const {
  const dedup::SetSimilarity sim = dedup::CompareSets(set_a, set_b);
  pair->jaccard = sim.jaccard;
  pair->containment = sim.containment;
  return impl_->rules.Accept(sim, set_a.size(), set_b.size());
}

namespace {

bool EntryLess(const BandEntry& x, const BandEntry& y) {
  return std::tie(x.key, x.band, x.doc) < std::tie(y.key, y.band, y.doc);
}

// Orders entries by (key, band, doc), as lsh.cc's SortEntries orders a
// band's; each run of equal top key bits is sorted whole (entries come in
// any order). Twice as fast as std::sort on a share of a million entries.
void SortEntries(std::vector<BandEntry>* entries) {
  if (entries->size() < 1024) {
    std::sort(entries->begin(), entries->end(), EntryLess);
    return;
  }
  std::vector<BandEntry> scratch;
  dedup::SortByTopKeyBits(entries, &scratch, [](BandEntry* begin, BandEntry* end) {
    std::sort(begin, end, EntryLess);
  });
}

}  // namespace

std::vector<std::pair<uint32_t, uint32_t>> LshBucketPairs(std::vector<BandEntry> entries) {
  SortEntries(&entries);
  entries.erase(std::unique(entries.begin(), entries.end(),
                            [](const BandEntry& x, const BandEntry& y) {
                              return x.band == y.band && x.key == y.key && x.doc == y.doc;
                            }),
                entries.end());
  std::vector<uint64_t> packed;
  const size_t window = kLshBucketWindow;
  dedup::AppendBucketPairs(
      entries, window,
      [](const BandEntry& x, const BandEntry& y) { return x.band == y.band && x.key == y.key; },
      &packed);
  std::sort(packed.begin(), packed.end());
  packed.erase(std::unique(packed.begin(), packed.end()), packed.end());
  std::vector<std::pair<uint32_t, uint32_t>> pairs(packed.size());
  for (size_t i = 0; i < packed.size(); ++i) {
    pairs[i] = {static_cast<uint32_t>(packed[i] >> 32), static_cast<uint32_t>(packed[i])};
  }
  return pairs;
}

DuplicateGroup ExactGroup(std::vector<uint32_t> members) {
  DuplicateGroup g;
  std::sort(members.begin(), members.end());
  g.members = std::move(members);
  if (!g.members.empty()) g.canonical = g.members.front();
  return g;
}

DuplicateGroup NearDuplicateGroup(std::vector<uint32_t> members, std::span<const uint32_t> shingles,
                                  std::vector<SimilarPair> accepted,
                                  std::span<const DuplicateGroup> exact) {
  std::vector<std::pair<uint32_t, uint32_t>> by_rank(members.size());
  for (size_t i = 0; i < members.size(); ++i) {
    by_rank[i] = {members[i], i < shingles.size() ? shingles[i] : 0};
  }
  std::sort(by_rank.begin(), by_rank.end());
  DuplicateGroup g;
  g.members.resize(by_rank.size());
  for (size_t i = 0; i < by_rank.size(); ++i) g.members[i] = by_rank[i].first;
  if (!g.members.empty()) {
    // The engine's rule (dedup::CanonicalMember): the longest, the first on ties.
    g.canonical = dedup::CanonicalMember(g.members, [&](uint32_t m) {
      return std::lower_bound(by_rank.begin(), by_rank.end(), std::make_pair(m, 0u))->second;
    });
  }
  g.pairs = std::move(accepted);
  for (const DuplicateGroup& e : exact) {
    for (size_t j = 1; j < e.members.size(); ++j)
      g.pairs.push_back({e.canonical, e.members[j], 1, 1, 1});
  }
  std::sort(g.pairs.begin(), g.pairs.end(), [](const SimilarPair& x, const SimilarPair& y) {
    return x.a != y.a ? x.a < y.a : x.b < y.b;
  });
  return g;
}

}  // namespace precis
