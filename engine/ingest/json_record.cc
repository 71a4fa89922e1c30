#include "engine/ingest/json_record.h"

#include <array>
#include <cstdint>
#include <cstring>
#include <nlohmann/json.hpp>

namespace precis::ingest {
namespace {

using nlohmann::json;

// The fields a record may hold, in the order their errors are reported.
enum FieldIndex { kId, kText, kTitle, kUrl, kDate, kLang, kFieldCount };
constexpr const char* kFieldNames[kFieldCount] = {"id", "text", "title", "url", "date", "lang"};

// What a reader found for each field: its last value at the top level.
enum class Kind { kAbsent, kNull, kString, kInteger, kOther };
struct Field {
  Kind kind = Kind::kAbsent;
  std::string value;  // kString: the string; kInteger: its decimal form
};
using Fields = std::array<Field, kFieldCount>;

// Reads one record with nlohmann's SAX interface instead of building a DOM:
// no map, no node per value, values of other fields are not kept. The
// record is judged as the DOM would be: a key given twice counts with its
// last value, and nested values of other fields are skipped.
class RecordReader final : public json::json_sax_t {
 public:
  bool null() override { return Scalar(Kind::kNull); }
  bool boolean(bool) override { return Scalar(Kind::kOther); }
  bool number_integer(number_integer_t v) override {
    return Scalar(Kind::kInteger, std::to_string(v));
  }
  bool number_unsigned(number_unsigned_t v) override {
    return Scalar(Kind::kInteger, std::to_string(v));
  }
  bool number_float(number_float_t, const string_t&) override { return Scalar(Kind::kOther); }
  // Copied, not moved: the lexer's buffer has grown by doubling, so a moved
  // text would keep up to twice its size for the whole run; the copy is
  // exact and the lexer keeps its buffer for the next string.
  bool string(string_t& v) override { return Scalar(Kind::kString, std::string(v)); }
  bool binary(binary_t&) override { return Scalar(Kind::kOther); }
  bool start_object(std::size_t) override { return Open(/*object=*/true); }
  bool start_array(std::size_t) override { return Open(/*object=*/false); }
  bool end_object() override { return Close(); }
  bool end_array() override { return Close(); }
  bool key(string_t& k) override {
    if (depth_ != 1) return true;
    field_ = -1;
    for (int f = 0; f < kFieldCount; ++f) {
      if (k == kFieldNames[f]) field_ = f;
    }
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) override {
    error_ = e.what();
    return false;
  }

  bool is_object() const { return is_object_; }
  Fields& fields() { return fields_; }
  // The parser's message without its "[json.exception...] " prefix.
  std::string error() const {
    std::string what = error_;
    if (const size_t cut = what.find("] "); cut != std::string::npos) what.erase(0, cut + 2);
    return what;
  }

 private:
  bool Scalar(Kind kind, std::string value = {}) {
    if (depth_ == 1 && field_ >= 0) fields_[field_] = {kind, std::move(value)};
    return true;
  }
  bool Open(bool object) {
    if (depth_ == 0) is_object_ = object;
    if (depth_ == 1 && field_ >= 0) fields_[field_] = {Kind::kOther, {}};
    ++depth_;
    return true;
  }
  bool Close() {
    --depth_;
    return true;
  }

  int depth_ = 0;
  int field_ = -1;  // the top-level field whose value comes next, -1 for others
  bool is_object_ = false;
  Fields fields_;
  std::string error_;
};

// Reads the records feeds are made of -- one flat object whose values are
// strings, null, true, false or short integers -- an order of magnitude
// faster than the SAX reader, which appends a string byte by byte. It checks
// what the SAX reader checks (JSON grammar, escapes, surrogate pairs, UTF-8
// as RFC 3629 has it) and fills `fields` as the SAX reader would; on anything
// else (a nested value, a float, an integer of a known field, any error) it
// returns false and the SAX reader, the reference, reads the line instead,
// so records and error messages are exactly the SAX reader's.
class FastRecordReader {
 public:
  // `decoded` is scratch space, reused from record to record.
  FastRecordReader(std::string_view line, std::string* decoded)
      : p_(line.data()), end_(line.data() + line.size()), decoded_(*decoded) {}

  // True when the line is a record this reader takes; `fields` then holds it.
  bool Read(Fields* fields) {
    SkipSpace();
    if (!Consume('{')) return false;
    SkipSpace();
    if (!Consume('}')) {
      while (true) {
        if (!String(&scratch_key_)) return false;
        int field = -1;
        for (int f = 0; f < kFieldCount; ++f) {
          if (scratch_key_ == kFieldNames[f]) field = f;
        }
        SkipSpace();
        if (!Consume(':')) return false;
        SkipSpace();
        if (!Value(field < 0 ? nullptr : &(*fields)[field])) return false;
        SkipSpace();
        if (Consume(',')) {
          SkipSpace();
          continue;
        }
        if (Consume('}')) break;
        return false;
      }
    }
    SkipSpace();
    return p_ == end_;
  }

