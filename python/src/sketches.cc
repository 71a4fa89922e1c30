// precis.signatures and the pieces precis.dask runs in its tasks: the
// near-duplicate steps of precis/sketch.h over NumPy arrays.
#include <algorithm>
#include <map>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

#include "precis/sketch.h"
#include "python/src/binding.h"

namespace precis::python {
namespace {

// ------------------------------------------------------------ sketches --

// The sketch pieces (precis/sketch.h) over NumPy arrays, for
// precis.signatures and precis.dask.
class PySketcher {
 public:
  PySketcher(const py::dict& options, uint64_t documents, U64 keys, U32 counts)
      : settings_(SettingsFrom(options)) {
    CorpusLines lines;
    lines.documents = documents;
    lines.keys.assign(keys.data(), keys.data() + keys.size());
    lines.counts.assign(counts.data(), counts.data() + counts.size());
    py::gil_scoped_release release;
    auto s = DedupSketcher::Create(settings_.options, lines);
    if (!s.ok()) {
      py::gil_scoped_acquire acquire;
      Raise(s.status());
    }
    sketcher_ = std::move(s).value();
  }

  const DedupSketcher& get() const { return *sketcher_; }
  const Settings& settings() const { return settings_; }
  int signature_size() const { return settings_.options.dedup.signature_size; }

  py::tuple Banding() const {
    const LshBanding b = sketcher_->Banding();
    return py::make_tuple(b.bands, b.rows, b.threshold);
  }

  uint32_t Threshold(uint64_t documents) const {
    return sketcher_->RepeatedLineThreshold(documents);
  }

  // (n x bands) band keys of (n x k) signatures.
  py::array_t<uint64_t> BandKeys(U32 signatures) const {
    const size_t k = static_cast<size_t>(signature_size());
    const size_t n = k == 0 ? 0 : static_cast<size_t>(signatures.size()) / k;
    const size_t bands = static_cast<size_t>(sketcher_->Banding().bands);
    py::array_t<uint64_t> out({static_cast<py::ssize_t>(n), static_cast<py::ssize_t>(bands)});
    const uint32_t* sig = signatures.data();
    uint64_t* keys = out.mutable_data();
    {
      py::gil_scoped_release release;
      for (size_t i = 0; i < n; ++i) {
        sketcher_->BandKeys({sig + i * k, k}, {keys + i * bands, bands});
      }
    }
    return out;
  }

  // Pairs i: signatures a[i], b[i] (rows of k), shingle counts, sets as
  // offsets into values. Returns (worth verifying, estimate, jaccard,
  // containment, accepted); jaccard etc. are 0 where not worth it.
  py::tuple Verify(U32 sig_a, U32 shingles_a, U64 off_a, U32 set_a, U32 sig_b, U32 shingles_b,
                   U64 off_b, U32 set_b, int threads) const {
    const size_t k = static_cast<size_t>(signature_size());
    const size_t n = static_cast<size_t>(shingles_a.size());
    if (static_cast<size_t>(shingles_b.size()) != n || static_cast<size_t>(sig_a.size()) != n * k ||
        static_cast<size_t>(sig_b.size()) != n * k || static_cast<size_t>(off_a.size()) != n + 1 ||
        static_cast<size_t>(off_b.size()) != n + 1)
      Raise(Status::InvalidArgument("verify: arrays of different lengths"));
    py::array_t<bool> worth(static_cast<py::ssize_t>(n));
    py::array_t<bool> accepted(static_cast<py::ssize_t>(n));
    py::array_t<double> est(static_cast<py::ssize_t>(n)), jac(static_cast<py::ssize_t>(n)),
        cont(static_cast<py::ssize_t>(n));
    bool* w = worth.mutable_data();
    bool* acc = accepted.mutable_data();
    double* e = est.mutable_data();
    double* j = jac.mutable_data();
    double* c = cont.mutable_data();
    const uint32_t *sa = sig_a.data(), *sb = sig_b.data(), *ha = shingles_a.data(),
                   *hb = shingles_b.data(), *va = set_a.data(), *vb = set_b.data();
    const uint64_t *oa = off_a.data(), *ob = off_b.data();
    {
      py::gil_scoped_release release;
      ParallelFor(n, threads, [&](size_t i) {
        std::span<const uint32_t> siga(sa + i * k, k), sigb(sb + i * k, k);
        e[i] = DedupSketcher::Estimate(siga, sigb);
        w[i] = sketcher_->WorthVerifying(siga, ha[i], sigb, hb[i]);
        SimilarPair p;
        acc[i] = w[i] &&
                 sketcher_->Verify({va + oa[i], va + oa[i + 1]}, {vb + ob[i], vb + ob[i + 1]}, &p);
        j[i] = p.jaccard;
        c[i] = p.containment;
      });
    }
    return py::make_tuple(worth, est, jac, cont, accepted);
  }

