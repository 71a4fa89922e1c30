"""precis: near-duplicate detection, story clustering and merged digests of news.

The Python face of the precis C++ library (the same engine as the ``precis``
command; the C++ work runs with the GIL released)::

    import precis
    docs = [{"id": "afp-1", "title": "...", "text": "...", "date": "2024-04-02"}, ...]
    groups = precis.dedup(docs, threshold=0.5)      # = precis dedup --format json
    stories = precis.cluster(docs)                   # = precis cluster --format json
    digest = precis.digest(docs, words=100)          # = precis digest --format json
    sigs = precis.signatures(docs)                   # MinHash signatures, NumPy
    engine = precis.IncrementalEngine("news.db")     # = precis ingest / digest --db
    precis.dask.dedup(bag)                           # the same groups, on a Dask cluster

Documents are dicts with the JSON Lines fields: ``id`` (str or int), ``text``
or ``html`` (a raw page), and optionally ``title``, ``url``, ``date``,
``lang``; other keys are ignored. A record that cannot be used (no id, both
text and html, a duplicate id, ...) is skipped as the CLI skips it: the run
goes on, a ``precis.SkippedWarning`` reports it, and the result's
``skipped`` attribute lists it.

Options are the CLI's, as keyword arguments (``--min-sources 2`` is
``min_sources=2``); an unknown or invalid one raises
``precis.InvalidArgumentError``, a ValueError naming it. Other failures raise
a ``precis.Error`` subclass carrying the C++ status message.
"""

import collections
import json
import threading
import time
import warnings

import numpy

from . import _options, _precis

__all__ = [
    "dedup", "cluster", "digest", "signatures", "IncrementalEngine", "Result", "Signatures",
    "Skipped", "SkippedWarning", "Error", "InvalidArgumentError", "NotFoundError",
    "StorageError", "CorruptionError", "UnsupportedError", "ResourceExhaustedError",
    "FailedPreconditionError", "InternalError", "__version__",
]

__version__ = _precis.version()

Error = _precis.Error
InvalidArgumentError = _precis.InvalidArgumentError
NotFoundError = _precis.NotFoundError
StorageError = _precis.StorageError
CorruptionError = _precis.CorruptionError
UnsupportedError = _precis.UnsupportedError
ResourceExhaustedError = _precis.ResourceExhaustedError
FailedPreconditionError = _precis.FailedPreconditionError
InternalError = _precis.InternalError


class SkippedWarning(UserWarning):
    """A document was skipped (the CLI prints ``where: reason (skipped)``)."""


Skipped = collections.namedtuple("Skipped", "index id reason")
Skipped.__doc__ = """A skipped document: its position in ``docs`` (from 0), its id (None when
it gave none) and why it was skipped (the C++ status message)."""


class Result(dict):
    """The JSON output of a command, as a dict, plus ``skipped``: the list of
    skipped documents (precis.Skipped), in input order. Compares equal to the
    plain dict of the CLI's JSON."""

    def __init__(self, data, skipped):
        super().__init__(data)
        self.skipped = skipped


class Signatures(numpy.ndarray):
    """What precis.signatures returns: a NumPy uint32 array, documents x
    signature size, with ``ids`` (the id of each row) and ``skipped``."""

    def __new__(cls, array, ids, skipped):
        obj = numpy.asarray(array).view(cls)
        obj.ids, obj.skipped = ids, skipped
        return obj

    def __array_finalize__(self, obj):
        # Views and slices keep the attributes of the whole array.
        self.ids = getattr(obj, "ids", None)
        self.skipped = getattr(obj, "skipped", None)


def _skipped(raw, report=True):
    skipped = [Skipped(*s) for s in raw]
    if report:
        for s in skipped:
            warnings.warn(f"docs[{s.index}]: {s.reason} (skipped)", SkippedWarning, stacklevel=3)
    return skipped


def _run(command, docs, options):
    engine, digest_opts, _ = _options.parse(command, options)
    raw, skipped = _precis.run(docs, engine, command, digest_opts)
    return Result(json.loads(raw), _skipped(skipped))


def dedup(docs, **options):
    """Exact and near-duplicate groups: what ``precis dedup --format json`` prints.

    Options (those of ``precis dedup``): threshold (Jaccard, 0.5),
    shingle_size (3), char_shingles (0 = words), signature_size (128), seed,
    containment (True), containment_threshold (0.8), lang, threads (0 = all
    cores). Returns a precis.Result: {"precis", "options", "lsh",
    "documents", "exact_groups", "near_duplicate_groups"} (schema in
    engine/dedup/README.md).
    """
    return _run("dedup", docs, options)


def cluster(docs, **options):
    """Stories -> events -> near-duplicate groups: ``precis cluster --format json``.

    Options: threshold (event threshold), story_threshold,
    story_prior_pairs, idf (a model from ``precis idf build``), method
    ("agglomerative" or "streaming"), lang, threads. Returns a precis.Result: {"precis", "options", "documents",
    "stories"}.
    """
    return _run("cluster", docs, options)


def digest(docs, **options):
    """The merged digest: ``precis digest --format json``.

    Options: sentences (3), words (0 = use sentences), min_sources (1),
    single_story, no_timeline, title, method ("agglomerative" or
    "streaming"), lang, threads. Returns a precis.Result (schema in
    engine/output/digest.schema.json).
    """
    return _run("digest", docs, options)


