#include "engine/dedup/deduplicator.h"

#include <xxhash.h>

#include <algorithm>
#include <cstring>
#include <numeric>
#include <string>
#include <unordered_map>

#include "engine/common/union_find.h"
#include "engine/dedup/lsh.h"
#include "engine/dedup/minhash.h"
#include "engine/dedup/shingle.h"
#include "engine/dedup/sort_values.h"
#include "engine/dedup/verify.h"
#include "precis/env.h"

namespace precis::dedup {

DocumentUnits UnitsFromNorms(std::span<const std::string_view> norms, const DedupOptions& options) {
  DocumentUnits out;
  // Reused per thread: no allocation per document. Bound to a reference once,
  // since each access to a thread_local in a shared library can cost a call.
  thread_local std::string tls_body;
  std::string& body = tls_body;
  size_t total = norms.empty() ? 0 : norms.size() - 1;
  for (const std::string_view norm : norms) total += norm.size();
  body.resize(total);
  char* p = body.data();
  for (size_t i = 0; i < norms.size(); ++i) {
    if (i > 0) *p++ = ' ';
    std::memcpy(p, norms[i].data(), norms[i].size());
    p += norms[i].size();
  }
  const XXH128_hash_t h = XXH3_128bits(body.data(), body.size());
  out.body_hash_low = h.low64;
  out.body_hash_high = h.high64;
  if (options.char_shingle_size > 0) {
    out.units = CharacterNgramHashes(body, options.char_shingle_size);
  } else {
    out.units.resize(norms.size());
    for (size_t i = 0; i < norms.size(); ++i) out.units[i] = HashToken(norms[i]);
  }
  return out;
}

int UnitShingleSize(const DedupOptions& options) {
  return options.char_shingle_size > 0 ? 1 : options.shingle_size;
}

Deduplicator::Deduplicator(const DedupOptions& options, size_t documents,
                           const std::string& spill_dir)
    : options_(options),
      rules_(options),
      k_(options.signature_size),
      hasher_(options.signature_size, options.seed),
      signatures_(documents * static_cast<size_t>(options.signature_size)),
      hash_low_(documents),
      hash_high_(documents),
      shingles_(documents),
      sets_(std::make_unique<SetStore>(
          documents, spill_dir.empty() ? Env::Default()->TempDir() : spill_dir)) {}

void Deduplicator::Add(size_t i, const DocumentUnits& units) {
  hash_low_[i] = units.body_hash_low;
  hash_high_[i] = units.body_hash_high;
  const int n = UnitShingleSize(options_);
  // Thread-local scratch: no allocation per document in the steady state.
  thread_local std::vector<uint64_t> tls_shingles;
  std::vector<uint64_t>& shingles = tls_shingles;
  shingles.clear();
  AppendShingles(units.units, n, &shingles);
  shingles_[i] = static_cast<uint32_t>(std::min<size_t>(shingles.size(), UINT32_MAX));
  hasher_.Sign(shingles, signatures_.data() + i * static_cast<size_t>(k_));
  thread_local std::vector<uint32_t> tls_set, tls_scratch;
  std::vector<uint32_t>& set = tls_set;
  set.resize(shingles.size());
  for (size_t s = 0; s < shingles.size(); ++s) set[s] = static_cast<uint32_t>(shingles[s]);
  SortValues(&set, &tls_scratch);
  set.erase(std::unique(set.begin(), set.end()), set.end());
  sets_->Put(i, set);
}

std::span<const uint32_t> Deduplicator::signature(size_t i) const {
  return {signatures_.data() + i * static_cast<size_t>(k_), static_cast<size_t>(k_)};
}

struct Deduplicator::Verified {
  bool accepted = false;
  SimilarPair pair;
};

StatusOr<DedupResult> Deduplicator::Finish(Parallel& parallel) const {
  if (Status s = sets_->status(); !s.ok()) return s;
  DedupResult result;
  UnionFind sets(hash_low_.size());
  const std::vector<uint32_t> lsh_docs = ExactGroups(&sets, &result);
  const std::vector<std::pair<uint32_t, uint32_t>> to_verify =
      Candidates(lsh_docs, parallel, &result);
  StatusOr<std::vector<Verified>> verified = Verify(to_verify, parallel);
  if (!verified.ok()) return verified.status();
  Group(*verified, &sets, &result);
  return result;
}

std::vector<uint32_t> Deduplicator::ExactGroups(UnionFind* sets, DedupResult* result) const {
  const size_t n = hash_low_.size();
  std::vector<uint32_t> order;
  order.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    if (shingles_[i] > 0) order.push_back(i);
  }
  auto same_body = [&](uint32_t a, uint32_t b) {
    return hash_low_[a] == hash_low_[b] && hash_high_[a] == hash_high_[b];
  };
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    if (hash_high_[a] != hash_high_[b]) return hash_high_[a] < hash_high_[b];
    if (hash_low_[a] != hash_low_[b]) return hash_low_[a] < hash_low_[b];
    return a < b;
  });
  std::vector<uint32_t> lsh_docs;  // one member (the first) per exact group
  for (size_t begin = 0; begin < order.size();) {
    size_t end = begin + 1;
    while (end < order.size() && same_body(order[begin], order[end])) ++end;
    lsh_docs.push_back(order[begin]);
    if (end - begin > 1) {
      DuplicateGroup g;
      g.members.assign(order.begin() + begin, order.begin() + end);
      g.canonical = g.members.front();
      for (uint32_t m : g.members) sets->Union(g.canonical, m);
      result->exact_groups.push_back(std::move(g));
    }
    begin = end;
  }
  std::sort(
      result->exact_groups.begin(), result->exact_groups.end(),
      [](const DuplicateGroup& a, const DuplicateGroup& b) { return a.canonical < b.canonical; });
  std::sort(lsh_docs.begin(), lsh_docs.end());
  return lsh_docs;
}