 private:
  Settings settings_;
  std::unique_ptr<DedupSketcher> sketcher_;
};

// One partition of a corpus, read: its documents (in record order, none
// dropped for a duplicate id) and the records skipped.
class PyPartition {
 public:
  PyPartition(py::handle items, const py::dict& options) : settings_(SettingsFrom(options)) {
    py::iterator it = py::iter(items);
    while (ReadSome(it, 4096, batch_.records, settings_, &batch_)) {
    }
  }
  PyPartition() = default;

  uint64_t records() const { return batch_.records; }
  size_t size() const { return batch_.documents.size(); }

  py::list Ids() const {
    py::list ids;
    for (const Document& d : batch_.documents) ids.append(py::str(d.id));
    return ids;
  }
  py::array_t<uint64_t> Index() const { return ArrayOf(batch_.index); }
  py::list SkippedRecords() const { return SkippedList(batch_.skipped); }

  // Line keys of the documents with keep[i], counted: (keys, counts).
  py::tuple LineKeys(const PySketcher& sketcher, py::array_t<bool> keep) const {
    std::vector<std::vector<uint64_t>> keys(size());
    const bool* k = keep.data();
    {
      py::gil_scoped_release release;
      ParallelFor(size(), sketcher.settings().options.threads, [&](size_t i) {
        if (k[i]) keys[i] = sketcher.get().LineKeys(batch_.documents[i]);
      });
    }
    std::unordered_map<uint64_t, uint32_t> counts;
    for (const auto& v : keys) {
      for (uint64_t key : v) ++counts[key];
    }
    std::vector<uint64_t> out_keys;
    out_keys.reserve(counts.size());
    for (const auto& [key, count] : counts) out_keys.push_back(key);
    std::sort(out_keys.begin(), out_keys.end());
    std::vector<uint32_t> out_counts(out_keys.size());
    for (size_t i = 0; i < out_keys.size(); ++i) out_counts[i] = counts[out_keys[i]];
    return py::make_tuple(ArrayOf(out_keys), ArrayOf(out_counts));
  }

  // Sketches of the documents with keep[i], in order: a dict of arrays
  // (hash_low, hash_high, shingles, signatures n x k, set_offsets,
  // set_values) and their ids, dates and date sources.
  py::dict Sketch(const PySketcher& sketcher, py::array_t<bool> keep) const {
    std::vector<size_t> which;
    const bool* k = keep.data();
    for (size_t i = 0; i < size(); ++i) {
      if (k[i]) which.push_back(i);
    }
    const size_t n = which.size();
    const size_t sig = static_cast<size_t>(sketcher.signature_size());
    std::vector<DedupSketch> sketches(n);
    {
      py::gil_scoped_release release;
      ParallelFor(n, sketcher.settings().options.threads, [&](size_t i) {
        sketches[i] = sketcher.get().Sketch(batch_.documents[which[i]]);
      });
    }
    py::array_t<uint64_t> lo(static_cast<py::ssize_t>(n)), hi(static_cast<py::ssize_t>(n));
    py::array_t<uint32_t> shingles(static_cast<py::ssize_t>(n));
    py::array_t<uint32_t> signatures({static_cast<py::ssize_t>(n), static_cast<py::ssize_t>(sig)});
    py::array_t<uint64_t> offsets(static_cast<py::ssize_t>(n + 1));
    size_t total = 0;
    for (const DedupSketch& s : sketches) total += s.set.size();
    py::array_t<uint32_t> values(static_cast<py::ssize_t>(total));
    uint64_t* o = offsets.mutable_data();
    uint32_t* v = values.mutable_data();
    o[0] = 0;
    for (size_t i = 0; i < n; ++i) {
      const DedupSketch& s = sketches[i];
      lo.mutable_data()[i] = s.body_hash_low;
      hi.mutable_data()[i] = s.body_hash_high;
      shingles.mutable_data()[i] = s.shingles;
      std::memcpy(signatures.mutable_data() + i * sig, s.signature.data(), sig * sizeof(uint32_t));
      if (!s.set.empty()) std::memcpy(v + o[i], s.set.data(), s.set.size() * sizeof(uint32_t));
      o[i + 1] = o[i] + s.set.size();
    }
    py::list ids, dates, sources;
    for (size_t i : which) {
      const Document& d = batch_.documents[i];
      ids.append(py::str(d.id));
      dates.append(py::str(d.date));
      sources.append(py::str(std::string(DateSource(d))));  // as Engine::Run reports it
    }
    py::dict out;
    out["hash_low"] = lo;
    out["hash_high"] = hi;
    out["shingles"] = shingles;
    out["signatures"] = signatures;
    out["set_offsets"] = offsets;
    out["set_values"] = values;
    out["ids"] = ids;
    out["dates"] = dates;
    out["date_sources"] = sources;
    return out;
  }