def signatures(docs, **options):
    """MinHash signatures of the documents, as precis computes them for dedup.

    Returns a NumPy uint32 array (a precis.Signatures) of (documents read) x
    signature_size: row i is the document ``.ids[i]`` (documents in the
    order given, skipped ones left out; ``.skipped`` lists those).
    Options: those of dedup (shingle_size, char_shingles, signature_size,
    seed, lang, threads; the thresholds do not change signatures). The
    corpus counts for boilerplate removal (lines repeated across many
    documents are not content), so a document's signature depends on the
    corpus it is given with, as in ``precis dedup``.

    How they relate to datasketch's MinHash: both estimate the Jaccard
    similarity of two shingle sets as the fraction of positions where two
    signatures are equal, so ``(a == b).mean()`` is the estimate, with the
    same variance J(1-J)/k. They are not interchangeable with datasketch's
    values: datasketch hashes each shingle with k permutations (64-bit
    values, ``MinHash.hashvalues``), precis hashes each shingle once into one
    of k bins (one-permutation hashing with optimal densification, 32-bit
    values) and its shingles are normalised word 3-grams (NFKC, case folded)
    of the body without boilerplate. To use datasketch's LSH on them, wrap a
    row: ``datasketch.LeanMinHash(seed=1, hashvalues=row)`` and give
    ``MinHashLSH(num_perm=signature_size)`` only precis signatures, never a
    mix. A document without words has all values 0xFFFFFFFF (no signature:
    do not compare it).
    """
    engine, _, _ = _options.parse("signatures", options, "precis.signatures")
    array, ids, skipped = _precis.signatures(docs, engine)
    return Signatures(array, ids, _skipped(skipped))


def _since_day(since):
    """"24h", "7d" (hours or days back from now, UTC), a date, or a day string."""
    if since is None:
        return ""
    if hasattr(since, "isoformat"):
        return since.isoformat()[:10]
    if not isinstance(since, str):
        raise InvalidArgumentError(f"since: expected '24h', '7d' or 'YYYY-MM-DD', got {since!r}")
    if since[-1:] in ("h", "d"):
        try:
            n = float(since[:-1])
        except ValueError:
            n = -1.0
        if not n >= 0:
            raise InvalidArgumentError(f"since: {since!r}: give 24h, 7d or YYYY-MM-DD")
        hours = n if since.endswith("h") else n * 24
        return time.strftime("%Y-%m-%d", time.gmtime(time.time() - hours * 3600))
    return since


class IncrementalEngine:
    """A newsroom feed: ``precis ingest --db PATH`` and ``precis digest --db PATH``.

    ``IncrementalEngine(path, **options)`` creates or resumes the database
    at ``path`` ("" keeps it in memory) as its one writer. Options: lang,
    threads, sync (fsync every commit), and the digest options used by
    digest() by default (sentences, words, min_sources, single_story,
    no_timeline, title).

    ``add(doc)`` decides one report's fate at once and returns the dict
    ``precis ingest`` prints for it; a bad document raises (a ValueError
    subclass with the reason the CLI would skip it). ``digest(since=None,
    **options)`` returns the digest dict (``precis digest --db --format
    json``) of the stored reports, of the last ``"24h"``/``"7d"`` or since a
    day. Both may be called from several Python threads at once: the
    engine's work runs without the GIL, adds are serialised where they
    commit, and a digest reads one committed state.
    """

    def __init__(self, path, **options):
        engine, digest_opts, rest = _options.parse("ingest", options,
                                                   "precis.IncrementalEngine")
        self._path = path
        self._engine_options = engine
        self._digest_defaults = {
            k: v for k, v in options.items() if k in _options.COMMANDS["ingest-digest"]}
        self._engine = _precis.IncrementalEngine(path, engine, rest.get("sync", False), False)
        self._readers = {}
        self._lock = threading.Lock()

    @property
    def path(self):
        return self._path

    def __len__(self):
        return self._engine.size()

    def add(self, doc):
        """Adds one report (a dict) and returns its fate, as ``precis ingest`` prints it."""
        return json.loads(self._engine.add(doc))

    def digest(self, since=None, **options):
        """The digest of the stored reports (``precis digest --db PATH --format json``)."""
        given = dict(self._digest_defaults, **options)
        summary, digest_opts, _ = _options.parse("ingest-digest", given,
                                                 "precis.IncrementalEngine.digest")
        day = _since_day(since)
        defaults, _, _ = _options.parse("ingest-digest", self._digest_defaults)
        if summary == defaults:
            engine = self._engine
        else:
            # Summary settings are read when a snapshot is taken: another
            # set of them is a reader engine on the same database.
            if self._path == "":
                raise InvalidArgumentError(
                    "precis.IncrementalEngine.digest: summary options other than the engine's "
                    "need a database file; give them to IncrementalEngine(...) for an in-memory "
                    "one")
            key = tuple(sorted(summary.items()))
            with self._lock:
                engine = self._readers.get(key)
                if engine is None:
                    settings = dict(self._engine_options, **summary)
                    engine = _precis.IncrementalEngine(self._path, settings, False, True)
                    self._readers[key] = engine
        return json.loads(engine.digest(day, digest_opts))


def __getattr__(name):
    # precis.dask is imported on first use: Dask is not needed otherwise.
    if name == "dask":
        import importlib
        return importlib.import_module(".dask", __name__)
    raise AttributeError(f"module 'precis' has no attribute {name!r}")
