#include "engine/ingest/json_record.h"

#include <nlohmann/json.hpp>

#include "engine/ingest/dates/publication_date.h"
#include "engine/ingest/html.h"

namespace precis::ingest {
namespace {

using nlohmann::json;

// The fields a record may hold, in the order their errors are reported.
enum FieldIndex { kId, kText, kTitle, kUrl, kDate, kLang, kHtml, kFieldCount };
constexpr const char* kFieldNames[kFieldCount] = {"id",   "text", "title", "url",
                                                  "date", "lang", "html"};

// Reads one record with nlohmann's SAX interface instead of building a DOM:
// no map, no node per value, values of other fields are not kept. The
// record is judged as the DOM would be: a key given twice counts with its
// last value, and nested values of other fields are skipped.
class RecordReader final : public json::json_sax_t {
 public:
  enum class Kind { kAbsent, kNull, kString, kInteger, kOther };
  struct Field {
    Kind kind = Kind::kAbsent;
    std::string value;  // kString: the string; kInteger: its decimal form
  };

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
  Field& field(int f) { return fields_[f]; }
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
  Field fields_[kFieldCount];
  std::string error_;
};

using Kind = RecordReader::Kind;

// Moves optional string field `f` into `out`.
Status OptionalString(RecordReader& record, int f, std::string* out) {
  RecordReader::Field& field = record.field(f);
  if (field.kind == Kind::kAbsent || field.kind == Kind::kNull) return Status::OK();
  if (field.kind != Kind::kString)
    return Status::Corruption(std::string("\"") + kFieldNames[f] + "\" must be a string");
  *out = std::move(field.value);
  return Status::OK();
}

}  // namespace

bool IsBlankLine(std::string_view line) {
  return line.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
}

StatusOr<Document> ParseJsonRecord(std::string_view line, std::optional<int32_t> today) {
  RecordReader record;
  // sax_parse reports errors to the reader, not as exceptions.
  if (!json::sax_parse(line, &record))
    return Status::Corruption("malformed JSON: " + record.error());
  if (!record.is_object())
    return Status::Corruption("a record must be a JSON object with \"id\" and \"text\"");
  Record fields;
  RecordReader::Field& id = record.field(kId);
  if (id.kind == Kind::kAbsent || id.kind == Kind::kNull)
    return Status::Corruption("missing \"id\"");
  if (id.kind != Kind::kString && id.kind != Kind::kInteger)
    return Status::Corruption("\"id\" must be a string or an integer");
  fields.id = std::move(id.value);
  if (fields.id.empty()) return Status::Corruption("empty \"id\"");
  RecordReader::Field& text = record.field(kText);
  RecordReader::Field& html = record.field(kHtml);
  const bool has_text = text.kind != Kind::kAbsent && text.kind != Kind::kNull;
  const bool has_html = html.kind != Kind::kAbsent && html.kind != Kind::kNull;
  if (has_text && has_html) {
    // Which one would the byte ranges point into? Neither guess is safe.
    return Status::Corruption("both \"text\" and \"html\"; a record gives one of them");
  }
  if (!has_text && !has_html) return Status::Corruption("missing \"text\" or \"html\"");
  if (has_text && text.kind != Kind::kString) {
    return Status::Corruption("\"text\" must be a string");
  }
  if (has_html && html.kind != Kind::kString) {
    return Status::Corruption("\"html\" must be a string");
  }
  if (has_text) fields.text = std::move(text.value);
  if (has_html) fields.html = std::move(html.value);
  for (auto [f, out] : {std::pair{kTitle, &fields.title}, std::pair{kUrl, &fields.url},
                        std::pair{kDate, &fields.date}, std::pair{kLang, &fields.lang}}) {
    std::string value;
    if (Status s = OptionalString(record, f, &value); !s.ok()) return s;
    if (record.field(f).kind == Kind::kString) *out = std::move(value);
  }
  return RecordToDocument(std::move(fields), today);
}

StatusOr<Document> RecordToDocument(Record record, std::optional<int32_t> today) {
  if (record.id.empty()) return Status::Corruption("empty \"id\"");
  const bool has_text = record.text.has_value();
  const bool has_html = record.html.has_value();
  if (has_text && has_html) {
    // Which one would the byte ranges point into? Neither guess is safe.
    return Status::Corruption("both \"text\" and \"html\"; a record gives one of them");
  }
  if (!has_text && !has_html) return Status::Corruption("missing \"text\" or \"html\"");
  Document doc;
  doc.id = std::move(record.id);
  for (auto [field, out] :
       {std::pair{&record.title, &doc.title}, std::pair{&record.url, &doc.url},
        std::pair{&record.date, &doc.date}, std::pair{&record.lang, &doc.lang}}) {
    if (*field) *out = std::move(**field);
  }
  if (!doc.date.empty()) doc.date_source = "input";
  // A date given with the record wins: no need to look for one.
  const bool find_date = today && doc.date.empty();
  const dates::DateContext dating{.url = doc.url, .today = today.value_or(0)};
  if (has_html) {
    auto page = ExtractHtml(*record.html, find_date ? &dating : nullptr);
    if (!page.ok()) return page.status();
    if (IsBlankLine(page->text)) return Status::Unsupported("no visible text in the page");
    if (doc.title.empty()) doc.title = std::move(page->title);
    doc.text = std::move(page->text);
    doc.source_map = std::move(page->source_map);
    dates::SetFoundDate(page->date, &doc);
    return doc;
  }
  doc.text = std::move(*record.text);
  if (find_date) dates::SetFoundDate(dates::TextDate(doc.text, dating), &doc);
  // A headline alone is still a report (news leads sometimes come without body).
  if (IsBlankLine(doc.text) && IsBlankLine(doc.title)) {
    return Status::Corruption("empty \"text\" and no \"title\"");
  }
  return doc;
}

}  // namespace precis::ingest

namespace precis {

StatusOr<Document> ReadRecord(Record record, const IngestOptions& options) {
  uint64_t bytes = record.id.size();
  for (const std::optional<std::string>* field :
       {&record.text, &record.html, &record.title, &record.url, &record.date, &record.lang}) {
    if (*field) bytes += (*field)->size();
  }
  if (bytes > options.max_file_bytes) {
    return Status::ResourceExhausted("record is " + std::to_string(bytes) +
                                     " bytes, over ingest.max_file_bytes");
  }
  return ingest::RecordToDocument(std::move(record), ingest::dates::ReadingDay(options));
}

}  // namespace precis