  // Pickling (Dask moves partitions between workers): the documents'
  // fields, length-prefixed.
  py::bytes Dump() const {
    std::string out;
    auto put64 = [&](uint64_t x) { out.append(reinterpret_cast<const char*>(&x), 8); };
    auto put = [&](const std::string& s) {
      put64(s.size());
      out += s;
    };
    put64(batch_.records);
    put64(batch_.documents.size());
    for (size_t i = 0; i < batch_.documents.size(); ++i) {
      const Document& d = batch_.documents[i];
      put64(batch_.index[i]);
      for (const std::string* s :
           {&d.id, &d.title, &d.text, &d.date, &d.date_source, &d.url, &d.lang, &d.source_path})
        put(*s);
      put64(d.source_map.size());
      for (const OffsetRun& r : d.source_map) {
        put64(r.text_pos);
        put64(r.source_pos);
      }
    }
    put64(batch_.skipped.size());
    for (const Skipped& s : batch_.skipped) {
      put64(s.index);
      put(s.id);
      put(s.message);
    }
    put(py::cast<std::string>(py::module_::import("pickle").attr("dumps")(options_)));
    return Bytes(out);
  }

  static PyPartition Load(const py::bytes& data) {
    const std::string in = data;
    size_t at = 0;
    auto get64 = [&] {
      uint64_t x = 0;
      if (at + 8 > in.size()) throw std::runtime_error("truncated partition");
      std::memcpy(&x, in.data() + at, 8);
      at += 8;
      return x;
    };
    auto get = [&] {
      const uint64_t n = get64();
      if (at + n > in.size()) throw std::runtime_error("truncated partition");
      std::string s = in.substr(at, n);
      at += n;
      return s;
    };
    PyPartition p;
    p.batch_.records = get64();
    const uint64_t n = get64();
    for (uint64_t i = 0; i < n; ++i) {
      p.batch_.index.push_back(get64());
      Document d;
      for (std::string* s :
           {&d.id, &d.title, &d.text, &d.date, &d.date_source, &d.url, &d.lang, &d.source_path})
        *s = get();
      const uint64_t runs = get64();
      for (uint64_t r = 0; r < runs; ++r) {
        OffsetRun run;
        run.text_pos = get64();
        run.source_pos = get64();
        d.source_map.push_back(run);
      }
      p.batch_.documents.push_back(std::move(d));
    }
    const uint64_t skipped = get64();
    for (uint64_t i = 0; i < skipped; ++i) {
      Skipped s;
      s.index = get64();
      s.id = get();
      s.message = get();
      p.batch_.skipped.push_back(std::move(s));
    }
    const std::string options = get();
    p.options_ = py::module_::import("pickle").attr("loads")(py::bytes(options));
    p.settings_ = SettingsFrom(p.options_);
    return p;
  }

  void set_options(py::dict o) { options_ = std::move(o); }

