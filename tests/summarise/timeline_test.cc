// The digest timeline: a story whose reports carry dates and form several
// events is laid out as its events in date order, each summarised from its
// own reports, after a short lead; undated stories keep one summary.
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "precis/digest.h"
#include "precis/engine.h"

namespace precis {
namespace {

struct Report {
  const char* id;
  const char* date;
  const char* title;
  const char* text;
};

// A storm topples a harbour crane (two reports on the 15th of February), the
// wreck is lifted a month later (two reports), and an unrelated council vote.
const Report kReports[] = {
    {"crane-1", "2022-02-15", "Storm topples harbour crane in Brest",
     "A harbour crane collapsed into the water in Brest on Tuesday night as the storm reached "
     "the Breton coast, the port authority said. No one was hurt when the forty-metre crane "
     "fell onto the empty quay and into the basin. The port authority closed two quays while "
     "divers inspected the wreck of the crane."},
    {"crane-2", "2022-02-15", "Brest port closes quays after crane collapse",
     "The port of Brest closed two quays on Tuesday after a harbour crane collapsed into the "
     "basin during the storm. The forty-metre crane fell in the night and nobody was injured, "
     "the port authority said. Divers were sent to inspect the wreck of the crane and the "
     "damaged quay wall."},
    {"crane-3", "2022-03-20", "Brest harbour crane lifted out of the basin",
     "The harbour crane that collapsed in Brest during the February storm was lifted out of the "
     "basin on Sunday, the port authority said. Two floating cranes from Rotterdam raised the "
     "forty-metre wreck in an operation that lasted nine hours. The quays closed since the storm "
     "will reopen to traffic next week after inspection."},
    {"crane-4", "2022-03-21", "Wreck of Brest crane raised, quays to reopen",
     "Floating cranes raised the wreck of the harbour crane that fell into the Brest basin in "
     "February, the port authority said on Monday. The forty-metre crane had collapsed during "
     "the storm and blocked two quays of the commercial port. The quays will reopen to traffic "
     "next week once the inspection of the quay wall is finished."},
    {"vote-1", "2022-03-02", "City council adopts budget",
     "The city council of Quimper adopted its budget for the coming year on Wednesday after a "
     "four-hour debate. The opposition voted against the increase in the property tax and asked "
     "for more money for schools."},
};

Result RunDigest(bool dated, Options options = {}) {
  auto engine = Engine::Create(std::move(options));
  EXPECT_TRUE(engine.ok()) << engine.status().ToString();
  for (const Report& r : kReports) {
    Document d;
    d.id = r.id;
    d.title = r.title;
    d.text = r.text;
    if (dated) d.date = r.date;
    EXPECT_TRUE((*engine)->Add(std::move(d)).ok());
  }
  auto result = (*engine)->Run();
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  return std::move(result).value();
}

const Story* CraneStory(const Result& r) {
  for (const Story& s : r.stories) {
    for (uint32_t d : s.documents) {
      if (r.documents[d].id == "crane-1") return &s;
    }
  }
  return nullptr;
}

TEST(Timeline, EventsInDateOrderEachWithItsOwnSentences) {
  const Result r = RunDigest(/*dated=*/true);
  const Story* story = CraneStory(r);
  ASSERT_NE(story, nullptr);
  ASSERT_EQ(story->documents.size(), 4u) << "the four crane reports should be one story";
  ASSERT_TRUE(story->timeline);
  ASSERT_EQ(story->events.size(), 2u);
  EXPECT_EQ(story->events[0].first_date, "2022-02-15");
  EXPECT_EQ(story->events[0].last_date, "2022-02-15");
  EXPECT_EQ(story->events[1].first_date, "2022-03-20");
  EXPECT_EQ(story->events[1].last_date, "2022-03-21");
  // The lead: SummaryOptions::timeline_lead_sentences (1).
  ASSERT_EQ(story->summary.size(), 1u);
  const SourceSpan& lead = story->summary[0].sources.front();
  for (const Event& e : story->events) {
    EXPECT_FALSE(e.summary.empty()) << e.label;
    EXPECT_LE(e.summary.size(), 2u);
    for (const SummarySentence& s : e.summary) {
      for (const SourceSpan& span : s.sources) {
        EXPECT_TRUE(std::binary_search(e.documents.begin(), e.documents.end(), span.doc))
            << "sentence of event " << e.label << " credits a report of another event";
      }
      // The lead is not repeated under its event.
      EXPECT_FALSE(s.sources.front().doc == lead.doc && s.sources.front().begin == lead.begin);
    }
  }
  // A single-event story keeps one summary.
  for (const Story& s : r.stories) {
    if (&s != story) {
      EXPECT_FALSE(s.timeline);
      EXPECT_TRUE(s.events[0].summary.empty());
    }
  }
}

TEST(Timeline, UndatedReportsOrTimelineOffKeepOneSummary) {
  for (bool dated : {false, true}) {
    Options options;
    options.summary.timeline = dated ? false : true;  // dated: switched off
    const Result r = RunDigest(dated, options);
    for (const Story& s : r.stories) {
      EXPECT_FALSE(s.timeline);
      for (const Event& e : s.events) EXPECT_TRUE(e.summary.empty());
      if (!dated) {
        for (const Event& e : s.events) EXPECT_EQ(e.first_date, "");
      }
    }
  }
}

TEST(Timeline, EveryFormatShowsIt) {
  const Result r = RunDigest(/*dated=*/true);
  std::ostringstream md, html, json;
  ASSERT_TRUE(WriteMarkdown(r, {}, md).ok());
  ASSERT_TRUE(WriteHtml(r, {}, html).ok());
  ASSERT_TRUE(WriteJson(r, {}, json).ok());
  EXPECT_NE(md.str().find("### Timeline"), std::string::npos) << md.str();
  EXPECT_NE(md.str().find("**2022-03-20 to 2022-03-21**"), std::string::npos) << md.str();
  EXPECT_LT(md.str().find("**2022-02-15**"), md.str().find("**2022-03-20 to 2022-03-21**"));
  EXPECT_NE(html.str().find("<ol class=\"timeline\">"), std::string::npos);
  EXPECT_NE(html.str().find("2022-03-20 – 2022-03-21"), std::string::npos);
  EXPECT_NE(json.str().find("\"timeline\": true"), std::string::npos);
  EXPECT_NE(json.str().find("\"first_date\": \"2022-03-20\""), std::string::npos);
}

// The crane reports say when ("on Tuesday", "the February storm", "on
// Sunday"): those days and months named no one the story is about, yet
// filled its entity line; the places and bodies it is about stay.
TEST(Timeline, EntityLinesNameNoWeekdayOrMonth) {
  const Result r = RunDigest(/*dated=*/true);
  const Story* story = CraneStory(r);
  ASSERT_NE(story, nullptr);
  EXPECT_NE(std::find(story->entities.begin(), story->entities.end(), "Brest"),
            story->entities.end());
  std::ostringstream md;
  ASSERT_TRUE(WriteMarkdown(r, {}, md).ok());
  for (const char* date : {"Tuesday", "Wednesday", "Sunday", "Monday", "February"}) {
    for (const Story& s : r.stories) {
      EXPECT_EQ(std::find(s.entities.begin(), s.entities.end(), date), s.entities.end()) << date;
      for (const Event& e : s.events)
        EXPECT_EQ(std::find(e.entities.begin(), e.entities.end(), date), e.entities.end()) << date;
    }
  }
  // The digest's line under the crane story's heading: reports, events,
  // dates, then its entities.
  std::istringstream lines(md.str());
  std::string line;
  while (std::getline(lines, line) && line.rfind("*4 reports", 0) != 0) {
  }
  EXPECT_NE(line.find("Brest"), std::string::npos) << md.str();
  for (const char* date : {"Tuesday", "February", "Sunday"})
    EXPECT_EQ(line.find(date), std::string::npos) << line;
}

}  // namespace
}  // namespace precis
