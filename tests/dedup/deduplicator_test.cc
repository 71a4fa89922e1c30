// The Deduplicator on plain inputs (no ICU analyser): brute-force agreement,
// determinism, edge cases. Text comes from the corpus generator (real seeds,
// plus the eval data when present).
#include "engine/dedup/deduplicator.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "engine/dedup/minhash.h"
#include "tests/reference/dedup/reference.h"
#include "tests/testing/generated_corpus.h"

namespace precis::dedup {
namespace {

using testing::AllPairs;
using testing::SimpleUnits;

std::vector<std::string> GeneratedTexts(size_t n, uint64_t seed) {
  std::string error;
  std::vector<std::string> texts;
  for (gen::GeneratedDoc& d : precis::testing::GenerateCorpus(n, seed, &error))
    texts.push_back(std::move(d.text));
  EXPECT_TRUE(error.empty()) << error;
  return texts;
}

DedupResult RunDedup(const std::vector<DocumentUnits>& units, const DedupOptions& options,
                     int threads) {
  Deduplicator dedup(options, units.size());
  Parallel parallel(threads);
  parallel.For(units.size(), [&](size_t i) { dedup.Add(i, units[i]); });
  StatusOr<DedupResult> result = dedup.Finish(parallel);
  EXPECT_TRUE(result.ok()) << result.status().message();
  return result.ok() ? std::move(result).value() : DedupResult{};
}

std::vector<DocumentUnits> UnitsOf(const std::vector<std::string>& texts,
                                   const DedupOptions& options) {
  std::vector<DocumentUnits> units;
  for (const std::string& t : texts) units.push_back(SimpleUnits(t, options));
  return units;
}

// Pairs above the threshold by 0.05 are reported, pairs below it never are,
// and every reported value is the exact one.
TEST(Deduplicator, AgreesWithAllPairsExactJaccard) {
  const std::vector<std::string> texts = GeneratedTexts(400, 11);
  for (const int n : {3, 5}) {
    for (const double t : {0.3, 0.5, 0.7, 0.9}) {
      DedupOptions o;
      o.shingle_size = n;
      o.threshold = t;
      o.containment = false;
      const auto units = UnitsOf(texts, o);
      std::vector<std::vector<uint64_t>> sets;
      for (const auto& u : units) sets.push_back(ShingleSet(u.units, n));
      std::map<std::pair<uint32_t, uint32_t>, double> reference;
      for (const auto& p : AllPairs(sets)) reference[{p.a, p.b}] = p.jaccard;

      const DedupResult r = RunDedup(units, o, 2);
      SCOPED_TRACE("n=" + std::to_string(n) + " t=" + std::to_string(t));
      std::set<std::pair<uint32_t, uint32_t>> reported;
      std::vector<uint32_t> exact_of(texts.size(), UINT32_MAX);
      for (const auto& g : r.exact_groups) {
        for (uint32_t m : g.members) exact_of[m] = g.canonical;
      }
      for (const auto& g : r.near_duplicate_groups) {
        for (const SimilarPair& p : g.pairs) {
          ASSERT_LT(p.a, p.b);
          reported.insert({p.a, p.b});
          EXPECT_DOUBLE_EQ(p.jaccard, reference.at({p.a, p.b}));
          EXPECT_GE(p.jaccard, t);
          EXPECT_NEAR(p.estimated, p.jaccard, 0.35);
        }
      }
      size_t above = 0, found = 0;
      for (const auto& [pair, j] : reference) {
        if (j < t + 0.05) continue;
        ++above;
        const auto [a, b] = pair;
        // Members of an exact group after the first are represented by it.
        const uint32_t ra = exact_of[a] == UINT32_MAX ? a : exact_of[a];
        const uint32_t rb = exact_of[b] == UINT32_MAX ? b : exact_of[b];
        found += ra == rb || reported.count({std::min(ra, rb), std::max(ra, rb)}) > 0;
      }
      EXPECT_GT(above, 20u);
      EXPECT_EQ(found, above);
    }
  }
}

TEST(Deduplicator, ContainmentFindsTrimmedCopies) {
  const std::vector<std::string> texts = GeneratedTexts(400, 12);
  DedupOptions o;  // defaults: containment on
  const auto units = UnitsOf(texts, o);
  std::vector<std::vector<uint64_t>> sets;
  for (const auto& u : units) sets.push_back(ShingleSet(u.units, o.shingle_size));
  const DedupResult r = RunDedup(units, o, 2);
  std::vector<int> group(texts.size(), -1);
  for (size_t g = 0; g < r.near_duplicate_groups.size(); ++g) {
    for (uint32_t m : r.near_duplicate_groups[g].members) group[m] = static_cast<int>(g);
  }
  size_t contained = 0;
  for (const auto& p : AllPairs(sets)) {
    const size_t small = std::min(sets[p.a].size(), sets[p.b].size());
    const size_t large = std::max(sets[p.a].size(), sets[p.b].size());
    // Within the documented reach: trimmed to at least a third, 0.05 above the threshold.
    if (p.containment >= o.containment_threshold + 0.05 &&
        small >= static_cast<size_t>(o.containment_min_shingles) && 3 * small >= large) {
      ++contained;
      EXPECT_TRUE(group[p.a] >= 0 && group[p.a] == group[p.b]) << p.a << " " << p.b;
    }
  }
  EXPECT_GT(contained, 10u);
  for (const auto& g : r.near_duplicate_groups) {
    for (const SimilarPair& p : g.pairs) {
      const bool by_containment = p.containment >= o.containment_threshold &&
                                  std::min(sets[p.a].size(), sets[p.b].size()) >=
                                      static_cast<size_t>(o.containment_min_shingles);
      EXPECT_TRUE(p.jaccard >= o.threshold || by_containment);
    }
  }
}

bool SameResult(const DedupResult& x, const DedupResult& y) {
  auto same_groups = [](const std::vector<DuplicateGroup>& a,
                        const std::vector<DuplicateGroup>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      if (a[i].canonical != b[i].canonical || a[i].members != b[i].members ||
          a[i].pairs.size() != b[i].pairs.size())
        return false;
      for (size_t p = 0; p < a[i].pairs.size(); ++p) {
        const SimilarPair &s = a[i].pairs[p], &t = b[i].pairs[p];
        if (s.a != t.a || s.b != t.b || s.estimated != t.estimated || s.jaccard != t.jaccard ||
            s.containment != t.containment)
          return false;
      }
    }
    return true;
  };
  return same_groups(x.exact_groups, y.exact_groups) &&
         same_groups(x.near_duplicate_groups, y.near_duplicate_groups) && x.bands == y.bands &&
         x.rows == y.rows;
}

TEST(Deduplicator, IdenticalForAnyThreadCount) {
  const std::vector<std::string> texts = GeneratedTexts(300, 13);
  DedupOptions o;
  const auto units = UnitsOf(texts, o);
  const DedupResult one = RunDedup(units, o, 1);
  EXPECT_FALSE(one.near_duplicate_groups.empty());
  for (int threads : {2, 3, 8})
    EXPECT_TRUE(SameResult(one, RunDedup(units, o, threads))) << threads;
  Deduplicator a(o, units.size()), b(o, units.size());
  for (size_t i = 0; i < units.size(); ++i) a.Add(i, units[i]);
  for (size_t i = units.size(); i-- > 0;) b.Add(i, units[i]);
  for (size_t i = 0; i < units.size(); ++i) {
    ASSERT_TRUE(std::equal(a.signature(i).begin(), a.signature(i).end(), b.signature(i).begin()));
  }
}

TEST(Deduplicator, ExactGroupsAndCanonical) {
  DedupOptions o;
  const std::string body =
      "The minister said on Tuesday that the new rules would apply from next year to every company "
      "with more than fifty employees, after months of talks with unions and employers.";
  const std::vector<DocumentUnits> units = {
      SimpleUnits(body, o),
      SimpleUnits("Something else entirely, about football and the weather.", o),
      SimpleUnits(body, o),
      SimpleUnits(body + " Unions welcomed the decision but asked for more.", o)};
  const DedupResult r = RunDedup(units, o, 2);
  ASSERT_EQ(r.exact_groups.size(), 1u);
  EXPECT_EQ(r.exact_groups[0].members, (std::vector<uint32_t>{0, 2}));
  ASSERT_EQ(r.near_duplicate_groups.size(), 1u);
  const DuplicateGroup& g = r.near_duplicate_groups[0];
  EXPECT_EQ(g.members, (std::vector<uint32_t>{0, 2, 3}));
  EXPECT_EQ(g.canonical, 3u);  // the longest
  const auto rep = Representatives(r, units.size());
  EXPECT_EQ(rep, (std::vector<uint32_t>{3, 1, 3, 3}));
}

std::string Repeat(const std::string& s, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += s;
  return out;
}

TEST(Deduplicator, EmptyShortAndRepeatedWordDocuments) {
  DedupOptions o;
  const std::vector<DocumentUnits> units = {
      SimpleUnits("", o),
      SimpleUnits("  ...  ", o),
      SimpleUnits("Breaking", o),
      SimpleUnits("Breaking", o),
      SimpleUnits("Breaking news", o),
      SimpleUnits("Other", o),
      SimpleUnits(Repeat("word ", 400), o),
      SimpleUnits("word word word word word word word", o),
  };
  EXPECT_TRUE(units[0].units.empty());
  EXPECT_TRUE(units[1].units.empty());
  const DedupResult r = RunDedup(units, o, 2);
  std::map<uint32_t, int> group_of;
  for (size_t g = 0; g < r.near_duplicate_groups.size(); ++g) {
    for (uint32_t m : r.near_duplicate_groups[g].members) group_of[m] = static_cast<int>(g);
  }
  EXPECT_FALSE(group_of.count(0));  // empty documents are never grouped, not even together
  EXPECT_FALSE(group_of.count(1));
  ASSERT_TRUE(group_of.count(2) && group_of.count(3));  // one-word copies: exact group
  EXPECT_EQ(group_of[2], group_of[3]);
  EXPECT_FALSE(group_of.count(4));  // "breaking news" is a different one-shingle set
  EXPECT_FALSE(group_of.count(5));
  ASSERT_TRUE(group_of.count(6) &&
              group_of.count(7));  // one repeated word: the same single shingle
  EXPECT_EQ(group_of[6], group_of[7]);
  EXPECT_NE(group_of[6], group_of[2]);
}

TEST(Deduplicator, TenMegabyteDocuments) {
  const std::vector<std::string> texts = GeneratedTexts(400, 14);
  std::string big;
  for (size_t i = 0; big.size() < (10u << 20); i = (i + 1) % texts.size()) {
    big += texts[i];
    big += "\n\n";
  }
  std::string edited = big;
  edited.insert(edited.size() / 2,
                "\n\nA paragraph the agency added in the middle of the long document.\n\n");
  std::string other;
  for (size_t i = texts.size(); other.size() < (10u << 20);) {
    i = (i * 7 + 3) % texts.size();
    other += texts[i] + " extra words " + std::to_string(other.size()) + "\n\n";
  }
  DedupOptions o;
  const std::vector<DocumentUnits> units = {SimpleUnits(big, o), SimpleUnits(other, o),
                                            SimpleUnits(edited, o)};
  const DedupResult r = RunDedup(units, o, 2);
  ASSERT_EQ(r.near_duplicate_groups.size(), 1u);
  EXPECT_EQ(r.near_duplicate_groups[0].members, (std::vector<uint32_t>{0, 2}));
  ASSERT_EQ(r.near_duplicate_groups[0].pairs.size(), 1u);
  EXPECT_GT(r.near_duplicate_groups[0].pairs[0].jaccard, 0.99);
}

}  // namespace
}  // namespace precis::dedup