 private:
  // The value at p_; into `field` when it is a known field's (else checked
  // and dropped).
  bool Value(Field* field) {
    if (p_ == end_) return false;
    switch (*p_) {
      case '"': {
        std::string value;
        if (!String(field == nullptr ? &scratch_value_ : &value)) return false;
        if (field != nullptr) *field = {Kind::kString, std::move(value)};
        return true;
      }
      case 'n':
        return Literal("null", field, Kind::kNull);
      case 't':
        return Literal("true", field, Kind::kOther);
      case 'f':
        return Literal("false", field, Kind::kOther);
      default:
        // The SAX reader's integer ids are left to it (their decimal form).
        return field == nullptr && Integer();
    }
  }

  bool Literal(std::string_view word, Field* field, Kind kind) {
    if (static_cast<size_t>(end_ - p_) < word.size() || std::string_view(p_, word.size()) != word)
      return false;
    p_ += word.size();
    if (field != nullptr) *field = {kind, {}};
    return true;
  }

  // -?(0|[1-9][0-9]*) of at most 18 digits: an integer the SAX reader takes
  // without question (longer ones may overflow into a float; floats may
  // overflow and fail).
  bool Integer() {
    if (p_ < end_ && *p_ == '-') ++p_;
    const char* digits = p_;
    while (p_ < end_ && *p_ >= '0' && *p_ <= '9') ++p_;
    const ptrdiff_t n = p_ - digits;
    if (n == 0 || n > 18 || (n > 1 && *digits == '0')) return false;
    return p_ == end_ || (*p_ != '.' && *p_ != 'e' && *p_ != 'E');
  }

  // The string at p_, decoded into `out` (at its exact size, as the SAX
  // reader's copy).
  bool String(std::string* out) {
    if (!Consume('"')) return false;
    const char* run = p_;  // bytes not yet copied, all plain
    bool escaped = false;
    while (true) {
      SkipPlain();
      if (p_ == end_) return false;
      const unsigned char c = static_cast<unsigned char>(*p_);
      if (c == '"') break;
      if (c >= 0x80) {
        if (!Utf8Sequence()) return false;
        continue;
      }
      if (c != '\\') return false;  // a control character
      if (!escaped) decoded_.clear();
      escaped = true;
      decoded_.append(run, p_);
      if (!Escape()) return false;
      run = p_;
    }
    if (escaped) {
      decoded_.append(run, p_);
      out->assign(decoded_);
      if (decoded_.capacity() > kKeepDecoded) std::string().swap(decoded_);
    } else {
      out->assign(run, p_);
    }
    ++p_;  // the closing quote
    return true;
  }

  // Moves p_ past plain bytes, eight at a time while it can.
  void SkipPlain() {
    constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
    while (end_ - p_ >= 8) {
      uint64_t w;
      std::memcpy(&w, p_, 8);
      const uint64_t quote = w ^ (kOnes * '"'), backslash = w ^ (kOnes * '\\');
      // High bit of a byte set when it is >= 0x80 or < 0x20 (the borrow of
      // w - 0x20 in a byte under 0x80), or is a quote or a backslash (a zero
      // byte of `quote` or `backslash`): exact for "any byte is not plain".
      const uint64_t special = (w | ((w - kOnes * 0x20) & ~w) | ((quote - kOnes) & ~quote) |
                                ((backslash - kOnes) & ~backslash)) &
                               kHigh;
      if (special != 0) break;
      p_ += 8;
    }
    while (p_ < end_ && kPlain[static_cast<unsigned char>(*p_)]) ++p_;
  }

  // One well-formed UTF-8 sequence of 2 to 4 bytes at p_ (RFC 3629 table:
  // no overlong forms, no surrogates, nothing past U+10FFFF).
  bool Utf8Sequence() {
    const unsigned char c = static_cast<unsigned char>(*p_);
    unsigned char lo = 0x80, hi = 0xBF;  // range of the second byte
    int length = 0;
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return false;
    }
    if (end_ - p_ < length) return false;
    const auto* b = reinterpret_cast<const unsigned char*>(p_);
    if (b[1] < lo || b[1] > hi) return false;
    for (int i = 2; i < length; ++i) {
      if (b[i] < 0x80 || b[i] > 0xBF) return false;
    }
    p_ += length;
    return true;
  }

