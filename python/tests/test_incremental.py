"""precis.IncrementalEngine against `precis ingest` and `precis digest --db`."""

import json
import threading

import pytest

import precis
from conftest import cli_json, run_cli, write_jsonl


@pytest.fixture(scope="module")
def feed(corpus):
    # The first 300 reports, an exact copy and a near copy of earlier ones
    # among them.
    records = [r for r in corpus[0] if isinstance(r, dict)][:300]
    return [r for r in records if isinstance(r.get("id"), str) and r.get("text", "").strip()]


def stored(*args):
    """`precis digest --db ...` JSON; its documents' paths ("stdin": the CLI
    read the feed there) are "" for reports added from Python."""
    digest = cli_json("digest", "--format", "json", *args)
    for d in digest["documents"]:
        assert d["path"] == "stdin"
        d["path"] = ""
    return digest


def test_add_returns_what_precis_ingest_prints(feed, tmp_path):
    path = write_jsonl(tmp_path / "feed.jsonl", feed)
    with open(path, "rb") as f:
        out, err, code = run_cli("ingest", "-q", "--db", str(tmp_path / "cli.db"), "-",
                                 stdin=f.read())
    assert code == 0, err
    want = [json.loads(line) for line in out.decode().splitlines()]
    engine = precis.IncrementalEngine(str(tmp_path / "py.db"))
    got = [engine.add(r) for r in feed]
    assert got == want
    assert len(engine) == len(feed)
    assert {g["fate"] for g in got} >= {"new_story", "joined_story", "near_duplicate"}
    # Re-sending a report gives its stored fate again, marked.
    again = engine.add(feed[0])
    assert again == dict(got[0], replay=True)
    # The digest of the database, as `precis digest --db` writes it.
    db = str(tmp_path / "cli.db")
    assert engine.digest() == stored("--db", db)
    assert engine.digest(words=40, min_sources=2) == stored("--db", db, "--words", "40",
                                                            "--min-sources", "2")
    since = engine.digest(since="2024-01-05")
    assert since == stored("--db", db, "--since", "2024-01-05")
    assert sum(len(s["documents"]) for s in since["stories"]) < len(feed)


def test_bad_documents_and_settings_raise(feed, tmp_path):
    engine = precis.IncrementalEngine("", lang="fr")
    with pytest.raises(ValueError, match='missing "text" or "html"'):
        engine.add({"id": "x"})
    with pytest.raises(precis.CorruptionError, match='"title" must be a string'):
        engine.add({"id": "x", "text": "t", "title": 3})
    engine.add(feed[0])
    with pytest.raises(precis.InvalidArgumentError, match="another text|already"):
        engine.add(dict(feed[0], text=feed[1]["text"]))
    with pytest.raises(ValueError, match="unknown option 'threshold'"):
        precis.IncrementalEngine("", threshold=0.3)
    with pytest.raises(ValueError, match="since"):
        engine.digest(since="yesterday-ish")
    with pytest.raises(ValueError, match="database file"):
        engine.digest(words=20)  # other summary settings need a reader on a file
    db = str(tmp_path / "one-writer.db")
    first = precis.IncrementalEngine(db)
    with pytest.raises(precis.FailedPreconditionError):
        precis.IncrementalEngine(db)
    del first


def test_several_python_threads(feed, tmp_path):
    engine = precis.IncrementalEngine(str(tmp_path / "threads.db"), threads=1)
    fates = {}
    digests = []

    def add(part):
        for r in part:
            fates[r["id"]] = engine.add(r)

    def read():
        for _ in range(5):
            digests.append(engine.digest(since="24h"))

    threads = [threading.Thread(target=add, args=(feed[i::4],)) for i in range(4)]
    threads.append(threading.Thread(target=read))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(engine) == len(feed) == len(fates)
    assert sorted(f["sequence"] for f in fates.values()) == list(range(1, len(feed) + 1))
    final = engine.digest()
    assert sum(len(s["documents"]) for s in final["stories"]) == len(feed)
