// Dedup end to end through precis::Engine with its real analyser, on corpora
// made by tools/gen_corpus from real text, scored against the gold labels.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <sstream>

#include "precis/engine.h"
#include "tests/testing/generated_corpus.h"

namespace precis {
namespace {

struct Corpus {
  std::vector<gen::GeneratedDoc> docs;  // in id order, as the engine orders them
};

Corpus Generate(size_t n, uint64_t seed, bool use_eval) {
  std::string error;
  Corpus c{testing::GenerateCorpus(n, seed, &error, use_eval)};
  EXPECT_TRUE(error.empty()) << error;
  std::sort(c.docs.begin(), c.docs.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  return c;
}

Result RunEngine(const std::vector<Document>& docs, Options options = {}) {
  auto engine = Engine::Create(std::move(options));
  EXPECT_TRUE(engine.ok()) << engine.status().message();
  for (const Document& d : docs) EXPECT_TRUE((*engine)->Add(d).ok());
  auto result = (*engine)->Run();
  EXPECT_TRUE(result.ok()) << result.status().message();
  return std::move(result).value();
}

std::vector<Document> ToDocuments(const Corpus& c) { return testing::ToDocuments(c.docs); }

struct Score {
  size_t planted = 0, found = 0;
  size_t grouped_pairs = 0, correct_pairs = 0;
  size_t real_pairs = 0;  // two reports from the eval data grouped: not planted, judged apart
  std::vector<std::string> wrong;  // a few wrongly grouped pairs, for the failure message
  double recall() const { return planted ? static_cast<double>(found) / planted : 1; }
  double precision() const {
    return grouped_pairs ? static_cast<double>(correct_pairs) / grouped_pairs : 1;
  }
};

// Recall: planted copies in the same group as their base. Precision: pairs of
// documents grouped together that share a gold near-duplicate group. Pairs of
// two real reports from the eval data (which may truly be copies; their gold
// says only "same event") are counted apart.
Score Evaluate(const Corpus& c, const Result& r) {
  std::vector<int> group(c.docs.size(), -1);
  for (size_t g = 0; g < r.dedup.near_duplicate_groups.size(); ++g) {
    for (uint32_t m : r.dedup.near_duplicate_groups[g].members) group[m] = static_cast<int>(g);
  }
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < c.docs.size(); ++i) index[c.docs[i].id] = i;
  Score s;
  for (size_t i = 0; i < c.docs.size(); ++i) {
    const auto& d = c.docs[i];
    if (!d.near_duplicate()) continue;
    ++s.planted;
    const size_t base = index.at(d.id.substr(0, 9) + "-00");
    s.found += group[i] >= 0 && group[i] == group[base];
  }
  auto real = [](const gen::GeneratedDoc& d) {
    return (d.kind == "base" || d.kind == "other_report") &&
           d.story.find(':') != std::string::npos && d.story.rfind("seed:", 0) != 0;
  };
  for (const auto& g : r.dedup.near_duplicate_groups) {
    for (size_t x = 0; x < g.members.size(); ++x) {
      for (size_t y = x + 1; y < g.members.size(); ++y) {
        const auto& a = c.docs[g.members[x]];
        const auto& b = c.docs[g.members[y]];
        if (a.group != b.group && real(a) && real(b)) {
          ++s.real_pairs;
          continue;
        }
        ++s.grouped_pairs;
        s.correct_pairs += a.group == b.group;
        if (a.group != b.group && s.wrong.size() < 12) {
          std::string why = a.id + " (" + a.kind + ", " + a.story + ") ~ " + b.id + " (" + b.kind +
                            ", " + b.story + ")";
          for (const SimilarPair& p : g.pairs) {
            if (p.a == g.members[x] && p.b == g.members[y]) {
              why += " J=" + std::to_string(p.jaccard) + " C=" + std::to_string(p.containment);
            }
          }
          s.wrong.push_back(why);
        }
      }
    }
  }
  return s;
}

TEST(EngineDedup, PlantedCopiesFoundWithDefaults) {
  for (const bool use_eval : {false, true}) {
    if (use_eval && !testing::EvalDataPresent()) {
      GTEST_SKIP() << "eval data not found in " PRECIS_EVAL_DIR
                   << "; the seeds-only corpus was checked";
    }
    const Corpus c = Generate(2500, use_eval ? 21 : 22, use_eval);
    const Result r = RunEngine(ToDocuments(c));
    const Score s = Evaluate(c, r);
    SCOPED_TRACE(use_eval ? "seeds + eval data" : "seeds only");
    EXPECT_GT(s.planted, 500u);
    EXPECT_GE(s.recall(), 0.98) << s.found << "/" << s.planted;
    std::string examples;
    for (const std::string& w : s.wrong) examples += "\n  " + w;
    EXPECT_GE(s.precision(), 0.99) << s.correct_pairs << "/" << s.grouped_pairs << examples;
    const std::string tag = use_eval ? "with_eval_" : "seeds_only_";
    RecordProperty(tag + "recall", std::to_string(s.recall()));
    RecordProperty(tag + "precision", std::to_string(s.precision()));
    RecordProperty(tag + "real_report_pairs_grouped", static_cast<int>(s.real_pairs));
    EXPECT_GT(r.dedup.bands, 0);
    EXPECT_LE(r.dedup.bands * r.dedup.rows, DedupOptions().signature_size);
    EXPECT_FALSE(r.dedup.exact_groups.empty());
  }
}

std::vector<Document> Seeds() {
  std::vector<Document> docs;
  const Status s = ReadSources(
      {PRECIS_SOURCE_DIR "/corpora/seeds"}, IngestOptions(),
      [&](Document d) { docs.push_back(std::move(d)); }, [](SkippedSource) {});
  EXPECT_TRUE(s.ok()) << s.message();
  return docs;
}

TEST(EngineDedup, SeedsHaveNoNearDuplicates) {
  const std::vector<Document> seeds = Seeds();
  ASSERT_EQ(seeds.size(), 5u);
  const Result r = RunEngine(seeds);
  EXPECT_TRUE(r.dedup.exact_groups.empty());
  EXPECT_TRUE(r.dedup.near_duplicate_groups.empty());
}

TEST(EngineDedup, SeedWithThreePercentOfWordsChangedJoinsItsOriginal) {
  std::vector<Document> seeds = Seeds();
  ASSERT_EQ(seeds.size(), 5u);
  for (size_t s = 0; s < seeds.size(); ++s) {
    std::vector<std::string> vocabulary;
    std::istringstream words(seeds[(s + 1) % seeds.size()].text);
    for (std::string w; words >> w;) vocabulary.push_back(w);
    std::vector<Document> docs = seeds;
    Document copy = seeds[s];
    copy.id = "zz-copy-of-" + seeds[s].id;
    copy.text = gen::SubstituteWords(seeds[s].text, 0.03, vocabulary, 99 + s);
    ASSERT_NE(copy.text, seeds[s].text);
    docs.push_back(copy);
    const Result r = RunEngine(docs);
    SCOPED_TRACE(seeds[s].id);
    ASSERT_EQ(r.dedup.near_duplicate_groups.size(), 1u);
    const DuplicateGroup& g = r.dedup.near_duplicate_groups[0];
    ASSERT_EQ(g.members.size(), 2u);
    EXPECT_EQ(r.documents[g.members[0]].id, seeds[s].id);
    EXPECT_EQ(r.documents[g.members[1]].id, copy.id);
    ASSERT_EQ(g.pairs.size(), 1u);
    EXPECT_GE(g.pairs[0].jaccard, DedupOptions().threshold);
    EXPECT_LT(g.pairs[0].jaccard, 1.0);
  }
}

TEST(EngineDedup, SameGroupsForAnyThreadCount) {
  const Corpus c = Generate(600, 23, true);
  const std::vector<Document> docs = ToDocuments(c);
  Options one;
  one.threads = 1;
  Options two;
  two.threads = 2;
  const Result a = RunEngine(docs, one), b = RunEngine(docs, two);
  ASSERT_EQ(a.dedup.near_duplicate_groups.size(), b.dedup.near_duplicate_groups.size());
  for (size_t g = 0; g < a.dedup.near_duplicate_groups.size(); ++g) {
    EXPECT_EQ(a.dedup.near_duplicate_groups[g].members, b.dedup.near_duplicate_groups[g].members);
    EXPECT_EQ(a.dedup.near_duplicate_groups[g].canonical,
              b.dedup.near_duplicate_groups[g].canonical);
  }
}

}  // namespace
}  // namespace precis
