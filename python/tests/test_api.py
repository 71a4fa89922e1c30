"""precis.dedup / cluster / digest / signatures against the CLI's --format json."""

import re
import threading
import warnings

import numpy as np
import pytest

import precis
from conftest import cli_json, run_cli, write_jsonl

# Each test that reads the awkward corpus skips its bad records; the one
# test about skipping checks the warnings.
pytestmark = pytest.mark.filterwarnings("ignore::precis.SkippedWarning")


def quiet(fn, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", precis.SkippedWarning)
        return fn(*args, **kwargs)


def test_version_is_the_cli_version():
    out, _, code = run_cli("--version")
    assert code == 0
    assert out.decode().split()[-1] == precis.__version__


def test_seeds_as_the_cli_gives_them(seeds):
    records, path = seeds
    assert precis.dedup(records) == cli_json("dedup", "--format", "json", path)
    assert precis.cluster(records) == cli_json("cluster", path)
    digest = precis.digest(records)
    want = cli_json("digest", "--format", "json", path)
    # The one difference: a document read from a file names it ("path").
    for d in want["documents"]:
        assert d.pop("path") == path
    for d in digest["documents"]:
        assert d.pop("path") == ""
    assert digest == want


@pytest.mark.parametrize("options,flags", [
    ({}, []),
    ({"threshold": 0.7, "shingle_size": 5, "containment": False},
     ["--threshold", "0.7", "--shingle-size", "5", "--no-containment"]),
    ({"char_shingles": 5, "signature_size": 64, "seed": 7, "containment_threshold": 0.9},
     ["--char-shingles", "5", "--signature-size", "64", "--seed", "7",
      "--containment-threshold", "0.9"]),
    ({"lang": "fr", "threads": 1}, ["--lang", "fr", "--threads", "1"]),
])
def test_dedup_equals_the_cli(corpus, options, flags):
    records, path = corpus
    result = quiet(precis.dedup, records, **options)
    assert result == cli_json("dedup", "--format", "json", path, *flags)
    assert len(result["near_duplicate_groups"]) > 50
    # The 80 edited copies: buckets larger than the window LSH pairs whole.
    assert any(len(g["members"]) > 65 for g in result["near_duplicate_groups"])


@pytest.mark.parametrize("options,flags", [
    ({}, []),
    ({"threshold": 0.6, "story_threshold": 0.2, "story_prior_pairs": 1},
     ["--threshold", "0.6", "--story-threshold", "0.2", "--story-prior-pairs", "1"]),
    ({"threshold": 0.25}, ["--threshold", "0.25"]),
    ({"method": "Streaming"}, ["--method", "streaming"]),
])
def test_cluster_equals_the_cli(corpus, options, flags):
    records, path = corpus
    assert quiet(precis.cluster, records, **options) == cli_json("cluster", path, *flags)


@pytest.mark.parametrize("options,flags", [
    ({}, []),
    ({"words": 60, "min_sources": 2, "no_timeline": True, "title": "Today"},
     ["--words", "60", "--min-sources", "2", "--no-timeline", "--title", "Today"]),
    ({"sentences": 2, "method": "streaming"}, ["-n", "2", "--method", "streaming"]),
])
def test_digest_equals_the_cli(corpus, options, flags):
    records, path = corpus
    got = quiet(precis.digest, records, **options)
    want = cli_json("digest", "--format", "json", path, *flags)
    for d in want["documents"]:
        d["path"] = ""
    assert got == want


def test_skipped_records_are_those_the_cli_skips(corpus):
    records, path = corpus
    with pytest.warns(precis.SkippedWarning) as caught:
        result = precis.dedup(records)
    _, err, code = run_cli("dedup", "-q", "--format", "json", path)
    assert code == 2
    cli = []
    for line in err.splitlines():
        m = re.match(re.escape(path) + r":(\d+): (.*) \(skipped\)$", line)
        assert m, line
        cli.append((int(m.group(1)) - 1, m.group(2)))

    def same_place(reason):  # "first read from FILE:LINE" vs "docs[INDEX]"
        return re.sub(r"first read from \S+\)", "first read from X)", reason)

    assert [(s.index, same_place(s.reason)) for s in result.skipped] == \
        [(i, same_place(r)) for i, r in cli]
    assert len(caught) == len(result.skipped) == 11
    dup = [s for s in result.skipped if "duplicate" in s.reason]
    assert all(re.search(r"first read from docs\[\d+\]", s.reason) for s in dup)
    assert {s.id for s in result.skipped} >= {"no-text", "both", None}


@pytest.mark.parametrize("command,options,message", [
    (precis.dedup, {"bogus": 1}, "unknown option 'bogus'"),
    (precis.dedup, {"threshold": 0}, r"threshold: 0\.0 is not in \(0, 1\]"),
    (precis.dedup, {"threshold": "high"}, "threshold: expected a number"),
    (precis.dedup, {"shingle_size": 40}, r"shingle_size: 40 is not in \[1, 32\]"),
    (precis.dedup, {"shingle_size": 2.5}, "shingle_size: expected an integer"),
    (precis.dedup, {"containment": 1}, "containment: expected True or False"),
    (precis.dedup, {"threads": -1}, "threads: -1 is not in"),
    (precis.dedup, {"format": "md"}, "unknown option 'format'"),
    (precis.cluster, {"story_threshold": 0.8}, "story_threshold: 0.8 must be <= threshold"),
    (precis.cluster, {"threshold": 1.5}, "threshold: 1.5 is not in"),
    (precis.digest, {"words": -3}, "words: -3 is not in"),
    (precis.digest, {"method": "kmeans"}, "method: 'kmeans' is not one of"),
    (precis.digest, {"min_sources": 0}, "min_sources: 0 is not in"),
    (precis.signatures, {"signature_size": 4}, "signature_size: 4 is not in"),
])
def test_bad_options_raise_value_error_naming_them(seeds, command, options, message):
    with pytest.raises(ValueError, match=message) as e:
        command(seeds[0], **options)
    assert isinstance(e.value, precis.InvalidArgumentError)


def test_errors_carry_the_status_message(seeds):
    with pytest.raises(precis.Error, match="no-such.idf") as e:
        precis.cluster(seeds[0], idf="/no-such.idf")
    assert e.value.code in ("NotFound", "IOError")


def test_empty_input(tmp_path):
    empty = write_jsonl(tmp_path / "one.jsonl", [{"id": "a", "text": "Just one report here."}])
    got = precis.dedup([{"id": "a", "text": "Just one report here."}])
    assert got == cli_json("dedup", "--format", "json", empty)
    none = precis.dedup([])
    assert none["documents"] == 0 and none["near_duplicate_groups"] == []


def test_any_iterable_and_mappings(seeds):
    records = seeds[0]
    want = precis.dedup(records)
    assert precis.dedup(iter(records)) == want
    assert precis.dedup(dict(r) for r in records) == want
    assert precis.dedup(tuple(records)) == want


def test_signatures(corpus):
    records, _ = corpus
    sigs = quiet(precis.signatures, records)
    assert isinstance(sigs, np.ndarray) and sigs.dtype == np.uint32
    assert sigs.shape == (len(sigs.ids), 128)
    assert len(sigs.skipped) == 11 and len(sigs.ids) + len(sigs.skipped) == len(records)
    row = {i: n for n, i in enumerate(sigs.ids)}
    # Exact copies: equal signatures; an edited copy: a high estimate; two
    # different stories: a low one.
    copies = [i for i in sigs.ids if i.startswith("copy-of-")]
    assert len(copies) == 2
    for copy in copies:
        assert (sigs[row[copy]] == sigs[row[copy[len("copy-of-"):]]]).all()
    assert (sigs[row["edit-001"]] == sigs[row["edit-002"]]).mean() > 0.7
    first = records[1]["id"]
    others = [(sigs[row[first]] == sigs[row[r["id"]]]).mean() for r in records[300:340]
              if isinstance(r, dict) and r.get("id") in row]
    assert np.median(others) < 0.2
    # The same documents, the same signatures (and options change them).
    again = quiet(precis.signatures, records, threads=1)
    assert (again == sigs).all() and again.ids == sigs.ids
    assert quiet(precis.signatures, records, signature_size=64).shape[1] == 64
    assert not (quiet(precis.signatures, records, seed=9) == sigs).all()


def test_runs_beside_other_python_threads(corpus):
    # The C++ work releases the GIL: runs in four threads give the one answer.
    records, _ = corpus
    want = quiet(precis.dedup, records)
    results = [None] * 4
    ticks = []

    def run(i):
        results[i] = quiet(precis.dedup, records, threads=1)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    while any(t.is_alive() for t in threads):
        ticks.append(1)  # this thread keeps running meanwhile
        threading.Event().wait(0.01)
    for t in threads:
        t.join()
    assert all(r == want for r in results)
    assert len(ticks) > 3
