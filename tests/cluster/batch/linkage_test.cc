#include "engine/cluster/batch/linkage.h"

#include <gtest/gtest.h>

#include <random>

#include "engine/cluster/day_span.h"
#include "engine/cluster/features.h"
#include "tests/reference/cluster/linkage_reference.h"

namespace precis::cluster {
namespace {

// Two tight triangles joined by one weak edge: events are the triangles; at
// story level the weak edge averages 0.2 / 9 = 0.022, so they stay apart
// unless the story threshold is below that.
TEST(LinkageTest, TrianglesAreEventsAndAverageNotSingleLinkage) {
  const std::vector<Edge> edges = {{0, 1, 0.9f}, {0, 2, 0.8f},  {1, 2, 0.85f}, {3, 4, 0.9f},
                                   {3, 5, 0.8f}, {4, 5, 0.85f}, {2, 3, 0.2f}};
  const Hierarchy h = AverageLinkage(6, edges, {}, {0.5, 0.1, 0});
  EXPECT_EQ(h.event_of_unit, (std::vector<uint32_t>{0, 0, 0, 1, 1, 1}));
  EXPECT_EQ(h.story_of_event, (std::vector<uint32_t>{0, 1}));
  const Hierarchy loose = AverageLinkage(6, edges, {}, {0.5, 0.02, 0});
  EXPECT_EQ(loose.story_of_event, (std::vector<uint32_t>{0, 0}));
}

// Reports 40 days apart are never one event, but can be one story.
TEST(LinkageTest, DatesGateEventsNotStories) {
  const std::vector<Edge> edges = {{0, 1, 0.9f}, {1, 2, 0.7f}, {0, 2, 0.7f}};
  const std::vector<int32_t> days = {100, 101, 141};
  const Hierarchy h = AverageLinkage(3, edges, days, {0.5, 0.3, 3});
  EXPECT_EQ(h.event_of_unit, (std::vector<uint32_t>{0, 0, 1}));
  EXPECT_EQ(h.story_of_event, (std::vector<uint32_t>{0, 0}));
  const Hierarchy undated =
      AverageLinkage(3, edges, {DocFeatures::kNoDay, 101, 141}, {0.5, 0.3, 3});
  EXPECT_EQ(undated.event_of_unit[0], undated.event_of_unit[1]);
}

// Day fade: a report a day after two others, all three pairs at 0.8, is one
// event with them as they are, not once its pairs count 0.75 of that (1 -
// 1/4 with max_days 3: 0.6 < 0.7); the same-day pair stays one event, and
// the story level sums 0.8 as it is.
TEST(LinkageTest, DayFadeAsksMoreOfEventPairsDaysApart) {
  const std::vector<Edge> edges = {{0, 1, 0.8f}, {1, 2, 0.8f}, {0, 2, 0.8f}};
  const std::vector<int32_t> days = {100, 100, 101};
  const Hierarchy hard = AverageLinkage(3, edges, days, {0.7, 0.3, 3, 0.0, false});
  EXPECT_EQ(hard.event_of_unit, (std::vector<uint32_t>{0, 0, 0}));
  const Hierarchy faded = AverageLinkage(3, edges, days, {0.7, 0.3, 3, 0.0, true});
  EXPECT_EQ(faded.event_of_unit, (std::vector<uint32_t>{0, 0, 1}));
  EXPECT_EQ(faded.story_of_event, (std::vector<uint32_t>{0, 0}));
  // Undated, nothing fades.
  const Hierarchy undated =
      AverageLinkage(3, edges, {DocFeatures::kNoDay, DocFeatures::kNoDay, DocFeatures::kNoDay},
                     {0.7, 0.3, 3, 0.0, true});
  EXPECT_EQ(undated.event_of_unit, (std::vector<uint32_t>{0, 0, 0}));
  EXPECT_DOUBLE_EQ(EventDayWeight(100, 103, 3), 0.25);
  EXPECT_DOUBLE_EQ(EventDayWeight(100, 104, 3), 0.0);
  EXPECT_DOUBLE_EQ(EventDayWeight(100, DocFeatures::kNoDay, 3), 1.0);
}

// A thread that went quiet: two events of two reports whose four cross pairs
// are 0.5 are one story 10 days apart (2 / 4 = 0.5 >= 0.3), not 60 days
// apart with a 30-day window (each pair counts 30 / 60: 0.25 < 0.3).
TEST(LinkageTest, StoriesAskMoreOfThreadsThatWentQuiet) {
  std::vector<Edge> edges = {{0, 1, 0.9f}, {2, 3, 0.9f}};
  for (uint32_t a = 0; a < 2; ++a) {
    for (uint32_t b = 2; b < 4; ++b) edges.push_back({a, b, 0.5f});
  }
  const LinkageOptions options{0.7, 0.3, 3, 0.0, true, 30};
  EXPECT_EQ(AverageLinkage(4, edges, {100, 100, 110, 110}, options).story_of_event,
            (std::vector<uint32_t>{0, 0}));
  EXPECT_EQ(AverageLinkage(4, edges, {100, 100, 160, 160}, options).story_of_event,
            (std::vector<uint32_t>{0, 1}));
  LinkageOptions no_window = options;
  no_window.story_window_days = 0;
  EXPECT_EQ(AverageLinkage(4, edges, {100, 100, 160, 160}, no_window).story_of_event,
            (std::vector<uint32_t>{0, 0}));
  EXPECT_DOUBLE_EQ(StoryDayWeight(100, 190, 30), 1.0 / 3);
}

// The story level's prior pairs: two lone reports 0.5 apart are one story
// under plain averages, not with 3 prior pairs (0.5 / 4); two events of
// three reports whose nine cross pairs are 0.5 stay one story (4.5 / 12).
TEST(LinkageTest, StoryPriorPairsAskMoreOfLinksOnFewPairs) {
  const std::vector<Edge> lone = {{0, 1, 0.5f}};
  EXPECT_EQ(AverageLinkage(2, lone, {}, {0.7, 0.3, 0, 0.0}).story_of_event,
            (std::vector<uint32_t>{0, 0}));
  EXPECT_EQ(AverageLinkage(2, lone, {}, {0.7, 0.3, 0, 3.0}).story_of_event,
            (std::vector<uint32_t>{0, 1}));
  std::vector<Edge> events = {{0, 1, 0.9f}, {0, 2, 0.9f}, {1, 2, 0.9f},
                              {3, 4, 0.9f}, {3, 5, 0.9f}, {4, 5, 0.9f}};
  for (uint32_t a = 0; a < 3; ++a) {
    for (uint32_t b = 3; b < 6; ++b) events.push_back({a, b, 0.5f});
  }
  const Hierarchy h = AverageLinkage(6, events, {}, {0.7, 0.3, 0, 3.0});
  EXPECT_EQ(h.event_of_unit, (std::vector<uint32_t>{0, 0, 0, 1, 1, 1}));
  EXPECT_EQ(h.story_of_event, (std::vector<uint32_t>{0, 0}));
}

// The heap-based clustering against the brute-force reference on random
// sparse graphs with planted groups (fixed seeds), with and without the
// story level's prior pairs (under which a merged link can exceed both
// links it came from).
TEST(LinkageTest, MatchesBruteForceReference) {
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    std::mt19937_64 rng(seed);
    const size_t n = 60;
    std::uniform_real_distribution<float> within(0.2f, 0.9f), across(0.0f, 0.3f);
    std::uniform_int_distribution<int> date(0, 20);
    std::vector<Edge> edges;
    std::vector<int32_t> days(n);
    for (uint32_t a = 0; a < n; ++a) {
      days[a] = date(rng);
      for (uint32_t b = a + 1; b < n; ++b) {
        const bool same = a / 6 == b / 6;
        if (!same && rng() % 8 != 0) continue;
        edges.push_back({a, b, same ? within(rng) : across(rng)});
      }
    }
    const LinkageOptions options{
        0.4, 0.15, seed % 2 ? 5 : 0, seed % 4 < 2 ? 0.0 : 3.0, seed % 3 == 0, seed % 5 < 2 ? 0 : 4};
    const Hierarchy fast = AverageLinkage(n, edges, days, options);
    const Hierarchy slow = AverageLinkageReference(n, edges, days, options);
    EXPECT_EQ(fast.event_of_unit, slow.event_of_unit) << "seed " << seed;
    EXPECT_EQ(fast.story_of_event, slow.story_of_event) << "seed " << seed;
  }
}

// Hubs (units linked to most others) make merges absorb a cluster with many
// links into one with few, and the other way round; ties in linkage (equal
// edge weights) must still break by the smaller ids, as the reference does.
TEST(LinkageTest, MatchesBruteForceReferenceWithHubsAndTies) {
  for (uint64_t seed = 1; seed <= 30; ++seed) {
    std::mt19937_64 rng(seed * 7919);
    const size_t n = 150;
    std::uniform_int_distribution<int> weight(1, 8);  // few distinct values: many ties
    std::uniform_int_distribution<int> date(0, 30);
    std::vector<Edge> edges;
    std::vector<int32_t> days(n);
    for (uint32_t a = 0; a < n; ++a) {
      days[a] = date(rng);
      for (uint32_t b = a + 1; b < n; ++b) {
        const bool hub = a % 37 == 0 || b % 37 == 0;
        const bool same = a / 5 == b / 5;
        if (!hub && !same && rng() % 10 != 0) continue;
        edges.push_back({a, b, static_cast<float>(weight(rng)) / (same ? 9.0f : 20.0f)});
      }
    }
    const LinkageOptions options{
        0.45, 0.12, seed % 3 ? 7 : 0, seed % 2 ? 0.0 : 1.5, seed % 5 < 3, seed % 4 == 1 ? 0 : 6};
    const Hierarchy fast = AverageLinkage(n, edges, days, options);
    const Hierarchy slow = AverageLinkageReference(n, edges, days, options);
    EXPECT_EQ(fast.event_of_unit, slow.event_of_unit) << "seed " << seed;
    EXPECT_EQ(fast.story_of_event, slow.story_of_event) << "seed " << seed;
    // The heap fills in parallel (one thread, several) change nothing.
    for (int threads : {1, 3}) {
      Parallel parallel(threads);
      const Hierarchy par = AverageLinkage(n, edges, days, options, &parallel);
      EXPECT_EQ(par.event_of_unit, slow.event_of_unit) << "seed " << seed << ", " << threads;
      EXPECT_EQ(par.story_of_event, slow.story_of_event) << "seed " << seed << ", " << threads;
    }
  }
}

}  // namespace
}  // namespace precis::cluster