 private:
  Settings settings_;
  py::dict options_;
  Batch batch_;
};

// The candidate pairs of whole buckets, from arrays of (band, key, doc)
// entries and the partition of each entry's doc: (a, b, partition of a,
// partition of b).
py::tuple BucketPairs(U32 bands, U64 keys, U32 docs, U32 parts) {
  const size_t n = static_cast<size_t>(bands.size());
  if (static_cast<size_t>(keys.size()) != n || static_cast<size_t>(docs.size()) != n ||
      static_cast<size_t>(parts.size()) != n)
    Raise(Status::InvalidArgument("bucket_pairs: arrays of different lengths"));
  std::vector<BandEntry> entries(n);
  std::vector<uint64_t> part_of(n);  // doc << 32 | partition, sorted
  for (size_t i = 0; i < n; ++i) {
    entries[i] = {keys.data()[i], bands.data()[i], docs.data()[i]};
    part_of[i] = static_cast<uint64_t>(docs.data()[i]) << 32 | parts.data()[i];
  }
  std::vector<std::pair<uint32_t, uint32_t>> pairs;
  {
    py::gil_scoped_release release;
    pairs = LshBucketPairs(std::move(entries));
    std::sort(part_of.begin(), part_of.end());
  }
  auto part = [&](uint32_t doc) {
    auto it = std::lower_bound(part_of.begin(), part_of.end(), static_cast<uint64_t>(doc) << 32);
    return static_cast<uint32_t>(*it);
  };
  const auto m = static_cast<py::ssize_t>(pairs.size());
  py::array_t<uint32_t> a(m), b(m), pa(m), pb(m);
  for (size_t i = 0; i < pairs.size(); ++i) {
    a.mutable_data()[i] = pairs[i].first;
    b.mutable_data()[i] = pairs[i].second;
    pa.mutable_data()[i] = part(pairs[i].first);
    pb.mutable_data()[i] = part(pairs[i].second);
  }
  return py::make_tuple(a, b, pa, pb);
}

// The shingle sets of `rows` of a partition's sketches (offsets into
// values) as new (offsets, values): a copy per row, instead of NumPy's index
// arrays of every value.
py::tuple GatherSets(U64 offsets, U32 values,
                     py::array_t<int64_t, py::array::c_style | py::array::forcecast> rows) {
  const size_t n = static_cast<size_t>(rows.size());
  const uint64_t* off = offsets.data();
  const int64_t* r = rows.data();
  const auto limit = static_cast<int64_t>(offsets.size()) - 1;
  py::array_t<uint64_t> out_offsets(static_cast<py::ssize_t>(n + 1));
  uint64_t* o = out_offsets.mutable_data();
  o[0] = 0;
  for (size_t i = 0; i < n; ++i) {
    if (r[i] < 0 || r[i] >= limit) Raise(Status::InvalidArgument("gather_sets: row out of range"));
    o[i + 1] = o[i] + (off[r[i] + 1] - off[r[i]]);
  }
  py::array_t<uint32_t> out_values(static_cast<py::ssize_t>(o[n]));
  uint32_t* v = out_values.mutable_data();
  const uint32_t* in = values.data();
  {
    py::gil_scoped_release release;
    for (size_t i = 0; i < n; ++i) {
      std::memcpy(v + o[i], in + off[r[i]], (o[i + 1] - o[i]) * sizeof(uint32_t));
    }
  }
  return py::make_tuple(out_offsets, out_values);
}

// Near-duplicate groups of many components at once. Members: (label, rank,
// shingles); accepted pairs: (label, a, b, estimate, jaccard, containment);
// exact groups: one row per member (label, canonical, member). Returns the
// groups ordered by label: (canonical, member offsets, members, pair
// offsets, pair a, pair b, estimate, jaccard, containment).
py::tuple AssembleGroups(U32 m_label, U32 m_rank, U32 m_shingles, U32 p_label, U32 p_a, U32 p_b,
                         F64 p_est, F64 p_jac, F64 p_cont, U32 e_label, U32 e_canonical,
                         U32 e_member) {
  struct Component {
    std::vector<uint32_t> members, shingles;
    std::vector<SimilarPair> pairs;
    std::map<uint32_t, std::vector<uint32_t>> exact;  // canonical -> members
  };
  std::map<uint32_t, Component> components;
  for (py::ssize_t i = 0; i < m_label.size(); ++i) {
    Component& c = components[m_label.data()[i]];
    c.members.push_back(m_rank.data()[i]);
    c.shingles.push_back(m_shingles.data()[i]);
  }
  for (py::ssize_t i = 0; i < p_label.size(); ++i) {
    components[p_label.data()[i]].pairs.push_back(
        {p_a.data()[i], p_b.data()[i], p_est.data()[i], p_jac.data()[i], p_cont.data()[i]});
  }
  for (py::ssize_t i = 0; i < e_label.size(); ++i) {
    components[e_label.data()[i]].exact[e_canonical.data()[i]].push_back(e_member.data()[i]);
  }
  std::vector<DuplicateGroup> groups;
  {
    py::gil_scoped_release release;
    for (auto& [label, c] : components) {
      std::vector<DuplicateGroup> exact;
      for (auto& [canonical, members] : c.exact) exact.push_back(ExactGroup(members));
      groups.push_back(NearDuplicateGroup(c.members, c.shingles, std::move(c.pairs), exact));
    }
  }
  std::vector<uint32_t> canonical, members, pa, pb;
  std::vector<uint64_t> moff{0}, poff{0};
  std::vector<double> est, jac, cont;
  for (const DuplicateGroup& g : groups) {
    canonical.push_back(g.canonical);
    members.insert(members.end(), g.members.begin(), g.members.end());
    moff.push_back(members.size());
    for (const SimilarPair& p : g.pairs) {
      pa.push_back(p.a);
      pb.push_back(p.b);
      est.push_back(p.estimated);
      jac.push_back(p.jaccard);
      cont.push_back(p.containment);
    }
    poff.push_back(pa.size());
  }
  return py::make_tuple(ArrayOf(canonical), ArrayOf(moff), ArrayOf(members), ArrayOf(poff),
                        ArrayOf(pa), ArrayOf(pb), ArrayOf(est), ArrayOf(jac), ArrayOf(cont));
}

// `precis dedup --format json` of groups found elsewhere (precis.dask): the
// documents named by the groups (ids, dates, date sources of ranks
// doc_rank, sorted), the exact groups (canonical and members per group, as
// offsets), the near-duplicate groups (canonical, members, pairs) and the
// LSH counts. Ranks are global; the JSON names ids. Its "documents" counts
// the documents named: the caller puts the corpus size in its place.
py::bytes DedupJson(const py::dict& options, uint64_t candidate_pairs, uint64_t verified_pairs,
                    U32 doc_rank, const std::vector<std::string>& ids,
                    const std::vector<std::string>& dates,
                    const std::vector<std::string>& date_sources, U64 exact_offsets,
                    U32 exact_members, U32 near_canonical, U64 near_offsets, U32 near_members,
                    U64 pair_offsets, U32 pair_a, U32 pair_b, F64 pair_est, F64 pair_jac,
                    F64 pair_cont) {
  Settings settings = SettingsFrom(options);
  auto sketcher = Value(DedupSketcher::Create(settings.options));
  Result r;
  r.fingerprint = settings.options.Fingerprint();
  const size_t n = static_cast<size_t>(doc_rank.size());
  std::unordered_map<uint32_t, uint32_t> local;
  r.documents.resize(n);
  for (size_t i = 0; i < n; ++i) {
    local[doc_rank.data()[i]] = static_cast<uint32_t>(i);
    r.documents[i].id = ids.at(i);
    r.documents[i].date = dates.at(i);
    r.documents[i].date_source = date_sources.at(i);
  }
  auto at = [&](uint32_t rank) {
    auto it = local.find(rank);
    if (it == local.end()) Raise(Status::Internal("dedup_json: a group names an unknown rank"));
    return it->second;
  };
  const LshBanding banding = sketcher->Banding();
  r.dedup.bands = banding.bands;
  r.dedup.rows = banding.rows;
  r.dedup.lsh_threshold = banding.threshold;
  r.dedup.candidate_pairs = candidate_pairs;
  r.dedup.verified_pairs = verified_pairs;
  for (py::ssize_t g = 0; g + 1 < exact_offsets.size(); ++g) {
    std::vector<uint32_t> members;
    for (uint64_t i = exact_offsets.data()[g]; i < exact_offsets.data()[g + 1]; ++i)
      members.push_back(at(exact_members.data()[i]));
    r.dedup.exact_groups.push_back(ExactGroup(std::move(members)));
  }
  for (py::ssize_t g = 0; g < near_canonical.size(); ++g) {
    DuplicateGroup group;
    group.canonical = at(near_canonical.data()[g]);
    for (uint64_t i = near_offsets.data()[g]; i < near_offsets.data()[g + 1]; ++i)
      group.members.push_back(at(near_members.data()[i]));
    for (uint64_t i = pair_offsets.data()[g]; i < pair_offsets.data()[g + 1]; ++i)
      group.pairs.push_back({at(pair_a.data()[i]), at(pair_b.data()[i]), pair_est.data()[i],
                             pair_jac.data()[i], pair_cont.data()[i]});
    r.dedup.near_duplicate_groups.push_back(std::move(group));
  }
  std::ostringstream out;
  DigestOptions digest;
  digest.threads = 0;  // all cores, as the CLI writes it
  Check(WriteDuplicatesJson(r, settings.options, digest, out));
  return Bytes(out.str());
}

// precis.signatures: every document's MinHash signature, as Engine::Run
// computes it over this corpus. Returns (n x k uint32 array, ids, skipped).
py::tuple Signatures(py::handle docs, const py::dict& options) {
  Settings settings = SettingsFrom(options);
  Reader reader(docs, settings);
  std::vector<Document> all;
  Batch batch;
  while (reader.Next(&batch)) {
    for (Document& d : batch.documents) all.push_back(std::move(d));
  }
  auto base = Value(DedupSketcher::Create(settings.options));
  std::vector<DedupSketch> sketches(all.size());
  {
    py::gil_scoped_release release;
    std::vector<std::vector<uint64_t>> keys(all.size());
    ParallelFor(all.size(), settings.options.threads,
                [&](size_t i) { keys[i] = base->LineKeys(all[i]); });
    std::unordered_map<uint64_t, uint32_t> counts;
    for (const auto& v : keys) {
      for (uint64_t k : v) ++counts[k];
    }
    CorpusLines lines;
    lines.documents = all.size();
    for (const auto& [k, c] : counts) {
      lines.keys.push_back(k);
      lines.counts.push_back(c);
    }
    auto sketcher = DedupSketcher::Create(settings.options, lines);
    if (!sketcher.ok()) {
      py::gil_scoped_acquire acquire;
      Raise(sketcher.status());
    }
    ParallelFor(all.size(), settings.options.threads,
                [&](size_t i) { sketches[i] = (*sketcher)->Sketch(all[i]); });
  }
  const size_t k = static_cast<size_t>(settings.options.dedup.signature_size);
  py::array_t<uint32_t> out({static_cast<py::ssize_t>(all.size()), static_cast<py::ssize_t>(k)});
  py::list ids;
  for (size_t i = 0; i < all.size(); ++i) {
    std::memcpy(out.mutable_data() + i * k, sketches[i].signature.data(), k * sizeof(uint32_t));
    ids.append(py::str(all[i].id));
  }
  return py::make_tuple(out, ids, SkippedList(reader.skipped()));
}

}  // namespace

void RegisterSketches(py::module_& m) {
  m.def("signatures", &Signatures, py::arg("docs"), py::arg("options"));
  m.def("bucket_pairs", &BucketPairs);
  m.def("gather_sets", &GatherSets);
  m.def("assemble_groups", &AssembleGroups);
  m.def("dedup_json", &DedupJson);
  py::class_<PySketcher>(m, "Sketcher")
      .def(py::init<const py::dict&, uint64_t, U64, U32>(), py::arg("options"),
           py::arg("documents"), py::arg("keys"), py::arg("counts"))
      .def("banding", &PySketcher::Banding)
      .def("threshold", &PySketcher::Threshold)
      .def("band_keys", &PySketcher::BandKeys)
      .def("verify", &PySketcher::Verify);
  py::class_<PyPartition>(m, "Partition")
      .def(py::init([](py::handle items, const py::dict& options) {
             PyPartition p(items, options);
             p.set_options(options);
             return p;
           }),
           py::arg("items"), py::arg("options"))
      .def_property_readonly("records", &PyPartition::records)
      .def("__len__", &PyPartition::size)
      .def("ids", &PyPartition::Ids)
      .def("index", &PyPartition::Index)
      .def("skipped", &PyPartition::SkippedRecords)
      .def("line_keys", &PyPartition::LineKeys)
      .def("sketch", &PyPartition::Sketch)
      .def(py::pickle([](const PyPartition& p) { return p.Dump(); },
                      [](const py::bytes& b) { return PyPartition::Load(b); }));
}

}  // namespace precis::python
