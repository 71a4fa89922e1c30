// What a newsroom database is bound to (engine/incremental/bound_settings.h):
// options the ingest path never reads change freely between opens, those it
// reads are refused by name, and databases bound in the earlier, whole-options
// form open when their ingest path's settings agree.
#include "engine/incremental/bound_settings.h"

#include <gtest/gtest.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "precis/ingest.h"
#include "tests/incremental/corpus.h"
#include "tests/incremental/engine_helpers.h"

namespace precis {
namespace {

using incremental::BoundSettings;
using incremental::SettingsFingerprint;
using testing::FreshDir;
using testing::GeneratedStream;
using testing::OpenOrDie;
using testing::SettingOf;
using testing::ShapeOf;
using testing::SnapshotOrDie;
using testing::Sql;
using testing::StreamOptions;

// A database of a few generated reports made with StreamOptions(); the shape
// of its snapshot.
testing::Shape MakeDatabase(const std::string& path) {
  auto engine = OpenOrDie(path);
  for (const Document& d : GeneratedStream(40, 7)) EXPECT_TRUE(engine->Add(d).ok());
  return ShapeOf(SnapshotOrDie(*engine));
}

// The settings the incremental engine stored until 2026-12: every option but
// the summary's, the method forced to streaming, `edit` applied to the JSON.
std::string WholeOptionsSettings(const Options& o,
                                 const std::function<void(nlohmann::ordered_json&)>& edit = {}) {
  nlohmann::ordered_json j = nlohmann::ordered_json::parse(o.ToJson());
  j.erase("summary");
  j["cluster"]["method"] = "streaming";
  if (edit) edit(j);
  return j.dump();
}

// Replaces a database file's stored binding (the JSON holds no quote).
void StoreSettings(const std::string& path, const std::string& json,
                   const std::string& fingerprint) {
  ASSERT_EQ(json.find('\''), std::string::npos);
  Sql(path, "UPDATE settings SET value = '" + json + "' WHERE key = 'settings'");
  Sql(path, "UPDATE settings SET value = '" + fingerprint + "' WHERE key = 'fingerprint'");
}

StatusOr<std::unique_ptr<IncrementalEngine>> OpenWith(const std::string& path,
                                                      const std::function<void(Options&)>& edit) {
  Options o = StreamOptions();
  edit(o);
  return IncrementalEngine::Open(path, o);
}

TEST(BoundSettingsTest, OptionsTheIngestPathNeverReadsOpenTheSameDatabase) {
  const std::string path = (FreshDir("bound-batch") / "news.db").string();
  const testing::Shape shape = MakeDatabase(path);
  const std::string stored = SettingOf(path, "settings");
  const std::vector<std::function<void(Options&)>> batch_only = {
      [](Options& o) { o.cluster.story_threshold = 0.1; },
      [](Options& o) { o.cluster.story_prior_pairs = 0; },
      [](Options& o) { o.cluster.method = ClusterMethod::kAgglomerative; },
      [](Options& o) { o.ingest.repeated_line_min_documents = 3; },
      [](Options& o) { o.ingest.repeated_line_min_fraction = 0.5; },
      [](Options& o) { o.summary.sentences = 9; },
  };
  for (size_t i = 0; i < batch_only.size(); ++i) {
    auto e = OpenWith(path, batch_only[i]);
    ASSERT_TRUE(e.ok()) << "change " << i << ": " << e.status().ToString();
    EXPECT_EQ(ShapeOf(SnapshotOrDie(**e)), shape) << "change " << i;
  }
  EXPECT_EQ(SettingOf(path, "settings"), stored);
}

TEST(BoundSettingsTest, OptionsTheIngestPathReadsAreRefusedByName) {
  const std::string path = (FreshDir("bound-ingest") / "news.db").string();
  MakeDatabase(path);
  const std::vector<std::pair<std::string, std::function<void(Options&)>>> ingest_path = {
      {"cluster.scale_floor", [](Options& o) { o.cluster.scale_floor = 0.1; }},
      {"cluster.event_threshold", [](Options& o) { o.cluster.event_threshold = 0.6; }},
      {"cluster.event_day_fade", [](Options& o) { o.cluster.event_day_fade = false; }},
      {"cluster.max_candidates", [](Options& o) { o.cluster.max_candidates = 20; }},
      {"cluster.posting_budget", [](Options& o) { o.cluster.posting_budget = 100; }},
      {"cluster.stream_story_threshold",
       [](Options& o) { o.cluster.stream_story_threshold = 0.3; }},
      {"cluster.entity_boost", [](Options& o) { o.cluster.entity_boost = 1; }},
      {"ingest.edge_line_max_words", [](Options& o) { o.ingest.edge_line_max_words = 4; }},
      {"text.fallback_language", [](Options& o) { o.text.fallback_language = "fr"; }},
      {"dedup.threshold", [](Options& o) { o.dedup.threshold = 0.7; }},
  };
  for (const auto& [name, edit] : ingest_path) {
    auto e = OpenWith(path, edit);
    ASSERT_FALSE(e.ok()) << name;
    EXPECT_EQ(e.status().code(), Status::Code::kFailedPrecondition) << name;
    const std::string m = e.status().message();
    EXPECT_NE(m.find(path), std::string::npos) << m;
    EXPECT_NE(m.find("differing: " + name + " (stored "), std::string::npos) << m;
    EXPECT_EQ(m.find("(stored "), m.rfind("(stored ")) << "only " << name << " differs: " << m;
  }
}

// A settings JSON in the current form with the given terms.
std::string WithTerms(const std::string& json, const std::string& terms) {
  auto j = nlohmann::ordered_json::parse(json);
  j["terms"] = terms;
  return j.dump();
}

TEST(BoundSettingsTest, WholeOptionsSettingsStandForTheirIngestPathOptions) {
  const std::string bound = BoundSettings(StreamOptions());
  const std::string terms = incremental::TermsOf(bound);
  ASSERT_FALSE(terms.empty());
  // As a database of before a batch-only option was removed and another
  // changed: the whole-options binding refused it for either.
  std::string old_json = WholeOptionsSettings(StreamOptions(), [](auto& j) {
    j["cluster"]["stream_event_threshold"] = 0.5;
    j["cluster"]["story_threshold"] = 0.25;
  });
  std::string current = incremental::CurrentForm(SettingsFingerprint(old_json), old_json);
  // Made by the precis of that time, with its term scheme.
  EXPECT_NE(incremental::TermsOf(current), terms);
  EXPECT_EQ(WithTerms(current, terms), bound);
  // Made before scale_floor existed: its streaming judged without a floor.
  old_json =
      WholeOptionsSettings(StreamOptions(), [](auto& j) { j["cluster"].erase("scale_floor"); });
  current = incremental::CurrentForm(SettingsFingerprint(old_json), old_json);
  auto expected = nlohmann::ordered_json::parse(bound);
  expected["cluster"].erase("scale_floor");
  EXPECT_EQ(WithTerms(current, terms), expected.dump());
  // A fingerprint that is not its settings' own hash is no earlier form of
  // anything, nor are settings in the current form.
  EXPECT_EQ(incremental::CurrentForm("0123456789abcdef", old_json), old_json);
  EXPECT_EQ(incremental::CurrentForm(SettingsFingerprint(bound), bound), bound);
}

TEST(BoundSettingsTest, DatabaseBoundToWholeOptionsIsRefusedForItsTermScheme) {
  const std::string path = (FreshDir("bound-legacy") / "news.db").string();
  MakeDatabase(path);
  const std::string old_json = WholeOptionsSettings(StreamOptions(), [](auto& j) {
    j["cluster"]["stream_event_threshold"] = 0.5;
    j["cluster"]["story_threshold"] = 0.25;
  });
  StoreSettings(path, old_json, SettingsFingerprint(old_json));
  for (const bool reading : {false, true}) {
    auto e = reading ? IncrementalEngine::OpenForReading(path, StreamOptions())
                     : IncrementalEngine::Open(path, StreamOptions());
    ASSERT_FALSE(e.ok());
    const std::string m = e.status().message();
    EXPECT_NE(m.find("extracts terms and entities differently"), std::string::npos) << m;
    EXPECT_EQ(m.find("story_threshold"), std::string::npos) << m;
  }
  EXPECT_EQ(SettingOf(path, "settings"), old_json);
}

TEST(BoundSettingsTest, AnotherTermSchemeIsRefusedWhateverTheOptions) {
  const std::string path = (FreshDir("bound-terms") / "news.db").string();
  MakeDatabase(path);
  auto j = nlohmann::ordered_json::parse(BoundSettings(StreamOptions()));
  j["terms"] = "0123456789abcdef";
  StoreSettings(path, j.dump(), SettingsFingerprint(j.dump()));
  for (const bool reading : {false, true}) {
    auto e = reading ? IncrementalEngine::OpenForReading(path, StreamOptions())
                     : IncrementalEngine::Open(path, StreamOptions());
    ASSERT_FALSE(e.ok());
    EXPECT_EQ(e.status().code(), Status::Code::kFailedPrecondition);
    const std::string m = e.status().message();
    EXPECT_NE(m.find(path + ": made by a precis that extracts terms and entities differently"),
              std::string::npos)
        << m;
    EXPECT_NE(m.find("new database"), std::string::npos) << m;
  }
}

}  // namespace
}  // namespace precis
