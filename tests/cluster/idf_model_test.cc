#include "engine/cluster/idf_model.h"

#include <gtest/gtest.h>

namespace precis::cluster {
namespace {

TermBag Bag(std::initializer_list<const char*> terms, std::initializer_list<const char*> entities) {
  TermBag b;
  b.lang = "fr";
  for (const char* t : terms) b.terms[t] = 1;
  for (const char* e : entities) b.entities[e] = 1;
  return b;
}

TEST(IdfModelTest, RoundTripKeepsFrequenciesAndPrunesRareTerms) {
  const std::string fp = TermFingerprint(TextOptions{});
  IdfBuilder builder("fr", fp);
  builder.Add(Bag({"otag", "farc", "colomb"}, {"ingrid betancourt", "farc"}));
  builder.Add(Bag({"otag", "farc"}, {"farc"}));
  builder.Add(Bag({"otag", "libér"}, {}));
  const std::string bytes = builder.Serialize(2);
  auto model = IdfModel::Parse(bytes, "test", fp);
  ASSERT_TRUE(model.ok()) << model.status().message();
  EXPECT_EQ(model->lang(), "fr");
  EXPECT_EQ(model->documents(), 3u);
  EXPECT_EQ(model->df(TermKey("fr", "otag")), 3u);
  EXPECT_EQ(model->df(TermKey("fr", "farc")), 2u);
  EXPECT_EQ(model->df(EntityKey("fr", "farc")), 2u);
  EXPECT_EQ(model->df(TermKey("fr", "colomb")), 0u);  // df 1 < min_df 2
  EXPECT_EQ(model->df(TermKey("en", "otag")), 0u);    // other language
  // Deterministic bytes.
  EXPECT_EQ(builder.Serialize(2), bytes);
}

TEST(IdfModelTest, OtherSettingsAreAClearError) {
  IdfBuilder builder("en", "0123456789abcdef");
  builder.Add(Bag({"kerri"}, {}));
  auto model = IdfModel::Parse(builder.Serialize(1), "old.idf", TermFingerprint(TextOptions{}));
  ASSERT_FALSE(model.ok());
  EXPECT_EQ(model.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(model.status().message().find("old.idf"), std::string::npos);
  EXPECT_NE(model.status().message().find("precis idf build"), std::string::npos);
}

TEST(IdfModelTest, MalformedFilesAreCorruption) {
  const std::string fp = TermFingerprint(TextOptions{});
  for (const std::string& bad :
       {std::string("hello\n"), std::string("precis-idf\t9\n"),
        "precis-idf\t1\nlang\ten\ndocuments\t2\nsettings\t" + fp + "\nt\tx\tmany\n",
        std::string("precis-idf\t1\nlang\ten\n")}) {
    auto model = IdfModel::Parse(bad, "bad.idf", fp);
    ASSERT_FALSE(model.ok()) << bad;
    EXPECT_EQ(model.status().code(), Status::Code::kCorruption) << bad;
  }
}

TEST(IdfModelTest, EmbeddedModelsLoadWithDefaultSettings) {
  auto models = IdfModels::Load(ClusterOptions{}, TextOptions{});
  ASSERT_TRUE(models.ok()) << models.status().message();
  ASSERT_NE(models->For("fr"), nullptr);
  ASSERT_NE(models->For("en"), nullptr);
  EXPECT_GT(models->For("en")->documents(), 1000u);
  EXPECT_EQ(models->For("de"), nullptr);
}

}  // namespace
}  // namespace precis::cluster
