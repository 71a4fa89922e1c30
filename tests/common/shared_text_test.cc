// Document texts in a Result are shared with the engine, never copied, and an
// engine that has handed its texts to a Result still runs, explains and
// builds IDF models as before.
#include <gtest/gtest.h>

#include <algorithm>

#include "precis/engine.h"
#include "precis/result.h"

namespace precis {
namespace {

std::vector<Document> Seeds() {
  std::vector<Document> docs;
  const Status s = ReadSources(
      {std::string(PRECIS_SOURCE_DIR) + "/corpora/seeds"}, {},
      [&](Document d) { docs.push_back(std::move(d)); }, [](SkippedSource) {});
  EXPECT_TRUE(s.ok()) << s.ToString();
  return docs;
}

TEST(SharedText, CopiesShareOneImmutableBuffer) {
  SharedText a = std::string(1000, 'x');
  const SharedText b = a;
  EXPECT_EQ(a.data(), b.data());
  EXPECT_EQ(b.size(), 1000u);
  a = "other";  // rebinds a; b keeps the old text
  EXPECT_EQ(a, "other");
  EXPECT_EQ(b.str(), std::string(1000, 'x'));
  const SharedText empty;
  EXPECT_TRUE(empty.empty());
  EXPECT_EQ(empty.str(), "");
}

TEST(SharedText, RunHandsTextsToTheResultWithoutCopies) {
  const std::vector<Document> seeds = Seeds();
  ASSERT_GE(seeds.size(), 4u);
  Options options;
  options.threads = 2;
  auto engine = Engine::Create(options);
  ASSERT_TRUE(engine.ok());
  const size_t half = seeds.size() / 2;
  for (size_t i = 0; i < half; ++i) ASSERT_TRUE((*engine)->Add(seeds[i]).ok());
  auto first = (*engine)->Run();
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->documents.size(), half);
  for (const DocumentResult& d : first->documents) {
    auto it =
        std::find_if(seeds.begin(), seeds.end(), [&](const Document& s) { return s.id == d.id; });
    ASSERT_NE(it, seeds.end());
    EXPECT_EQ(d.text, it->text) << d.id;
  }
  // A copy of the Result shares the texts.
  const Result copy = *first;
  EXPECT_EQ(copy.documents[0].text.data(), first->documents[0].text.data());

  // Explain reads the texts from the Result.
  auto explained = (*engine)->Explain(*first, first->documents[0].id, first->documents[1].id);
  ASSERT_TRUE(explained.ok()) << explained.status().ToString();
  EXPECT_FALSE(explained->shared_terms.empty());

  // More documents after a Run: the engine takes its texts back (the first
  // Result keeps its own), and the second Run sees every document whole.
  for (size_t i = half; i < seeds.size(); ++i) ASSERT_TRUE((*engine)->Add(seeds[i]).ok());
  auto second = (*engine)->Run();
  ASSERT_TRUE(second.ok());
  ASSERT_EQ(second->documents.size(), seeds.size());
  size_t words = 0;
  for (const DocumentResult& d : second->documents) {
    auto it =
        std::find_if(seeds.begin(), seeds.end(), [&](const Document& s) { return s.id == d.id; });
    ASSERT_NE(it, seeds.end());
    EXPECT_EQ(d.text, it->text) << d.id;
    EXPECT_FALSE(d.sentences.empty()) << d.id;
    words += d.words;
  }
  for (const DocumentResult& d : first->documents) EXPECT_FALSE(d.text.empty()) << d.id;
  EXPECT_GT(words, 1000u);
  auto idf = (*engine)->BuildIdfModel("", 1);
  ASSERT_TRUE(idf.ok()) << idf.status().ToString();
  EXPECT_GT(idf->size(), 1000u);
}

}  // namespace
}  // namespace precis
