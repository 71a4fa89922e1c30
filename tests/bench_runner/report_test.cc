// The table keeps the fastest of repeated runs, lists every run, and judges
// growth on the fastest runs against the documents and the bytes alike.
#include "tools/bench_runner/report.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

namespace precis::bench {
namespace {

Row Digest(size_t documents, double corpus_mb, std::vector<double> walls) {
  Row r;
  r.command = "digest";
  r.documents = documents;
  r.corpus_mb = corpus_mb;
  r.threads = 2;
  r.wall_seconds = walls;
  r.run.exit_code = 0;
  r.run.wall_seconds = *std::min_element(walls.begin(), walls.end());
  r.run.user_seconds = r.run.wall_seconds / 2;
  r.run.system_seconds = r.run.wall_seconds / 2;
  r.run.peak_rss_kib = 1024;
  return r;
}

std::string Table(const std::vector<Row>& rows) {
  std::ostringstream out;
  WriteMarkdown(rows, out);
  return out.str();
}

TEST(ReportTest, ListsEveryRunAndJudgesGrowthOnTheFastest) {
  // 10x the bytes: the line is 12x. Fastest runs 10 s and 115 s (11.5x: ok),
  // though the slower runs alone would be 12.6x.
  const std::string ok =
      Table({Digest(1000, 10, {10.0, 11.0}), Digest(10000, 100, {138.5, 115.0})});
  EXPECT_NE(ok.find("| 10.00 | 10.00, 11.00 |"), std::string::npos) << ok;
  EXPECT_NE(ok.find("| 115.00 | 138.50, 115.00 |"), std::string::npos) << ok;
  EXPECT_NE(ok.find("| 11.50x |"), std::string::npos) << ok;
  EXPECT_NE(ok.find("| ok |"), std::string::npos) << ok;
  EXPECT_EQ(ok.find("DEFECT"), std::string::npos) << ok;

  // The CPU ratio, then its user and system parts (each half the wall time
  // in these rows, so all 11.5x).
  EXPECT_NE(ok.find("| 11.50x | 11.50x | 11.50x | 11.50x | 1.00x | ok |"), std::string::npos) << ok;

  const std::string slow = Table({Digest(1000, 10, {10.0}), Digest(10000, 100, {125.0})});
  EXPECT_NE(slow.find("| 12.50x |"), std::string::npos) << slow;
  EXPECT_NE(slow.find("DEFECT: super-linear"), std::string::npos) << slow;
}

TEST(ReportTest, LongerDocumentsDoNotExcuseGrowth) {
  // Ten times the documents but 17x the bytes: 14.9x is still a defect.
  const std::string longer = Table({Digest(1000, 10, {1.0}), Digest(10000, 172, {14.9})});
  EXPECT_NE(longer.find("| 10.0x | 17.2x | 14.90x |"), std::string::npos) << longer;
  EXPECT_NE(longer.find("DEFECT: super-linear"), std::string::npos) << longer;
  // Fewer bytes than documents: held to the bytes (9x: the line is 10.8x).
  const std::string shorter = Table({Digest(1000, 10, {1.0}), Digest(10000, 90, {11.0})});
  EXPECT_NE(shorter.find("DEFECT: super-linear"), std::string::npos) << shorter;
  const std::string fine = Table({Digest(1000, 10, {1.0}), Digest(10000, 90, {10.5})});
  EXPECT_EQ(fine.find("DEFECT"), std::string::npos) << fine;
}

TEST(ReportTest, GrowthNamesTheStagesThatGrewMost) {
  Row small = Digest(1000, 10, {10.0});
  Row large = Digest(10000, 100, {118.0});
  small.stage_seconds = {
      {"read", 1.0}, {"analyse", 6.0}, {"cluster", 1.0}, {"tiny", 0.01}, {"write", 2.0}};
  // cluster 25x, analyse 10.5x, read 10x, write 7x; "tiny" grew 100x but is
  // under 2 % of the run; "new" has no time at the smaller size.
  large.stage_seconds = {{"read", 10.0}, {"analyse", 63.0}, {"cluster", 25.0},
                         {"tiny", 1.0},  {"write", 14.0},   {"new", 5.0}};
  const std::string table = Table({small, large});
  EXPECT_NE(table.find("| ok | cluster 25.0x (21 %), analyse 10.5x (53 %) |"), std::string::npos)
      << table;
  // Without stage times the column says so.
  const std::string bare = Table({Digest(1000, 10, {1.0}), Digest(10000, 100, {10.0})});
  EXPECT_NE(bare.find("| ok | - |"), std::string::npos) << bare;
}

TEST(ReportTest, JsonCarriesEveryRun) {
  std::ostringstream out;
  WriteJson({Digest(1000, 10, {10.5, 10.0, 12.0})}, out);
  EXPECT_NE(out.str().find("\"wall_seconds\": 10.0,"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("\"wall_seconds_of_each_run\": [\n      10.5,\n      10.0,\n      12.0"),
            std::string::npos)
      << out.str();
}

}  // namespace
}  // namespace precis::bench
