// SpillStore: records come back exactly as stored, from the temporary file or
// from memory, whatever the order and threads that stored them; records of
// arrays read back in order and refuse a record that is too short.
#include "engine/common/spill_store.h"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "engine/common/parallel.h"
#include "tests/testing/run_command.h"
#include "tests/testing/scoped_env.h"

namespace precis {
namespace {

// Records of varied sizes (empty ones included) that together exceed the
// store's 1 MB buffer several times over.
std::vector<std::string> Records() {
  std::vector<std::string> records;
  size_t bytes = 0;
  for (size_t i = 0; bytes < (4u << 20); ++i) {
    std::string r;
    for (size_t j = 0; j < (i * 7919) % 3001; ++j)
      r.push_back(static_cast<char>('a' + (i + j) % 26));
    bytes += r.size();
    records.push_back(std::move(r));
  }
  return records;
}

void ExpectRoundTrip(const std::vector<std::string>& records, int threads, bool expect_spilling) {
  SpillStore store(records.size());
  EXPECT_EQ(store.spilling(), expect_spilling);
  Parallel parallel(threads);
  const size_t n = records.size();
  parallel.For(n, [&](size_t i) {
    const std::string& r = records[n - 1 - i];
    store.Put(n - 1 - i, std::as_bytes(std::span(r)));
  });
  for (size_t i = 0; i < n; ++i) {
    ASSERT_EQ(store.size(i), records[i].size()) << i;
    std::string got(store.size(i), '?');
    ASSERT_TRUE(store.Get(i, reinterpret_cast<std::byte*>(got.data()))) << i;
    ASSERT_EQ(got, records[i]) << i;
  }
}

TEST(SpillStore, RoundTripsThroughTheTemporaryFile) {
  const auto records = Records();
  for (int threads : {1, 4}) ExpectRoundTrip(records, threads, /*expect_spilling=*/true);
}

TEST(SpillStore, KeepsRecordsInMemoryWithoutATemporaryFolder) {
  const auto records = Records();
  const testing::ScopedEnv tmpdir("TMPDIR", "/nonexistent/precis-spill-store-test");
  ExpectRoundTrip(records, 2, /*expect_spilling=*/false);
}

// Appended records are numbered in call order after the constructor's items,
// from any number of threads, and read back while more are appended.
TEST(SpillStore, AppendNumbersRecordsAfterTheGivenItems) {
  const auto records = Records();
  SpillStore store(3);
  EXPECT_EQ(store.items(), 3u);
  std::vector<size_t> number(records.size());
  Parallel parallel(4);
  parallel.For(records.size(),
               [&](size_t i) { number[i] = store.Append(std::as_bytes(std::span(records[i]))); });
  EXPECT_EQ(store.items(), 3 + records.size());
  std::vector<bool> taken(store.items(), false);
  for (size_t i = 0; i < records.size(); ++i) {
    ASSERT_GE(number[i], 3u);
    ASSERT_LT(number[i], store.items());
    ASSERT_FALSE(taken[number[i]]) << "number given twice: " << number[i];
    taken[number[i]] = true;
    std::string got(store.size(number[i]), '?');
    ASSERT_TRUE(store.Get(number[i], reinterpret_cast<std::byte*>(got.data())));
    ASSERT_EQ(got, records[i]) << i;
  }
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ(store.size(i), 0u);
}

// A write the disk refuses (here: the file size limit, as a full disk would)
// leaves its buffer and every later record in memory; nothing is lost, and
// status() names the file (in the folder given) and the reason, so that the
// engine ends the run with it.
TEST(SpillStore, KeepsRecordsInMemoryWhenAWriteFailsAndSaysSo) {
  const auto records = Records();
  struct rlimit old_limit {};
  ASSERT_EQ(getrlimit(RLIMIT_FSIZE, &old_limit), 0);
  struct rlimit limit = old_limit;
  limit.rlim_cur = 3u << 20;  // the records hold 4 MB and more
  const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
  const testing::TempDir dir;
  ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &limit), 0);
  SpillStore store(records.size(), dir.path());
  EXPECT_TRUE(store.status().ok());
  Parallel parallel(4);
  parallel.For(records.size(),
               [&](size_t i) { store.Put(i, std::as_bytes(std::span(records[i]))); });
  const bool spilling = store.spilling();
  ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &old_limit), 0);
  std::signal(SIGXFSZ, old_handler);
  EXPECT_FALSE(spilling);
  const Status status = store.status();
  EXPECT_EQ(status.code(), Status::Code::kIOError);
  EXPECT_NE(status.message().find(dir.path() + "/precis-spill-"), std::string::npos)
      << status.message();
  EXPECT_NE(status.message().find(std::strerror(EFBIG)), std::string::npos) << status.message();
  for (size_t i = 0; i < records.size(); ++i) {
    std::string got(store.size(i), '?');
    ASSERT_TRUE(store.Get(i, reinterpret_cast<std::byte*>(got.data()))) << i;
    ASSERT_EQ(got, records[i]) << i;
  }
}

TEST(SpillStore, ArraysComeBackInOrder) {
  const std::vector<uint32_t> a = {7, 0, 4294967295u};
  const std::vector<uint16_t> empty;
  const std::vector<double> c = {0.5, -2.25};
  std::vector<std::byte> record;
  AppendArray<uint32_t>(a, &record);
  AppendArray<uint16_t>(empty, &record);
  AppendArray<double>(c, &record);
  std::span<const std::byte> rest(record);
  std::vector<uint32_t> got_a;
  std::vector<uint16_t> got_empty{1};
  std::vector<double> got_c;
  ASSERT_TRUE(ReadArray(&rest, &got_a));
  ASSERT_TRUE(ReadArray(&rest, &got_empty));
  ASSERT_TRUE(ReadArray(&rest, &got_c));
  EXPECT_TRUE(rest.empty());
  EXPECT_EQ(got_a, a);
  EXPECT_TRUE(got_empty.empty());
  EXPECT_EQ(got_c, c);
}

TEST(SpillStore, ReadArrayRefusesATruncatedRecord) {
  std::vector<std::byte> record;
  AppendArray<uint32_t>(std::vector<uint32_t>{1, 2, 3}, &record);
  for (size_t cut = 0; cut < record.size(); ++cut) {
    std::span<const std::byte> rest(record.data(), cut);
    std::vector<uint32_t> out;
    EXPECT_FALSE(ReadArray(&rest, &out)) << cut;
  }
}

}  // namespace
}  // namespace precis
