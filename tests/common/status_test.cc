#include "precis/status.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace precis {
namespace {

TEST(Status, OkByDefault) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.ToString(), "OK");
  EXPECT_EQ(s, Status::OK());
}

TEST(Status, CarriesCodeAndMessage) {
  Status s = Status::Corruption("a.txt: not valid UTF-8");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), Status::Code::kCorruption);
  EXPECT_EQ(s.message(), "a.txt: not valid UTF-8");
  EXPECT_EQ(s.ToString(), "Corruption: a.txt: not valid UTF-8");
  EXPECT_NE(s, Status::IOError("a.txt: not valid UTF-8"));
}

TEST(StatusOr, HoldsValueOrError) {
  StatusOr<std::string> value(std::string("x"));
  ASSERT_TRUE(value.ok());
  EXPECT_EQ(*value, "x");
  EXPECT_EQ(value->size(), 1u);
  EXPECT_TRUE(value.status().ok());

  StatusOr<std::string> error(Status::NotFound("missing.txt: no such file"));
  EXPECT_FALSE(error.ok());
  EXPECT_EQ(error.status().code(), Status::Code::kNotFound);
}

TEST(StatusOr, MovesOutMoveOnlyValues) {
  StatusOr<std::unique_ptr<int>> p(std::make_unique<int>(7));
  std::unique_ptr<int> owned = std::move(p).value();
  ASSERT_NE(owned, nullptr);
  EXPECT_EQ(*owned, 7);
}

}  // namespace
}  // namespace precis