  // The escape at p_ (a backslash), appended to decoded_ as the SAX reader decodes it.
  bool Escape() {
    if (end_ - p_ < 2) return false;
    const char e = p_[1];
    p_ += 2;
    switch (e) {
      case '"':
      case '\\':
      case '/':
        decoded_ += e;
        return true;
      case 'b':
        decoded_ += '\b';
        return true;
      case 'f':
        decoded_ += '\f';
        return true;
      case 'n':
        decoded_ += '\n';
        return true;
      case 'r':
        decoded_ += '\r';
        return true;
      case 't':
        decoded_ += '\t';
        return true;
      case 'u':
        break;
      default:
        return false;
    }
    int cp = Hex4();
    if (cp < 0 || (cp >= 0xDC00 && cp <= 0xDFFF)) return false;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') return false;
      p_ += 2;
      const int low = Hex4();
      if (low < 0xDC00 || low > 0xDFFF) return false;
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    }
    if (cp < 0x80) {
      decoded_ += static_cast<char>(cp);
    } else if (cp < 0x800) {
      decoded_ += static_cast<char>(0xC0 | (cp >> 6));
      decoded_ += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      decoded_ += static_cast<char>(0xE0 | (cp >> 12));
      decoded_ += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      decoded_ += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      decoded_ += static_cast<char>(0xF0 | (cp >> 18));
      decoded_ += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      decoded_ += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      decoded_ += static_cast<char>(0x80 | (cp & 0x3F));
    }
    return true;
  }

  // Four hex digits at p_ as a number, or -1.
  int Hex4() {
    if (end_ - p_ < 4) return -1;
    int v = 0;
    for (int i = 0; i < 4; ++i) {
      const char h = p_[i];
      int d;
      if (h >= '0' && h <= '9') {
        d = h - '0';
      } else if (h >= 'a' && h <= 'f') {
        d = h - 'a' + 10;
      } else if (h >= 'A' && h <= 'F') {
        d = h - 'A' + 10;
      } else {
        return -1;
      }
      v = v * 16 + d;
    }
    p_ += 4;
    return v;
  }

  bool Consume(char c) {
    if (p_ == end_ || *p_ != c) return false;
    ++p_;
    return true;
  }
  // JSON whitespace, as the SAX reader skips it.
  void SkipSpace() {
    while (p_ < end_ && (*p_ == ' ' || *p_ == '\t' || *p_ == '\n' || *p_ == '\r')) ++p_;
  }

  // Bytes a string holds as they are: printable ASCII but the quote and the backslash.
  static constexpr std::array<bool, 256> kPlain = [] {
    std::array<bool, 256> plain{};
    for (int c = 0x20; c < 0x80; ++c) plain[c] = c != '"' && c != '\\';
    return plain;
  }();

  // A thread's decoded_ keeps its capacity from record to record, up to this.
  static constexpr size_t kKeepDecoded = 1 << 20;

  const char* p_;
  const char* end_;
  std::string& decoded_;       // a string with escapes, decoded
  std::string scratch_key_;    // the key being read
  std::string scratch_value_;  // a value no field keeps
};

// Moves optional string field `f` into `out`.
Status OptionalString(Fields& fields, int f, std::string* out) {
  Field& field = fields[f];
  if (field.kind == Kind::kAbsent || field.kind == Kind::kNull) return Status::OK();
  if (field.kind != Kind::kString)
    return Status::Corruption(std::string("\"") + kFieldNames[f] + "\" must be a string");
  *out = std::move(field.value);
  return Status::OK();
}

// The document `fields` describe, or why there is none.
StatusOr<Document> RecordToDocument(Fields& fields) {
  Document doc;
  Field& id = fields[kId];
  if (id.kind == Kind::kAbsent || id.kind == Kind::kNull)
    return Status::Corruption("missing \"id\"");
  if (id.kind != Kind::kString && id.kind != Kind::kInteger)
    return Status::Corruption("\"id\" must be a string or an integer");
  doc.id = std::move(id.value);
  if (doc.id.empty()) return Status::Corruption("empty \"id\"");
  Field& text = fields[kText];
  if (text.kind == Kind::kAbsent || text.kind == Kind::kNull)
    return Status::Corruption("missing \"text\"");
  if (text.kind != Kind::kString) return Status::Corruption("\"text\" must be a string");
  doc.text = std::move(text.value);
  for (auto [f, out] : {std::pair{kTitle, &doc.title}, std::pair{kUrl, &doc.url},
                        std::pair{kDate, &doc.date}, std::pair{kLang, &doc.lang}}) {
    if (Status s = OptionalString(fields, f, out); !s.ok()) return s;
  }
  // A headline alone is still a report (news leads sometimes come without body).
  if (IsBlankLine(doc.text) && IsBlankLine(doc.title)) {
    return Status::Corruption("empty \"text\" and no \"title\"");
  }
  return doc;
}

}  // namespace

bool IsBlankLine(std::string_view line) {
  return line.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
}

StatusOr<Document> ParseJsonRecord(std::string_view line) {
  thread_local std::string decoded;
  Fields fields;
  if (FastRecordReader(line, &decoded).Read(&fields)) return RecordToDocument(fields);
  return ParseJsonRecordReference(line);
}

StatusOr<Document> ParseJsonRecordReference(std::string_view line) {
  RecordReader record;
  // sax_parse reports errors to the reader, not as exceptions.
  if (!json::sax_parse(line, &record))
    return Status::Corruption("malformed JSON: " + record.error());
  if (!record.is_object())
    return Status::Corruption("a record must be a JSON object with \"id\" and \"text\"");
  return RecordToDocument(record.fields());
}

}  // namespace precis::ingest
