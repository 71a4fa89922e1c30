// Status and StatusOr<T>: how every fallible precis call reports failure.
//
// No exception crosses the public API. A call that can fail returns a Status
// (or a StatusOr<T> carrying either a value or a non-OK Status). Messages name
// the thing that failed (a path, a document id, an option) and, where there is
// one, what the caller can do about it, e.g.
//   "corpora/x.txt: not valid UTF-8 and no charset could be detected; convert it to UTF-8".
//
// Thread-safety: Status and StatusOr are values; distinct objects may be used
// from distinct threads freely, const access to one object is safe.
#ifndef PRECIS_STATUS_H_
#define PRECIS_STATUS_H_

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace precis {

class Status {
 public:
  enum class Code {
    kOk = 0,
    kInvalidArgument,     // the caller passed something unusable (bad option, bad id)
    kNotFound,            // a path or document does not exist
    kIOError,             // reading or writing failed (permissions, disk)
    kCorruption,          // input is malformed (bad UTF-8, bad JSON line, bad model file)
    kUnsupported,         // valid input that precis does not handle (binary file, unknown format)
    kResourceExhausted,   // a configured limit was exceeded (document too large)
    kFailedPrecondition,  // the call is not valid in the current state (model settings mismatch)
    kInternal,            // a bug in precis; please report it
  };

  // OK status.
  Status() = default;

  static Status OK() { return Status(); }
  static Status InvalidArgument(std::string msg) {
    return {Code::kInvalidArgument, std::move(msg)};
  }
  static Status NotFound(std::string msg) { return {Code::kNotFound, std::move(msg)}; }
  static Status IOError(std::string msg) { return {Code::kIOError, std::move(msg)}; }
  static Status Corruption(std::string msg) { return {Code::kCorruption, std::move(msg)}; }
  static Status Unsupported(std::string msg) { return {Code::kUnsupported, std::move(msg)}; }
  static Status ResourceExhausted(std::string msg) {
    return {Code::kResourceExhausted, std::move(msg)};
  }
  static Status FailedPrecondition(std::string msg) {
    return {Code::kFailedPrecondition, std::move(msg)};
  }
  static Status Internal(std::string msg) { return {Code::kInternal, std::move(msg)}; }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  // The human-readable reason; empty for OK.
  const std::string& message() const { return message_; }
  // "OK" or "<code name>: <message>".
  std::string ToString() const;
  // Name of a code, e.g. "Corruption".
  static const char* CodeName(Code code);

  friend bool operator==(const Status& a, const Status& b) {
    return a.code_ == b.code_ && a.message_ == b.message_;
  }

 private:
  Status(Code code, std::string msg) : code_(code), message_(std::move(msg)) {}

  Code code_ = Code::kOk;
  std::string message_;
};

// Either a T or a non-OK Status. Accessing value() of a non-OK StatusOr is a
// programming error (asserts in debug builds).
template <typename T>
class StatusOr {
 public:
  // REQUIRES: !status.ok()
  StatusOr(Status status) : rep_(std::move(status)) {  // NOLINT: implicit by design
    assert(!std::get<Status>(rep_).ok());
  }
  StatusOr(T value) : rep_(std::move(value)) {}  // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(rep_); }
  // OK if a value is held.
  Status status() const { return ok() ? Status::OK() : std::get<Status>(rep_); }

  const T& value() const& {
    assert(ok());
    return std::get<T>(rep_);
  }
  T& value() & {
    assert(ok());
    return std::get<T>(rep_);
  }
  T&& value() && {
    assert(ok());
    return std::get<T>(std::move(rep_));
  }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

 private:
  std::variant<Status, T> rep_;
};

}  // namespace precis

#endif  // PRECIS_STATUS_H_
