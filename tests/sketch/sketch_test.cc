// precis/sketch.h put together in one process, in the order a cluster runs
// the pieces, must give Engine::Run's near-duplicate groups exactly: every
// group, canonical, pair and value, the LSH figures and the counts. The
// buckets are examined in several shares (as on several machines) to show
// that only whole buckets matter.
#include "precis/sketch.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <numeric>

#include "precis/engine.h"
#include "tests/testing/generated_corpus.h"

namespace precis {
namespace {

Result RunEngine(const std::vector<Document>& docs, const Options& options) {
  auto engine = Engine::Create(options);
  EXPECT_TRUE(engine.ok()) << engine.status().message();
  for (const Document& d : docs) EXPECT_TRUE((*engine)->Add(d).ok());
  auto result = (*engine)->Run();
  EXPECT_TRUE(result.ok()) << result.status().message();
  return std::move(result).value();
}

// Smallest-root union-find, as a test-only reference.
struct Components {
  explicit Components(size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0u); }
  uint32_t Find(uint32_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void Union(uint32_t a, uint32_t b) {
    a = Find(a);
    b = Find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
  std::vector<uint32_t> parent;
};

// The pieces, in order. `shares`: buckets are split into this many parts by
// key, each examined alone.
DedupResult RunPieces(std::vector<Document> docs, const Options& options, int shares) {
  std::sort(docs.begin(), docs.end(),
            [](const Document& a, const Document& b) { return a.id < b.id; });
  const size_t n = docs.size();
  auto base = DedupSketcher::Create(options);
  EXPECT_TRUE(base.ok()) << base.status().message();
  // 1. Corpus line counts.
  std::map<uint64_t, uint32_t> counts;
  for (const Document& d : docs) {
    for (uint64_t key : (*base)->LineKeys(d)) ++counts[key];
  }
  CorpusLines lines{n, {}, {}};
  for (const auto& [key, count] : counts) {
    lines.keys.push_back(key);
    lines.counts.push_back(count);
  }
  auto sketcher = DedupSketcher::Create(options, lines);
  EXPECT_TRUE(sketcher.ok());
  const DedupSketcher& s = **sketcher;
  // 2. Sketches.
  std::vector<DedupSketch> sk(n);
  for (size_t i = 0; i < n; ++i) sk[i] = s.Sketch(docs[i]);
  // 3. Exact groups.
  std::map<std::pair<uint64_t, uint64_t>, std::vector<uint32_t>> by_body;
  for (uint32_t i = 0; i < n; ++i) {
    if (sk[i].shingles > 0) by_body[{sk[i].body_hash_high, sk[i].body_hash_low}].push_back(i);
  }
  DedupResult out;
  std::vector<uint32_t> lsh_docs;
  for (auto& [body, members] : by_body) {
    DuplicateGroup g = ExactGroup(members);
    lsh_docs.push_back(g.canonical);
    if (g.members.size() > 1) out.exact_groups.push_back(std::move(g));
  }
  std::sort(out.exact_groups.begin(), out.exact_groups.end(),
            [](const auto& a, const auto& b) { return a.canonical < b.canonical; });
  // 4. LSH, bucket shares examined apart.
  const LshBanding banding = s.Banding();
  out.bands = banding.bands;
  out.rows = banding.rows;
  out.lsh_threshold = banding.threshold;
  std::vector<std::vector<BandEntry>> share(static_cast<size_t>(shares));
  std::vector<uint64_t> keys(static_cast<size_t>(banding.bands));
  for (uint32_t d : lsh_docs) {
    s.BandKeys(sk[d].signature, keys);
    for (uint32_t b = 0; b < keys.size(); ++b)
      share[keys[b] % static_cast<uint64_t>(shares)].push_back({keys[b], b, d});
  }
  std::vector<std::pair<uint32_t, uint32_t>> candidates;
  for (auto& entries : share) {
    auto pairs = LshBucketPairs(std::move(entries));
    candidates.insert(candidates.end(), pairs.begin(), pairs.end());
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  out.candidate_pairs = candidates.size();
  // 5. Prefilter and verification.
  std::vector<SimilarPair> accepted;
  for (const auto& [a, b] : candidates) {
    if (!s.WorthVerifying(sk[a].signature, sk[a].shingles, sk[b].signature, sk[b].shingles))
      continue;
    ++out.verified_pairs;
    SimilarPair p{a, b, DedupSketcher::Estimate(sk[a].signature, sk[b].signature), 0, 0};
    if (s.Verify(sk[a].set, sk[b].set, &p)) accepted.push_back(p);
  }
  // 6. Components and their groups.
  Components cc(n);
  for (const SimilarPair& p : accepted) cc.Union(p.a, p.b);
  for (const DuplicateGroup& g : out.exact_groups) {
    for (uint32_t m : g.members) cc.Union(g.canonical, m);
  }
  std::map<uint32_t, std::vector<uint32_t>> members;
  for (uint32_t i = 0; i < n; ++i) members[cc.Find(i)].push_back(i);
  for (auto& [root, m] : members) {
    if (m.size() < 2) continue;
    std::vector<uint32_t> shingles;
    for (uint32_t d : m) shingles.push_back(sk[d].shingles);
    std::vector<SimilarPair> pairs;
    for (const SimilarPair& p : accepted) {
      if (cc.Find(p.a) == root) pairs.push_back(p);
    }
    std::vector<DuplicateGroup> exact;
    for (const DuplicateGroup& g : out.exact_groups) {
      if (cc.Find(g.canonical) == root) exact.push_back(g);
    }
    out.near_duplicate_groups.push_back(NearDuplicateGroup(m, shingles, pairs, exact));
  }
  return out;
}

void ExpectSame(const DedupResult& want, const DedupResult& got) {
  EXPECT_EQ(want.bands, got.bands);
  EXPECT_EQ(want.rows, got.rows);
  EXPECT_EQ(want.lsh_threshold, got.lsh_threshold);
  EXPECT_EQ(want.candidate_pairs, got.candidate_pairs);
  EXPECT_EQ(want.verified_pairs, got.verified_pairs);
  auto same_groups = [](const std::vector<DuplicateGroup>& a,
                        const std::vector<DuplicateGroup>& b) {
    ASSERT_EQ(a.size(), b.size());
    for (size_t g = 0; g < a.size(); ++g) {
      EXPECT_EQ(a[g].canonical, b[g].canonical) << "group " << g;
      EXPECT_EQ(a[g].members, b[g].members) << "group " << g;
      ASSERT_EQ(a[g].pairs.size(), b[g].pairs.size()) << "group " << g;
      for (size_t p = 0; p < a[g].pairs.size(); ++p) {
        const SimilarPair &x = a[g].pairs[p], &y = b[g].pairs[p];
        EXPECT_EQ(std::tie(x.a, x.b), std::tie(y.a, y.b));
        EXPECT_EQ(x.estimated, y.estimated);
        EXPECT_EQ(x.jaccard, y.jaccard);
        EXPECT_EQ(x.containment, y.containment);
      }
    }
  };
  same_groups(want.exact_groups, got.exact_groups);
  same_groups(want.near_duplicate_groups, got.near_duplicate_groups);
}

std::vector<Document> Corpus(size_t n, uint64_t seed) {
  std::string error;
  auto docs = testing::ToDocuments(testing::GenerateCorpus(n, seed, &error));
  EXPECT_TRUE(error.empty()) << error;
  // Documents the rules treat apart: a headline alone, no words at all,
  // exact copies under other ids, and a navigation line in many documents.
  Document headline;
  headline.id = "zz-headline-only";
  headline.title = "Storm closes the port of Brest";
  docs.push_back(headline);
  Document no_words;
  no_words.id = "zz-no-words";
  no_words.text = "... --- ...";
  docs.push_back(no_words);
  for (int i = 0; i < 3; ++i) {
    Document copy = docs[static_cast<size_t>(i) * 7];
    copy.id = "zz-copy-" + std::to_string(i);
    docs.push_back(copy);
  }
  // Between paragraphs, where only the corpus rule removes it.
  for (size_t i = 0; i < docs.size(); i += 3) {
    const size_t cut = docs[i].text.find("\n\n");
    if (cut != std::string::npos)
      docs[i].text.insert(cut, "\n\nAdvertisement - scroll to continue reading");
  }
  return docs;
}

TEST(SketchTest, PiecesGiveTheEngineGroups) {
  const std::vector<Document> docs = Corpus(1500, 21);
  Options options;
  options.last_stage = Options::Stage::kDedup;
  const Result want = RunEngine(docs, options);
  ASSERT_GT(want.dedup.near_duplicate_groups.size(), 50u);
  ASSERT_GT(want.dedup.exact_groups.size(), 5u);
  for (int shares : {1, 3, 16}) ExpectSame(want.dedup, RunPieces(docs, options, shares));
}

TEST(SketchTest, OtherSettings) {
  const std::vector<Document> docs = Corpus(600, 5);
  Options o;
  o.last_stage = Options::Stage::kDedup;
  o.dedup.containment = false;
  o.dedup.threshold = 0.7;
  o.dedup.signature_size = 64;
  ExpectSame(RunEngine(docs, o).dedup, RunPieces(docs, o, 4));
  Options c;
  c.last_stage = Options::Stage::kDedup;
  c.dedup.char_shingle_size = 5;
  c.ingest.strip_boilerplate = false;
  ExpectSame(RunEngine(docs, c).dedup, RunPieces(docs, c, 4));
  // Full analysis (what `precis cluster` runs before its dedup stage).
  Options full;
  full.last_stage = Options::Stage::kCluster;
  ExpectSame(RunEngine(docs, full).dedup, RunPieces(docs, full, 2));
}

TEST(SketchTest, LargeBucketsKeepTheirWindow) {
  // 300 copies of one report, each with one word changed: their buckets hold
  // far more than kLshBucketWindow + 1 documents.
  std::string error;
  auto base = testing::ToDocuments(testing::GenerateCorpus(1, 3, &error));
  ASSERT_FALSE(base.empty());
  std::vector<Document> docs;
  for (int i = 0; i < 300; ++i) {
    Document d = base[0];
    d.id = "copy-" + std::to_string(1000 + i);
    d.text += " word" + std::to_string(i) + ".";
    docs.push_back(d);
  }
  Options o;
  o.last_stage = Options::Stage::kDedup;
  const Result want = RunEngine(docs, o);
  ASSERT_EQ(want.dedup.near_duplicate_groups.size(), 1u);
  for (int shares : {1, 5}) ExpectSame(want.dedup, RunPieces(docs, o, shares));
}

TEST(SketchTest, BucketPairsWindow) {
  std::vector<BandEntry> entries;
  for (uint32_t d = 0; d < 100; ++d) entries.push_back({7, 0, 99 - d});
  entries.push_back({7, 1, 3});  // another band: another bucket
  entries.push_back({7, 0, 5});  // given twice: counted once
  const auto pairs = LshBucketPairs(entries);
  // Members 0..99 each with its next 64: sum over i of min(64, 99 - i).
  size_t expected = 0;
  for (size_t i = 0; i < 100; ++i) expected += std::min<size_t>(64, 99 - i);
  EXPECT_EQ(pairs.size(), expected);
  EXPECT_EQ(pairs.front(), std::make_pair(0u, 1u));
  EXPECT_TRUE(std::find(pairs.begin(), pairs.end(), std::make_pair(0u, 65u)) == pairs.end());
  EXPECT_TRUE(std::find(pairs.begin(), pairs.end(), std::make_pair(0u, 64u)) != pairs.end());
}

}  // namespace
}  // namespace precis
