"""Shared fixtures: the CLI to compare with, and corpora as records and JSON Lines.

Run through ctest (python/CMakeLists.txt sets PYTHONPATH, PRECIS_CLI and
PRECIS_GEN_CORPUS) or by hand: tools/python -m pytest python/tests.
"""

import json
import os
import subprocess

import pytest

ROOT = os.environ.get("PRECIS_SOURCE_DIR",
                      os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
CLI = os.environ.get("PRECIS_CLI", os.path.join(ROOT, "build", "bin", "precis"))
GEN = os.environ.get("PRECIS_GEN_CORPUS", os.path.join(ROOT, "build", "bin", "precis-gen-corpus"))


def run_cli(*args, stdin=None):
    """Runs the precis CLI; returns (stdout, stderr, exit code)."""
    p = subprocess.run([CLI, *args], input=stdin, capture_output=True)
    return p.stdout, p.stderr.decode(), p.returncode


def cli_json(*args):
    out, err, code = run_cli(*args, "-q")
    assert code in (0, 2), err
    return json.loads(out)


def write_jsonl(path, records):
    with open(path, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return str(path)


def generated(tmp, n, seed):
    path = os.path.join(tmp, f"gen-{n}-{seed}.jsonl")
    subprocess.run([GEN, "-o", path, "-n", str(n), "--seed", str(seed), "-q"], check=True)
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def seed_records():
    """corpora/seeds as JSON Lines records (id = file name)."""
    folder = os.path.join(ROOT, "corpora", "seeds")
    records = []
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            records.append({"id": name, "text": f.read()})
    return records


def awkward(records):
    """`records` plus what the readers and dedup rules treat apart: a
    navigation line between paragraphs of many reports (only the corpus
    boilerplate rule drops it), 80 copies of one report with one word
    changed (LSH buckets over the 65 that are paired whole), exact copies,
    duplicate ids, a headline-only report, an HTML page, integer ids and bad
    records of every kind."""
    out = []
    for i, r in enumerate(records):
        r = dict(r)
        if i % 3 == 0 and "\n\n" in r.get("text", ""):
            cut = r["text"].index("\n\n")
            r["text"] = r["text"][:cut] + "\n\nAdvertisement - scroll to continue" + r["text"][cut:]
        out.append(r)
    base = records[1]
    words = base["text"].split(" ")
    for k in range(80):
        w = list(words)
        w[(7 * k) % len(w)] = f"changed{k}"
        out.insert((k * 37) % len(out), {"id": f"edit-{k:03d}", "title": base.get("title", ""),
                                         "text": " ".join(w)})
    # Exact copies (of reports without the inserted line) under other ids.
    for src, at in ((4, len(out)), (10, 5)):
        out.insert(at, {"id": "copy-of-" + records[src]["id"], "title": "Other headline",
                        "text": records[src]["text"]})
    out.append({"id": records[2]["id"], "text": "A later record with an id already read."})
    out.insert(len(out) // 2, {"id": records[4]["id"], "text": records[4]["text"]})
    out.append({"id": "headline-only", "title": "Storm closes the port of Brest", "text": ""})
    out.append({"id": "page-1", "url": "https://example.org/2024/03/02/storm.html",
                "html": "<html><head><title>Storm in Brest</title></head><body><p>The storm "
                        "closed the port of Brest on Tuesday, and the quays stayed shut.</p>"
                        "</body></html>"})
    out.append({"id": 12345, "text": records[6]["text"][:400], "lang": "fr"})
    out.extend([
        {"id": "no-text"},
        {"text": "no id at all"},
        {"id": "", "text": "empty id"},
        {"id": "both", "text": "x", "html": "<p>x</p>"},
        {"id": "bad-title", "title": 5, "text": "x"},
        {"id": True, "text": "a boolean id"},
        {"id": "empty", "text": "  ", "title": ""},
        "not a record",
        {"id": "nested", "text": ["a", "list"]},
    ])
    return out


@pytest.fixture(scope="session")
def corpus(tmp_path_factory):
    """A generated corpus with the awkward cases: (records, JSON Lines path)."""
    tmp = str(tmp_path_factory.mktemp("corpus"))
    records = awkward(generated(tmp, 1200, 5))
    return records, write_jsonl(os.path.join(tmp, "awkward.jsonl"), records)


@pytest.fixture(scope="session")
def seeds(tmp_path_factory):
    tmp = str(tmp_path_factory.mktemp("seeds"))
    records = seed_records()
    return records, write_jsonl(os.path.join(tmp, "seeds.jsonl"), records)