std::vector<std::pair<uint32_t, uint32_t>> Deduplicator::Candidates(
    const std::vector<uint32_t>& lsh_docs, Parallel& parallel, DedupResult* result) const {
  const LshParams params = rules_.banding();
  result->bands = params.bands;
  result->rows = params.rows;
  result->lsh_threshold = rules_.lsh_threshold();
  // The prefilter is applied as the candidates come out of LSH, so that they
  // need not all be kept.
  auto worth_verifying = [&](uint32_t a, uint32_t b) {
    return rules_.WorthVerifying(EstimateJaccard(signature(a), signature(b)), shingles_[a],
                                 shingles_[b]);
  };
  FilteredCandidates candidates =
      LshFilteredCandidates(signatures_, k_, lsh_docs, params, parallel, worth_verifying);
  result->candidate_pairs = candidates.candidates;
  result->verified_pairs = candidates.kept.size();
  return std::move(candidates.kept);
}

StatusOr<std::vector<Deduplicator::Verified>> Deduplicator::Verify(
    const std::vector<std::pair<uint32_t, uint32_t>>& to_verify, Parallel& parallel) const {
  std::vector<Verified> verified(to_verify.size());
  for (size_t begin = 0; begin < to_verify.size();) {
    // A block of pairs whose documents' sets fit kVerifyBlock (pairs are
    // sorted, so a block covers a run of them).
    std::unordered_map<uint32_t, uint32_t> slot;
    std::vector<uint32_t> block_docs;
    size_t end = begin;
    while (end < to_verify.size()) {
      const auto [a, b] = to_verify[end];
      const size_t added = !slot.count(a) + !slot.count(b);
      if (block_docs.size() + added > kVerifyBlock && end > begin) break;
      for (uint32_t d : {a, b}) {
        if (slot.emplace(d, static_cast<uint32_t>(block_docs.size())).second)
          block_docs.push_back(d);
      }
      ++end;
    }
    std::vector<std::vector<uint32_t>> sets_of(block_docs.size());
    std::vector<char> read(block_docs.size());
    parallel.For(
        block_docs.size(), [&](size_t s) { read[s] = sets_->Get(block_docs[s], &sets_of[s]); }, 64);
    if (std::find(read.begin(), read.end(), 0) != read.end()) {
      return Status::IOError(
          "dedup: cannot read back the shingle sets from the temporary file (in $TMPDIR, else "
          "/tmp); check that disk for errors or free space");
    }
    parallel.For(
        end - begin,
        [&](size_t q) {
          const auto [a, b] = to_verify[begin + q];
          const std::vector<uint32_t>& sa = sets_of[slot.at(a)];
          const std::vector<uint32_t>& sb = sets_of[slot.at(b)];
          const SetSimilarity sim = CompareSets(std::span<const uint32_t>(sa), sb);
          Verified& v = verified[begin + q];
          v.pair = {a, b, EstimateJaccard(signature(a), signature(b)), sim.jaccard,
                    sim.containment};
          v.accepted = rules_.Accept(sim, sa.size(), sb.size());
        },
        64);
    begin = end;
  }
  return verified;
}

void Deduplicator::Group(const std::vector<Verified>& verified, UnionFind* sets,
                         DedupResult* result) const {
  const size_t n = hash_low_.size();
  for (const Verified& v : verified) {
    if (v.accepted) sets->Union(v.pair.a, v.pair.b);
  }
  std::vector<uint32_t> root(n);
  for (uint32_t i = 0; i < n; ++i) root[i] = sets->Find(i);
  // Roots are the smallest members, so numbering roots in index order sorts
  // groups by their first member.
  std::vector<char> has_members(n, 0);
  for (uint32_t i = 0; i < n; ++i) {
    if (root[i] != i) has_members[root[i]] = 1;
  }
  auto& groups = result->near_duplicate_groups;
  std::vector<uint32_t> group_of(n, UINT32_MAX);
  for (uint32_t i = 0; i < n; ++i) {
    if (root[i] == i && !has_members[i]) continue;
    const uint32_t r = root[i];
    if (group_of[r] == UINT32_MAX) {
      group_of[r] = static_cast<uint32_t>(groups.size());
      groups.emplace_back();
    }
    groups[group_of[r]].members.push_back(i);
  }
  for (DuplicateGroup& g : groups) {
    g.canonical = CanonicalMember(g.members, [&](uint32_t m) { return shingles_[m]; });
  }
  for (const Verified& v : verified) {
    if (v.accepted) groups[group_of[root[v.pair.a]]].pairs.push_back(v.pair);
  }
  for (const DuplicateGroup& e : result->exact_groups) {
    DuplicateGroup& g = groups[group_of[root[e.canonical]]];
    for (size_t j = 1; j < e.members.size(); ++j)
      g.pairs.push_back({e.canonical, e.members[j], 1, 1, 1});
  }
  for (DuplicateGroup& g : groups) {
    std::sort(g.pairs.begin(), g.pairs.end(), [](const SimilarPair& x, const SimilarPair& y) {
      return x.a != y.a ? x.a < y.a : x.b < y.b;
    });
  }
}

std::vector<uint32_t> Representatives(const DedupResult& result, size_t documents) {
  std::vector<uint32_t> rep(documents);
  std::iota(rep.begin(), rep.end(), 0u);
  for (const DuplicateGroup& g : result.near_duplicate_groups) {
    for (uint32_t m : g.members) rep[m] = g.canonical;
  }
  return rep;
}

}  // namespace precis::dedup
