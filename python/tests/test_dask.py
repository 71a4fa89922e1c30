"""precis.dask.dedup on a LocalCluster of 2 worker processes: the same result
as the CLI and precis.dedup, whatever the partitioning."""

import json

import dask
import dask.bag as db
import pytest

import precis
import precis.dask
from conftest import cli_json

pytestmark = [pytest.mark.filterwarnings("ignore::precis.SkippedWarning"),
              # distributed 2022.12 on tornado 6.2
              pytest.mark.filterwarnings("ignore:make_current is deprecated:DeprecationWarning")]


@pytest.fixture(scope="module")
def client():
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None)
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


def uneven(records, cuts):
    """A bag cut at the given positions (partitions of very different sizes,
    some empty)."""
    bounds = [0] + list(cuts) + [len(records)]
    parts = [records[a:b] for a, b in zip(bounds, bounds[1:])]
    return db.from_delayed([dask.delayed(list)(p) for p in parts])


@pytest.mark.parametrize("partitions", [1, 3, 7])
def test_equals_the_cli_whatever_the_partitions(client, corpus, partitions):
    records, path = corpus
    want = cli_json("dedup", "--format", "json", path)
    got = precis.dask.dedup(db.from_sequence(records, npartitions=partitions))
    assert got == want
    assert got.skipped == precis.dedup(records).skipped
    assert len(got.skipped) == 11
    assert got.stats["shuffle_bytes"]["bands"] > 0


def test_uneven_partitions_and_options(client, corpus):
    records, path = corpus
    bag = uneven(records, [0, 2, 500, 501, 1100])
    assert precis.dask.dedup(bag, threshold=0.7, shingle_size=4, containment=False) == cli_json(
        "dedup", "--format", "json", path, "--threshold", "0.7", "--shingle-size", "4",
        "--no-containment")


def test_bag_of_json_lines(client, corpus):
    # The usual way in: JSON Lines files read by dask.bag.
    records, path = corpus
    bag = db.read_text(path, blocksize=300_000).map(json.loads)
    assert bag.npartitions > 3
    assert precis.dask.dedup(bag) == cli_json("dedup", "--format", "json", path)


def test_local_scheduler_and_bad_options(corpus):
    records, _ = corpus
    with dask.config.set(scheduler="sync"):
        assert precis.dask.dedup(db.from_sequence(records[:400], npartitions=2)) == \
            precis.dedup(records[:400])
    with pytest.raises(ValueError, match="unknown option 'words'"):
        precis.dask.dedup(db.from_sequence(records[:10]), words=3)


def test_two_stage_exchanges(client, corpus, monkeypatch):
    # Large partition counts exchange through blocks (fewer tasks): the same.
    records, path = corpus
    monkeypatch.setattr(precis.dask, "TWO_STAGE_PIECES", 0)
    got = precis.dask.dedup(db.from_sequence(records, npartitions=7))
    assert got == cli_json("dedup", "--format", "json", path)
    assert got.skipped == precis.dedup(records).skipped


def test_partitions_travel_between_workers(corpus):
    # Dask pickles a read partition when it moves it: nothing is lost.
    import pickle

    import numpy as np
    from precis import _precis

    records, _ = corpus
    engine = {"threads": 1, "last_stage": "dedup", "lang": "fr"}
    part = _precis.Partition(records[:300] + records[-9:], engine)
    back = pickle.loads(pickle.dumps(part))
    assert back.records == part.records and len(back) == len(part)
    assert back.ids() == part.ids() and back.skipped() == part.skipped()
    assert (back.index() == part.index()).all()
    sketcher = _precis.Sketcher(engine, 0, np.zeros(0, np.uint64), np.zeros(0, np.uint32))
    keep = np.ones(len(part), bool)
    a, b = part.sketch(sketcher, keep), back.sketch(sketcher, keep)
    assert all((a[k] == b[k]).all() if hasattr(a[k], "all") else a[k] == b[k] for k in a)


def test_a_client_given_as_the_scheduler(client, corpus):
    # dask.config.set(scheduler=client), another way to pick a cluster: the
    # steps' results stay there as futures, the answer is the same.
    records, path = corpus
    with dask.config.set(scheduler=client):
        got = precis.dask.dedup(db.from_sequence(records, npartitions=4))
    assert got == cli_json("dedup", "--format", "json", path)
