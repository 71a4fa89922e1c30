#include "precis/options.h"

#include <gtest/gtest.h>

namespace precis {
namespace {

TEST(Options, FingerprintIsStableAndSensitiveToResultChangingFields) {
  Options a, b;
  EXPECT_EQ(a.Fingerprint(), b.Fingerprint());
  EXPECT_EQ(a.Fingerprint().size(), 16u);

  b.threads = 7;  // thread count never changes results
  b.progress = [](std::string_view, size_t, size_t) {};
  EXPECT_EQ(a.Fingerprint(), b.Fingerprint());

  b.dedup.threshold = a.dedup.threshold / 2;
  EXPECT_NE(a.Fingerprint(), b.Fingerprint());

  Options c;
  c.ingest.strip_boilerplate = !c.ingest.strip_boilerplate;
  EXPECT_NE(a.Fingerprint(), c.Fingerprint());
}

TEST(Options, JsonNamesEveryStage) {
  const std::string json = Options{}.ToJson();
  for (const char* stage : {"\"ingest\"", "\"text\"", "\"dedup\"", "\"summary\""}) {
    EXPECT_NE(json.find(stage), std::string::npos) << stage << " missing from " << json;
  }
}

}  // namespace
}  // namespace precis
