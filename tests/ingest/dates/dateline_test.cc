// Datelines and date lines at the top of a report, in four languages.
#include "engine/ingest/dates/dateline.h"

#include <gtest/gtest.h>

#include "engine/ingest/dates/calendar.h"

namespace precis::ingest::dates {
namespace {

std::string Day(std::string_view text, int anchor_year = 0) {
  DatelineOptions options;
  options.anchor_year = anchor_year;
  auto day = DatelineDay(text, options);
  return day ? FormatDay(*day) : "none";
}

TEST(DatelineDay, WireDatelinesInFourLanguages) {
  EXPECT_EQ(Day("Crue de la Seine\n\nPARIS, 15 février 2022 (AFP) - La Seine est montée..."),
            "2022-02-15");
  EXPECT_EQ(Day("Flood\n\nLONDON, Feb. 15, 2022 (Reuters) - The Thames rose..."), "2022-02-15");
  EXPECT_EQ(Day("Crecida\n\nMADRID, 15 de febrero de 2022 (EFE) - El río creció..."), "2022-02-15");
  EXPECT_EQ(Day("Hochwasser\n\nBERLIN, 15. Februar 2022 (dpa) - Die Spree stieg..."), "2022-02-15");
}

TEST(DatelineDay, WithoutYearOnlyWithAnAnchor) {
  const char* text = "Tempête\n\nMADRID, 15 février (EUROPA PRESS) - Le vent a soufflé...";
  EXPECT_EQ(Day(text), "none");
  EXPECT_EQ(Day(text, 2022), "2022-02-15");
  EXPECT_EQ(Day("Paris, 3 févr. (Cinktank.com) –\n\nLe président...", 2022), "2022-02-03");
  EXPECT_EQ(Day("WASHINGTON, Feb. 15 (Reuters) - Officials said...", 2022), "2022-02-15");
  EXPECT_EQ(Day("Berlin, 15. Februar (dpa) - Die Polizei...", 2021), "2021-02-15");
}

TEST(DatelineDay, DateLinesAfterNavigation) {
  EXPECT_EQ(Day("Annonce\nRéduire\nAucune annonce.\n\n    15 FÉVRIER 2022\n\nLe titre"),
            "2022-02-15");
  EXPECT_EQ(Day("Publié le 3 février 2022 à 10h32\nTexte"), "2022-02-03");
  EXPECT_EQ(Day("Veröffentlicht am 15.02.2022\nText"), "2022-02-15");
  EXPECT_EQ(Day("27.1.2022 - Bei der Erinnerung an die Opfer sprach..."), "2022-01-27");
}

TEST(DatelineDay, DatesInPassingAreNoDateline) {
  // A long sentence that mentions a date is no date line.
  EXPECT_EQ(Day("The council said on Tuesday that the bridge, closed since 15 February 2021 "
                "after the flood, would reopen when the repairs planned for the spring are "
                "finished and inspected."),
            "none");
  // A month without a day is not a day.
  EXPECT_EQ(Day(" date 2023-03 Blinken a fait part..."), "none");
  // Past the top of the text.
  std::string late(30, '\n');
  for (int i = 0; i < 30; ++i) late += "A line of navigation text\n";
  late += "15 février 2022\n";
  EXPECT_EQ(Day(late), "none");
}

}  // namespace
}  // namespace precis::ingest::dates
