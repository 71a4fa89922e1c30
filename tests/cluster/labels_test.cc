// Story and event labels (engine/cluster/labels.h): the entities a reader
// sees under a story's headline name each person or place once.
#include "engine/cluster/labels.h"

#include <gtest/gtest.h>

namespace precis::cluster {
namespace {

// Names as the seeds' five reports give them: every report says "Blinken",
// most also "Antony" (a sentence-initial "Antony Blinken" is cut to its
// parts by the entity reader) and four "Antony Blinken".
TEST(LabelsTest, AFullNameReplacesItsParts) {
  const EntityNames full = {{1, "Ukraine"}, {2, "Blinken"}, {3, "Antony"}, {4, "Antony Blinken"}};
  const EntityNames parts = {{1, "Ukraine"}, {2, "Blinken"}, {3, "Antony"}, {5, "Russie"}};
  const std::vector<const EntityNames*> members = {&full, &full, &full, &full, &parts};
  EXPECT_EQ(TopEntities(members),
            (std::vector<std::string>{"Ukraine", "Antony Blinken", "Russie"}));
}

// One report's "Paris Hilton" does not rename a story whose reports say
// "Paris"; "Iran" is not a part of "Ira Glass", nor "Paris" of "Parisian".
TEST(LabelsTest, ARareLongerNameOrAPartOfAWordKeepsItsOwnPlace) {
  const EntityNames city = {{1, "Paris"}, {2, "Iran"}};
  const EntityNames other = {
      {1, "Paris"}, {2, "Iran"}, {3, "Paris Hilton"}, {4, "Ira Glass"}, {5, "Parisian"}};
  const std::vector<const EntityNames*> members = {&city, &city, &city, &other, nullptr};
  EXPECT_EQ(TopEntities(members),
            (std::vector<std::string>{"Paris", "Iran", "Paris Hilton", "Ira Glass", "Parisian"}));
}

// A part of a name already chosen is left out.
TEST(LabelsTest, APartOfAChosenNameIsLeftOut) {
  const EntityNames names = {{1, "Emmanuel Macron"}, {2, "Macron"}, {3, "Paris"}};
  const EntityNames macron = {{1, "Emmanuel Macron"}};
  EXPECT_EQ(TopEntities({&names, &macron}), (std::vector<std::string>{"Emmanuel Macron", "Paris"}));
}

}  // namespace
}  // namespace precis::cluster
