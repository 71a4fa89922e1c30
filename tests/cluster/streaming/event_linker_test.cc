// Streaming events by online average linkage (engine/cluster/streaming/
// event_linker.h): a report joins the event its earlier reports link to best
// under the batch's rule, and a report with no real neighbour stays alone.
#include "engine/cluster/streaming/event_linker.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <vector>

namespace precis::cluster {
namespace {

// An L2-normalised vector over terms 1..n with the given weights.
StreamVector Vector(const std::map<uint64_t, double>& weights) {
  double norm = 0;
  for (const auto& [k, w] : weights) norm += w * w;
  StreamVector v;
  for (const auto& [k, w] : weights) v.text.push_back({k, static_cast<float>(w / std::sqrt(norm))});
  return v;
}

const auto kAnyEvent = [](uint32_t) { return true; };

TEST(EventLinkerTest, AReportJoinsTheEventOfItsCloseNeighbours) {
  EventLinker linker{ClusterOptions{}};
  const StreamVector a = Vector({{1, 1}, {2, 1}, {3, 1}});
  const StreamVector b = Vector({{1, 1}, {2, 1}, {3, 0.9}, {4, 0.2}});
  const StreamVector c = Vector({{10, 1}, {11, 1}, {12, 1}});
  linker.Add(a, 0, linker.Find(a));
  linker.Add(c, 1, linker.Find(c));
  EXPECT_EQ(linker.BestEvent(linker.Find(b), kAnyEvent).first, 0);
  // The date rule (here: no event accepted) keeps it out.
  EXPECT_EQ(linker.BestEvent(linker.Find(b), [](uint32_t) { return false; }).first, -1);
}

// Two reports sharing a few words (cosine about 0.1): without the scale
// floor each is the other's whole neighbourhood and they looked like event
// mates (scaled similarity 1); with it they stay apart.
TEST(EventLinkerTest, AReportWithNoRealNeighbourStaysAlone) {
  const StreamVector a = Vector({{1, 1}, {2, 1}, {3, 1}, {4, 1}, {5, 1}});
  const StreamVector b = Vector({{1, 0.5}, {6, 1}, {7, 1}, {8, 1}, {9, 1}});
  for (double floor : {0.0, 0.2}) {
    ClusterOptions options;
    options.scale_floor = floor;
    EventLinker linker(options);
    linker.Add(a, 0, linker.Find(a));
    const EventLinker::Neighbours n = linker.Find(b);
    ASSERT_EQ(n.units.size(), 1u);
    EXPECT_LT(n.units[0].second, 0.15);
    EXPECT_EQ(linker.BestEvent(n, kAnyEvent).first, floor == 0.0 ? 0 : -1) << "floor " << floor;
  }
}

// The link is an average over the event's reports: one close report among
// several far ones is not enough.
TEST(EventLinkerTest, TheLinkIsAnAverageOverTheEvent) {
  EventLinker linker{ClusterOptions{}};
  const StreamVector close = Vector({{1, 1}, {2, 1}, {3, 1}});
  linker.Add(close, 0, linker.Find(close));
  for (uint64_t t = 20; t < 26; ++t) {
    const StreamVector far = Vector({{t, 1}, {t + 100, 1}, {t + 200, 1}});
    linker.Add(far, 0, linker.Find(far));
  }
  const StreamVector v = Vector({{1, 1}, {2, 1}, {3, 1}, {4, 0.3}});
  const EventLinker::Neighbours n = linker.Find(v);
  ASSERT_EQ(n.units.size(), 1u);  // only `close` shares a term
  EXPECT_EQ(linker.BestEvent(n, kAnyEvent).first, -1);
  EXPECT_EQ(linker.units(), 7u);
}

// Day fade (day_span.h): a report's similarity to one of the day before
// counts 0.75 toward their event, two days apart 0.5; undated, in full. The
// two share one term (cosine 0.2, about 1 scaled): enough on the same day
// and a day apart, not two days apart.
TEST(EventLinkerTest, ReportsDaysApartNeedMoreToShareAnEvent) {
  StreamVector a = Vector({{1, 1}, {2, 1}, {3, 1}, {4, 1}});
  StreamVector b = Vector({{1, 1}, {5, 1}, {6, 1}, {7, 1}, {8, 1}, {9, 1}});
  auto link = [&](int32_t day_a, int32_t day_b, bool fade) {
    ClusterOptions options;
    options.event_day_fade = fade;
    EventLinker linker(options);
    a.day = day_a;
    b.day = day_b;
    linker.Add(a, 0, linker.Find(a));
    return linker.BestEvent(linker.Find(b), kAnyEvent);
  };
  const auto [event, same_day] = link(100, 100, true);
  ASSERT_EQ(event, 0);
  EXPECT_NEAR(same_day, 1.0, 0.05);
  const auto [next_day_event, next_day] = link(100, 101, true);
  EXPECT_EQ(next_day_event, 0);
  EXPECT_DOUBLE_EQ(next_day, 0.75 * same_day);
  EXPECT_EQ(link(100, 102, true).first, -1);
  EXPECT_EQ(link(100, 102, false).first, 0);
  EXPECT_EQ(link(DocFeatures::kNoDay, 102, true).first, 0);
}

}  // namespace
}  // namespace precis::cluster
