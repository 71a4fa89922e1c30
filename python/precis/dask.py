"""precis.dask: near-duplicate detection over a dask.bag, on a Dask cluster.

    import dask.bag as db, json, precis.dask
    bag = db.read_text("crawl-*.jsonl", blocksize="64MiB").map(json.loads)
    groups = precis.dask.dedup(bag, threshold=0.5)

``precis.dask.dedup(bag, **options)`` returns what ``precis.dedup`` returns
for the same documents (in bag order), whatever the number of partitions and
workers: the same groups, canonical members, pairs, similarities, LSH
figures and skipped records. The corpus never comes to the client: every step
runs in tasks on the workers, and the client only receives a few counts, the
skipped records, one flag per partition and round of the connected
components, and the result. The steps (python/README.md gives their costs):

1. Read each partition (C++: the records' checks, HTML, dates).
2. Ids: a range-partitioned sort of the ids (splitters from a sample) gives
   every document its rank in id order, which is how the engine numbers
   documents, and drops duplicate ids (the first in bag order is kept).
3. Boilerplate: each partition counts its lines' keys; a shuffle by key sums
   them; the keys repeated in enough documents go to every partition.
4. Sketches (C++, precis/sketch.h): body hash, MinHash signature, shingle set.
5. Exact copies: a shuffle by body hash; all but the first of each exact
   group leave the LSH.
6. LSH: band keys shuffled by key, so each bucket is examined whole on one
   worker (C++: the bucket window); candidate pairs go to the partition of
   their first document, are made unique and carry its signature and
   shingle set to the partition of the second, where they are checked
   (prefilter, then the exact sets).
7. Groups: connected components of the accepted pairs and exact groups by
   alternating large-star / small-star rounds (Kiveris et al., 2014) over
   edges partitioned by node; each component's group is built in C++ by the
   engine's rules (canonical: most shingles, first on ties).

Options: those of ``precis.dedup``; ``threads`` is the C++ threads each task
uses (default 1: Dask's worker threads are the parallelism).
"""

import bisect
import collections
import json
import math
import operator
import threading
import time
import uuid
import warnings

import dask
import numpy as np
from dask.delayed import Delayed
from dask.highlevelgraph import HighLevelGraph

from . import Result, Skipped, SkippedWarning, _options, _precis

__all__ = ["dedup"]

_U32 = np.uint32
_I64 = np.int64

# ----------------------------------------------------------------- helpers --


def _nbytes(x):
    """Bytes of a shuffle piece (NumPy arrays, lists of str, nested)."""
    if isinstance(x, np.ndarray):
        return x.nbytes
    if isinstance(x, str):
        return len(x.encode("utf-8", "surrogatepass"))
    if isinstance(x, dict):
        return sum(_nbytes(v) for v in x.values())
    if isinstance(x, (list, tuple)):
        return sum(_nbytes(v) for v in x)
    return 8


class _Graph:
    """One low-level Dask graph, built as a dict. (Composing thousands of
    dask.delayed calls merges the graphs of their arguments at each call:
    the graph took 1.7 s to build at 16 partitions, growing as P^2.5.)

    Tasks refer to earlier tasks, and to the keys of the collections given as
    dependencies, by key."""

    def __init__(self, phase, *dependencies):
        self.name = f"precis-{phase}-{uuid.uuid4().hex}"
        self.dsk = {}
        self.dependencies = list(dependencies)

    def task(self, func, *args):
        key = (self.name, len(self.dsk))
        self.dsk[key] = (func,) + args
        return key

    def item(self, key, index):
        return self.task(operator.getitem, key, index)

    def delayed(self, keys):
        """Delayeds of `keys` (nested lists and dicts of keys keep their shape)."""
        graph = HighLevelGraph.from_collections(self.name, self.dsk,
                                                dependencies=self.dependencies)

        def wrap(x):
            if isinstance(x, list):
                return [wrap(k) for k in x]
            if isinstance(x, dict):
                return {n: wrap(k) for n, k in x.items()}
            return Delayed(x, graph, layer=self.name)
        return wrap(keys)


class _Runner:
    """Persists and computes nested lists of Delayeds on the scheduler dask
    would use. With a distributed Client, through the client itself, so that
    persisted results stay on the workers as futures even when the client is
    not the default one (dask.persist given another client's get would bring
    every result to this process)."""

    def __init__(self):
        self.client = None
        scheduler = dask.config.get("scheduler", None)
        try:
            from distributed import Client, default_client
        except ImportError:
            return
        if isinstance(scheduler, Client):
            self.client = scheduler
        elif scheduler in ("dask.distributed", "distributed"):
            self.client = default_client()

    def persist(self, nested):
        leaves = _flatten(nested)
        if self.client is not None:
            done = self.client.persist(leaves)
        else:
            done = dask.persist(*leaves)
        return _unflatten(nested, iter(done))

    def compute(self, nested):
        leaves = _flatten(nested)
        if self.client is not None:
            done = self.client.compute(leaves, sync=True)
        else:
            done = dask.compute(*leaves)
        return _unflatten(nested, iter(done))


def _flatten(nested):
    if isinstance(nested, list):
        return [leaf for x in nested for leaf in _flatten(x)]
    return [nested]


def _unflatten(nested, leaves):
    if isinstance(nested, list):
        return [_unflatten(x, leaves) for x in nested]
    return next(leaves)


def _keys(delayeds):
    return [d.key for d in delayeds]


# Above this many pieces (inputs x outputs) an exchange goes in two stages.
TWO_STAGE_PIECES = 4096


def _shuffle(g, inputs, split, combine, width, split_extra=None, combine_extra=None):
    """All-to-all exchange in graph g. For each input key x_i, split(x_i, i,
    width, *split_extra(i)) returns `width` pieces; for each r, combine(pieces,
    r, *combine_extra(r)) gets piece r of every input, in input order.
    Returns the `width` combined keys and the key of the total bytes of the
    pieces.

    One stage takes a task per piece (inputs x width of them: a thousand
    partitions would make a million tasks, more than a scheduler gets
    through in reasonable time); past TWO_STAGE_PIECES, pieces go through
    blocks instead: each input sends one block per sqrt(width) outputs, a
    task per sqrt(inputs) inputs and block regroups them, each output takes
    its list from every such task: about 2 * inputs * sqrt(width) tasks, for
    every byte moved twice."""
    split_extra = split_extra or (lambda i: ())
    combine_extra = combine_extra or (lambda r: ())
    n = len(inputs)
    if n * width <= TWO_STAGE_PIECES:
        split_out = [g.task(_measured, split, x, i, width, *split_extra(i))
                     for i, x in enumerate(inputs)]
        pieces = [[g.item(s, r) for r in range(width)] for s in split_out]
        combined = [g.task(combine, [pieces[i][r] for i in range(n)], r, *combine_extra(r))
                    for r in range(width)]
        return combined, g.task(sum, [g.item(s, width) for s in split_out])
    per_block = math.isqrt(width - 1) + 1  # outputs per block
    blocks = -(-width // per_block)
    per_group = math.isqrt(n - 1) + 1  # inputs per regrouping task
    split_out = [g.task(_measured_blocks, split, x, i, width, per_block, *split_extra(i))
                 for i, x in enumerate(inputs)]
    regrouped = []  # [input group][block][output in block] -> list of pieces
    for k in range(0, n, per_group):
        row = []
        for j in range(blocks):
            size = min(per_block, width - j * per_block)
            lists = g.task(_regroup, [g.item(split_out[i], j) for i in range(k, min(n, k + per_group))])
            row.append([g.item(lists, t) for t in range(size)])
        regrouped.append(row)
    combined = [g.task(_combine_lists, combine,
                       [row[r // per_block][r % per_block] for row in regrouped], r,
                       *combine_extra(r)) for r in range(width)]
    return combined, g.task(sum, [g.item(s, blocks) for s in split_out])


def _measured(split, x, i, width, *extra):
    """split's pieces, and their bytes."""
    pieces = tuple(split(x, i, width, *extra))
    return pieces + (sum(_nbytes(p) for p in pieces),)


def _measured_blocks(split, x, i, width, g, *extra):
    """split's pieces in blocks of g outputs, and their bytes."""
    pieces = tuple(split(x, i, width, *extra))
    blocks = tuple(pieces[j:j + g] for j in range(0, width, g))
    return blocks + (sum(_nbytes(p) for p in pieces),)


def _regroup(blocks):
    """Blocks of several inputs -> for each output of the block, its pieces."""
    return tuple([b[t] for b in blocks] for t in range(len(blocks[0])))


def _combine_lists(combine, lists, r, *extra):
    return combine([p for piece_list in lists for p in piece_list], r, *extra)


def _concat(arrays, dtype):
    arrays = [np.asarray(a, dtype=dtype) for a in arrays if len(a)]
    return np.concatenate(arrays) if arrays else np.zeros(0, dtype=dtype)


def _split_by(key, width, columns):
    """The rows of `columns` (a dict of equal-length arrays), cut by key % width."""
    target = np.asarray(key).astype(np.uint64) % np.uint64(width)
    # A stable sort of small integers is a radix sort in NumPy.
    target = target.astype(np.uint16 if width <= 1 << 16 else _I64)
    order = np.argsort(target, kind="stable")
    bounds = np.searchsorted(target[order], np.arange(width + 1))
    return tuple({name: np.asarray(col)[order[bounds[r]:bounds[r + 1]]]
                  for name, col in columns.items()} for r in range(width))


def _merge(pieces, dtypes):
    return {n: _concat([p[n] for p in pieces], t) for n, t in dtypes.items()}


def _gather_sets(offsets, values, rows):
    """The shingle sets of `rows` (offsets into values) as new (offsets, values)."""
    return _precis.gather_sets(offsets, values, np.asarray(rows, dtype=_I64))


def _rows_of(sk, ranks):
    """The rows of a partition's sketches holding `ranks`."""
    return sk["order"][np.searchsorted(sk["sorted_rank"], ranks)].astype(_I64)


_SKETCHERS = collections.OrderedDict()
_SKETCHERS_LOCK = threading.Lock()


def _sketcher(engine, documents=0, lines=None):
    """A _precis.Sketcher for these settings and corpus lines, kept per
    worker process (making one loads the text analyser)."""
    keys = lines["keys"] if lines else np.zeros(0, np.uint64)
    counts = lines["counts"] if lines else np.zeros(0, _U32)
    key = (tuple(sorted(engine.items())), documents, keys.tobytes(), counts.tobytes())
    with _SKETCHERS_LOCK:
        s = _SKETCHERS.get(key)
        if s is not None:
            _SKETCHERS.move_to_end(key)
            return s
    s = _precis.Sketcher(engine, documents, keys, counts)
    with _SKETCHERS_LOCK:
        _SKETCHERS[key] = s
        while len(_SKETCHERS) > 4:
            _SKETCHERS.popitem(last=False)
    return s

# ------------------------------------------------------------ 1. reading --


def _read(items, engine):
    return _precis.Partition(items, engine)


def _part_info(part):
    """Records read and records skipped (their index in the partition)."""
    return {"records": part.records, "skipped": part.skipped()}

# ------------------------------------------------------------------ 2. ids --


def _sample(part, k):
    ids = sorted(set(part.ids()))
    return ids if len(ids) <= k else [ids[(i * len(ids)) // k] for i in range(k)]


def _splitters(samples, width):
    ids = sorted(set(i for s in samples for i in s))
    if width <= 1 or not ids:
        return []
    return [ids[(r * len(ids)) // width] for r in range(1, width)]


def _split_ids(part, p, width, splitters):
    ids = part.ids()
    record = part.index().astype(_I64)
    target = np.fromiter((bisect.bisect_right(splitters, i) for i in ids), dtype=_I64,
                         count=len(ids))
    out = []
    for r in range(width):
        rows = np.nonzero(target == r)[0]
        out.append({"ids": [ids[i] for i in rows], "doc": rows.astype(_I64),
                    "record": record[rows], "p": p})
    return tuple(out)


def _rank_range(pieces, r):
    """One range of ids, sorted; the first of each id in bag order is kept,
    the others are duplicates of it."""
    rows = [(id_, piece["p"], int(rec), int(doc)) for piece in pieces
            for id_, rec, doc in zip(piece["ids"], piece["record"], piece["doc"])]
    rows.sort()
    kept_p, kept_doc, dups = [], [], []
    first = None
    for id_, p, rec, doc in rows:
        if first is not None and first[0] == id_:
            dups.append({"p": p, "doc": doc, "record": rec, "id": id_,
                         "first": (first[1], first[2])})
            continue
        first = (id_, p, rec)
        kept_p.append(p)
        kept_doc.append(doc)
    return {"p": np.asarray(kept_p, _I64), "doc": np.asarray(kept_doc, _I64), "dups": dups}


def _range_size(rng):
    return len(rng["p"])


def _prefix(counts):
    return [0] + np.cumsum(counts).tolist()


def _split_ranks(rng, r, width, offsets):
    ranks = offsets[r] + np.arange(len(rng["p"]), dtype=_I64)
    out = _split_by(rng["p"], width, {"doc": rng["doc"], "rank": ranks})
    for q in range(width):
        out[q]["dups"] = [d for d in rng["dups"] if d["p"] == q]
    return out


def _gather_ranks(pieces, q, part):
    ranks = np.full(len(part), -1, _I64)
    dups = []
    for piece in pieces:
        ranks[piece["doc"]] = piece["rank"]
        dups.extend(piece["dups"])
    return {"ranks": ranks, "dups": dups}


def _dups(ranks):
    return ranks["dups"]

# -------------------------------------------------------- 3. boilerplate --


def _line_split(part, p, width, ranks, engine):
    keys, counts = part.line_keys(_sketcher(engine), ranks["ranks"] >= 0)
    return _split_by(keys, width, {"keys": keys, "counts": counts})


def _line_count(pieces, r, documents, engine):
    """Document counts of a share of line keys; only the repeated ones stay."""
    m = _merge(pieces, {"keys": np.uint64, "counts": np.uint64})
    keys, inverse = np.unique(m["keys"], return_inverse=True)
    counts = np.bincount(inverse, weights=m["counts"], minlength=len(keys)).astype(_U32)
    keep = counts >= _sketcher(engine).threshold(documents)
    return {"keys": keys[keep], "counts": counts[keep]}


def _repeated_lines(shares):
    m = _merge(shares, {"keys": np.uint64, "counts": _U32})
    order = np.argsort(m["keys"])
    return {"keys": m["keys"][order], "counts": m["counts"][order]}

# ------------------------------------------------------------ 4. sketches --


def _sketch(part, ranks, lines, documents, engine):
    keep = ranks["ranks"] >= 0
    sk = part.sketch(_sketcher(engine, documents, lines), keep)
    sk["rank"] = ranks["ranks"][keep].astype(_U32)
    sk["order"] = np.argsort(sk["rank"], kind="stable")
    sk["sorted_rank"] = sk["rank"][sk["order"]]
    return sk

# ------------------------------------------------------- 5. exact copies --


_EXACT = {"hi": np.uint64, "lo": np.uint64, "rank": _I64, "p": _I64, "row": _I64,
          "shingles": _U32}


def _exact_split(sk, p, width):
    rows = np.nonzero(sk["shingles"] > 0)[0]
    cols = {"hi": sk["hash_high"][rows], "lo": sk["hash_low"][rows],
            "rank": sk["rank"][rows].astype(_I64), "p": np.full(len(rows), p, _I64),
            "row": rows.astype(_I64), "shingles": sk["shingles"][rows]}
    return _split_by(cols["hi"] ^ cols["lo"], width, cols)


def _exact_groups(pieces, r):
    """The exact groups of a share of body hashes: each member, with its
    group's canonical (the first by rank)."""
    m = _merge(pieces, _EXACT)
    order = np.lexsort((m["rank"], m["lo"], m["hi"]))
    m = {k: v[order] for k, v in m.items()}
    n = len(m["rank"])
    new = np.ones(n, bool)
    new[1:] = (m["hi"][1:] != m["hi"][:-1]) | (m["lo"][1:] != m["lo"][:-1])
    group = np.cumsum(new) - 1
    sizes = np.bincount(group) if n else np.zeros(0, _I64)
    in_group = sizes[group] > 1 if n else np.zeros(0, bool)
    out = {k: v[in_group] for k, v in m.items()}
    out["canonical"] = m["rank"][np.nonzero(new)[0]][group][in_group] if n else \
        np.zeros(0, _I64)
    return out


def _exact_back(eg, r, width):
    """The members that are not their group's canonical, to their partitions."""
    rows = eg["rank"] != eg["canonical"]
    return _split_by(eg["p"][rows], width, {"row": eg["row"][rows]})


def _lsh_rows(pieces, q, sk):
    """Which rows of a partition take part in LSH: words, and first of their
    exact group."""
    mask = sk["shingles"] > 0
    for piece in pieces:
        mask[piece["row"]] = False
    return mask


def _exact_output(eg):
    """The exact groups of a share, as lists of ranks (canonical first)."""
    if len(eg["rank"]) == 0:
        return []
    order = np.lexsort((eg["rank"], eg["canonical"]))
    canon, rank = eg["canonical"][order], eg["rank"][order]
    starts = np.nonzero(np.concatenate([[True], canon[1:] != canon[:-1]]))[0]
    ends = np.concatenate([starts[1:], [len(canon)]])
    return [rank[s:e].tolist() for s, e in zip(starts, ends)]

# ------------------------------------------------------------------ 6. LSH --


_BAND = {"key": np.uint64, "band": np.uint16, "rank": _U32, "p": _U32}


def _band_split(sk, p, width, mask, engine):
    rows = np.nonzero(mask)[0]
    keys = _sketcher(engine).band_keys(sk["signatures"][rows])
    bands = keys.shape[1]
    cols = {"key": keys.reshape(-1), "band": np.tile(np.arange(bands, dtype=np.uint16), len(rows)),
            "rank": np.repeat(sk["rank"][rows], bands), "p": np.full(len(rows) * bands, p, _U32)}
    return _split_by(cols["key"], width, cols)


def _buckets(pieces, r):
    """The candidate pairs of a share of buckets (C++: the bucket window)."""
    m = _merge(pieces, _BAND)
    a, b, pa, pb = _precis.bucket_pairs(m["band"].astype(_U32), m["key"], m["rank"], m["p"])
    return {"a": a, "b": b, "pa": pa, "pb": pb}


_PAIR = {"a": _U32, "b": _U32, "pa": _U32, "pb": _U32}


def _by_first(c, r, width):
    return _split_by(c["pa"], width, c)


def _with_first(pieces, p, sk):
    """The candidates whose first document is here, made unique (a pair is
    in several buckets), with that document's signature and shingle set."""
    m = _merge(pieces, _PAIR)
    packed = (m["a"].astype(np.uint64) << np.uint64(32)) | m["b"].astype(np.uint64)
    packed, first = np.unique(packed, return_index=True)
    a = (packed >> np.uint64(32)).astype(_U32)
    b = (packed & np.uint64(0xFFFFFFFF)).astype(_U32)
    rows = _rows_of(sk, a)
    return {"a": a, "b": b, "pb": m["pb"][first], "row": rows, "candidates": len(a)}


def _by_second(c, p, width, sk):
    out = []
    target = c["pb"].astype(_I64)
    for q in range(width):
        sel = np.nonzero(target == q)[0]
        rows = c["row"][sel]
        offsets, values = _gather_sets(sk["set_offsets"], sk["set_values"], rows)
        out.append({"a": c["a"][sel], "b": c["b"][sel], "sig": sk["signatures"][rows],
                    "shingles": sk["shingles"][rows], "set_offsets": offsets,
                    "set_values": values, "pa": np.full(len(sel), p, _I64), "row_a": rows})
    return tuple(out)


def _verify(pieces, q, sk, engine):
    """Checks the candidates whose second document is here: prefilter on
    the signatures, then the exact shingle sets (C++)."""
    k = sk["signatures"].shape[1]
    a = _concat([p["a"] for p in pieces], _U32)
    b = _concat([p["b"] for p in pieces], _U32)
    sig_a = np.concatenate([p["sig"].reshape(-1, k) for p in pieces]) if pieces else \
        np.zeros((0, k), _U32)
    shingles_a = _concat([p["shingles"] for p in pieces], _U32)
    pa = _concat([p["pa"] for p in pieces], _I64)
    row_a = _concat([p["row_a"] for p in pieces], _I64)
    values_a = _concat([p["set_values"] for p in pieces], _U32)
    offsets_a = np.zeros(len(a) + 1, np.uint64)
    at, base = 1, 0
    for p in pieces:
        o = p["set_offsets"]
        offsets_a[at:at + len(o) - 1] = o[1:] + np.uint64(base)
        at += len(o) - 1
        base += int(o[-1])
    rows_b = _rows_of(sk, b)
    offsets_b, values_b = _gather_sets(sk["set_offsets"], sk["set_values"], rows_b)
    worth, est, jac, cont, accepted = _sketcher(engine).verify(
        sig_a, shingles_a, offsets_a, values_a, sk["signatures"][rows_b],
        sk["shingles"][rows_b], offsets_b, values_b, int(engine.get("threads", 1)))
    acc = np.nonzero(accepted)[0]
    nodes = {"rank": np.concatenate([a[acc], b[acc]]).astype(_I64),
             "p": np.concatenate([pa[acc], np.full(len(acc), q, _I64)]),
             "row": np.concatenate([row_a[acc], rows_b[acc]]),
             "shingles": np.concatenate([shingles_a[acc], sk["shingles"][rows_b[acc]]])}
    pairs = {"a": a[acc].astype(_I64), "b": b[acc].astype(_I64), "est": est[acc],
             "jac": jac[acc], "cont": cont[acc]}
    return {"verified": int(worth.sum()), "nodes": nodes, "pairs": pairs}


def _candidates(c):
    return c["candidates"]


def _verified(v):
    return v["verified"]

# ------------------------------------------------ 7. connected components --


_NODE = {"rank": _I64, "p": _I64, "row": _I64, "shingles": _U32}
_PAIRS = {"a": _I64, "b": _I64, "est": np.float64, "jac": np.float64, "cont": np.float64}
_EXACT_ROWS = {"canonical": _I64, "member": _I64}
_EDGE = {"x": _I64, "y": _I64}


def _graph_split(x, i, width):
    """A verify output (accepted pairs) or an exact output (exact groups):
    its edges, nodes, pairs and exact rows, placed by node."""
    if "nodes" in x:
        nodes, pairs = x["nodes"], x["pairs"]
        u, v = pairs["a"], pairs["b"]
        exact = {k: np.zeros(0, t) for k, t in _EXACT_ROWS.items()}
    else:
        nodes = {k: x[k] for k in _NODE}
        pairs = {k: np.zeros(0, t) for k, t in _PAIRS.items()}
        others = x["rank"] != x["canonical"]
        u, v = x["canonical"][others], x["rank"][others]
        exact = {"canonical": x["canonical"], "member": x["rank"]}
    edges = _split_by(u, width, {"x": u, "y": v})
    nodes = _split_by(nodes["rank"], width, nodes)
    pairs = _split_by(pairs["a"], width, pairs)
    exact = _split_by(exact["member"], width, exact)
    return tuple({"edges": edges[r], "nodes": nodes[r], "pairs": pairs[r], "exact": exact[r]}
                 for r in range(width))


def _graph_combine(pieces, r):
    return {"edges": _merge([p["edges"] for p in pieces], _EDGE),
            "nodes": _merge([p["nodes"] for p in pieces], _NODE),
            "pairs": _merge([p["pairs"] for p in pieces], _PAIRS),
            "exact": _merge([p["exact"] for p in pieces], _EXACT_ROWS)}


def _edges_of(state):
    return state["edges"]


def _by_node(x, y):
    """Directed edges (x, y), unique, sorted by x; and where each x starts."""
    order = np.lexsort((y, x))
    x, y = x[order], y[order]
    keep = np.ones(len(x), bool)
    keep[1:] = (x[1:] != x[:-1]) | (y[1:] != y[:-1])
    x, y = x[keep], y[keep]
    starts = np.nonzero(np.concatenate([[True], x[1:] != x[:-1]]))[0] if len(x) else \
        np.zeros(0, _I64)
    return x, y, starts


def _both_ways(e, i, width):
    """Undirected edges as directed both ways, placed by their first node."""
    x = np.concatenate([e["x"], e["y"]])
    y = np.concatenate([e["y"], e["x"]])
    return _split_by(x, width, {"x": x, "y": y})


def _large_star(pieces, r):
    """Large-star: a node links its larger neighbours to the smallest node of
    its neighbourhood. `done`: the input was already stars around their
    minima (every node a root with larger neighbours only, or a leaf with one
    smaller neighbour); then `labels` gives each node its component's
    smallest node."""
    e = _merge(pieces, _EDGE)
    x, y, starts = _by_node(e["x"], e["y"])
    if len(x) == 0:
        return {"x": x, "y": y, "done": True, "node": x, "label": y}
    gmin = np.minimum.reduceat(y, starts)
    sizes = np.diff(np.append(starts, len(x)))
    gx = x[starts]
    m = np.minimum(gmin, gx)
    group = np.repeat(np.arange(len(starts)), sizes)
    up = y > x
    root = gmin > gx
    leaf = (sizes == 1) & (gmin < gx)
    return {"x": y[up], "y": m[group][up], "done": bool(np.all(root | leaf)), "node": gx,
            "label": m}


def _is_done(ls):
    return ls["done"]


def _by_larger(e, i, width):
    hi = np.maximum(e["x"], e["y"])
    lo = np.minimum(e["x"], e["y"])
    return _split_by(hi, width, {"x": hi, "y": lo})


def _small_star(pieces, r):
    """Small-star: a node links itself and its smaller neighbours to the
    smallest of them."""
    e = _merge(pieces, _EDGE)
    x, y, starts = _by_node(e["x"], e["y"])
    if len(x) == 0:
        return {"x": x, "y": y}
    gmin = np.minimum.reduceat(y, starts)
    sizes = np.diff(np.append(starts, len(x)))
    m = np.repeat(gmin, sizes)
    keep = y != m
    return {"x": np.concatenate([y[keep], x[starts]]), "y": np.concatenate([m[keep], gmin])}

# ------------------------------------------------------- 8. the groups --


def _label_split(state, r, width, ls):
    """The nodes, pairs and exact rows placed here, with their component's
    label (its smallest node), placed by label."""
    order = np.argsort(ls["node"])
    node, label = ls["node"][order], ls["label"][order]

    def label_of(ranks):
        return label[np.searchsorted(node, ranks)]

    ranks, first = np.unique(state["nodes"]["rank"], return_index=True)
    nodes = {k: v[first] for k, v in state["nodes"].items()}
    nodes["label"] = label_of(ranks)
    pairs = dict(state["pairs"], label=label_of(state["pairs"]["a"]))
    exact = dict(state["exact"], label=label_of(state["exact"]["member"]))
    n = _split_by(nodes["label"], width, nodes)
    p = _split_by(pairs["label"], width, pairs)
    e = _split_by(exact["label"], width, exact)
    return tuple({"nodes": n[q], "pairs": p[q], "exact": e[q]} for q in range(width))


def _assemble(pieces, r):
    """The near-duplicate groups of the components labelled here, by the
    engine's rules (C++: members, canonical, pairs)."""
    nodes = _merge([p["nodes"] for p in pieces], dict(_NODE, label=_I64))
    pairs = _merge([p["pairs"] for p in pieces], dict(_PAIRS, label=_I64))
    exact = _merge([p["exact"] for p in pieces], dict(_EXACT_ROWS, label=_I64))
    ranks, first = np.unique(nodes["rank"], return_index=True)
    nodes = {k: v[first] for k, v in nodes.items()}
    u32 = lambda a: np.asarray(a, _U32)  # noqa: E731
    names = ("canonical", "member_offsets", "members", "pair_offsets", "a", "b", "est", "jac",
             "cont")
    groups = dict(zip(names, _precis.assemble_groups(
        u32(nodes["label"]), u32(nodes["rank"]), u32(nodes["shingles"]),
        u32(pairs["label"]), u32(pairs["a"]), u32(pairs["b"]), pairs["est"], pairs["jac"],
        pairs["cont"], u32(exact["label"]), u32(exact["canonical"]), u32(exact["member"]))))
    groups["where"] = {"rank": nodes["rank"], "p": nodes["p"], "row": nodes["row"]}
    return groups


def _members_split(groups, r, width):
    """Each group member, to its partition for its id and date."""
    w = groups["where"]
    return _split_by(w["p"], width, {"rank": w["rank"], "row": w["row"]})


def _decorate(pieces, q, sk):
    rank = _concat([p["rank"] for p in pieces], _I64)
    row = _concat([p["row"] for p in pieces], _I64)
    return {"rank": rank, "ids": [sk["ids"][i] for i in row],
            "dates": [sk["dates"][i] for i in row],
            "sources": [sk["date_sources"][i] for i in row]}


def _meta(sk):
    """What the result needs of a partition's sketches (the ids and dates of
    its rows): the signatures and sets can go once the pairs are checked."""
    return {k: sk[k] for k in ("ids", "dates", "date_sources")}


def _groups_only(groups):
    return {k: v for k, v in groups.items() if k != "where"}

# ------------------------------------------------------------------ dedup --


def dedup(bag, **options):
    """Exact and near-duplicate groups of a dask.bag of document dicts.

    Returns a precis.Result equal to ``precis.dedup(bag.compute(),
    **options)`` (``precis dedup --format json``): the same groups, canonical
    members, pairs and similarities whatever the partitions and workers,
    with ``skipped`` as there. Runs on the current Dask scheduler (the
    distributed Client, if one is active); the corpus stays on the workers.
    Options: those of precis.dedup; ``threads`` is the C++ threads each task
    uses (default 1). ``result.stats``: bytes through each shuffle and the
    rounds of the connected components.
    """
    engine, _, _ = _options.parse("dedup", options, "precis.dask.dedup")
    engine.setdefault("threads", 1)
    # Every worker finds dates against the client's clock (a date after
    # tomorrow is never taken), not its own.
    engine["now"] = int(time.time())
    inputs = bag.__dask_keys__()
    P = R = len(inputs)
    volumes = {}

    g = _Graph("dedup", bag)
    # 1. Read each partition.
    parts = [g.task(_read, x, engine) for x in inputs]
    infos = [g.task(_part_info, p) for p in parts]
    # 2. Ranks in id order; duplicate ids out.
    splitters = g.task(_splitters, [g.task(_sample, p, 64) for p in parts], R)
    ranges, volumes["ids"] = _shuffle(g, parts, _split_ids, _rank_range, R,
                                      split_extra=lambda i: (splitters,))
    counts = [g.task(_range_size, rng) for rng in ranges]
    offsets = g.task(_prefix, counts)
    documents = g.task(sum, counts)
    ranks, volumes["ranks"] = _shuffle(g, ranges, _split_ranks, _gather_ranks, P,
                                       split_extra=lambda r: (offsets,),
                                       combine_extra=lambda q: (parts[q],))
    # 3. Lines repeated across the corpus (boilerplate).
    shares, volumes["lines"] = _shuffle(g, parts, _line_split, _line_count, R,
                                        split_extra=lambda q: (ranks[q], engine),
                                        combine_extra=lambda r: (documents, engine))
    lines = g.task(_repeated_lines, shares)
    # 4. Sketches.
    sks = [g.task(_sketch, parts[q], ranks[q], lines, documents, engine) for q in range(P)]
    # 5. Exact copies; all but the first of each leave the LSH.
    exact, volumes["exact"] = _shuffle(g, sks, _exact_split, _exact_groups, R)
    masks, volumes["exact_back"] = _shuffle(g, exact, _exact_back, _lsh_rows, P,
                                            combine_extra=lambda q: (sks[q],))
    # 6. Buckets; candidates to their first document's partition, then with
    #    its sketch to the second's, where they are checked.
    buckets, volumes["bands"] = _shuffle(g, sks, _band_split, _buckets, R,
                                         split_extra=lambda q: (masks[q], engine))
    firsts, volumes["candidates"] = _shuffle(g, buckets, _by_first, _with_first, P,
                                             combine_extra=lambda p: (sks[p],))
    checked, volumes["verify"] = _shuffle(g, firsts, _by_second, _verify, P,
                                          split_extra=lambda p: (sks[p],),
                                          combine_extra=lambda q: (sks[q], engine))
    # 7. The graph of accepted pairs and exact groups, placed by node.
    graph, volumes["graph"] = _shuffle(g, checked + exact, _graph_split, _graph_combine, R)
    small = g.task(_small, infos, [g.task(_dups, r) for r in ranks], documents,
                   [g.task(_candidates, f) for f in firsts],
                   [g.task(_verified, c) for c in checked],
                   [g.task(_exact_output, e) for e in exact], list(volumes),
                   list(volumes.values()))
    meta = [g.task(_meta, sk) for sk in sks]
    # Connected components: large-star, then small-star and large-star again
    # until the edges are stars. Each persist sends one graph (the first
    # steps and a large-star; then a small-star and a large-star) and waits
    # only for the round's flags.
    edges = [g.task(_edges_of, x) for x in graph]
    ls, ls_volume = _shuffle(g, edges, _both_ways, _large_star, R)
    done = [g.task(_is_done, x) for x in ls]
    run = _Runner()
    graph, meta, small, ls, done, cc_volumes = run.persist(g.delayed(
        [graph, meta, small, ls, done, [ls_volume]]))
    rounds = 1
    while not all(run.compute(done)):
        rounds += 1
        g = _Graph("stars", *ls)
        ss, ss_volume = _shuffle(g, _keys(ls), _by_larger, _small_star, R)
        ls, ls_volume = _shuffle(g, ss, _both_ways, _large_star, R)
        done = [g.task(_is_done, x) for x in ls]
        ls, done, volumes = run.persist(g.delayed([ls, done, [ss_volume, ls_volume]]))
        cc_volumes += volumes

    # 8. Each component's group; its members' ids and dates; the result.
    g = _Graph("groups", *graph, *ls, *meta, small, *cc_volumes)
    labels = _keys(ls)
    groups, labels_volume = _shuffle(g, _keys(graph), _label_split, _assemble, R,
                                     split_extra=lambda r: (labels[r],))
    decorated, members_volume = _shuffle(g, groups, _members_split, _decorate, P,
                                         combine_extra=lambda q: (_keys(meta)[q],))
    out = g.delayed([[g.task(_groups_only, x) for x in groups], decorated, labels_volume,
                     members_volume, g.task(_same, small.key), g.task(sum, _keys(cc_volumes))])
    groups, decorated, labels_volume, members_volume, small, cc_volume = run.compute(out)
    volumes = dict(small["volumes"], components=cc_volume, labels=labels_volume,
                   members=members_volume)
    return _result(engine, small, groups, decorated, volumes, rounds)


_PAIR_VALUES = {"a": _U32, "b": _U32, "est": np.float64, "jac": np.float64, "cont": np.float64}


def _ragged(offsets, order, columns):
    """Rows offsets[i]..offsets[i+1] of `columns`, for i in `order`: the new
    offsets and columns."""
    starts = offsets[:-1][order]
    lengths = (offsets[1:] - offsets[:-1])[order]
    new = np.zeros(len(order) + 1, np.uint64)
    np.cumsum(lengths, out=new[1:])
    idx = np.repeat(starts - new[:-1].astype(_I64), lengths) + np.arange(int(new[-1]),
                                                                         dtype=_I64)
    return new, [c[idx] for c in columns]


def _same(x):
    return x


def _small(infos, dups, documents, candidates, verified, exact, names, volumes):
    """What comes to the client after the first steps: a few numbers, the
    skipped records and the exact groups."""
    return {"infos": infos, "dups": dups, "documents": documents, "candidates": candidates,
            "verified": verified, "exact": exact, "volumes": dict(zip(names, volumes))}


def _result(engine, small, groups, decorated, volumes, rounds):
    """The JSON of precis dedup, written by the library from the groups."""
    documents = int(small["documents"])
    # The documents the groups name, by rank.
    ranks = _concat([d["rank"] for d in decorated], _I64)
    ranks, first = np.unique(ranks, return_index=True)
    ids = [x for d in decorated for x in d["ids"]]
    dates = [x for d in decorated for x in d["dates"]]
    sources = [x for d in decorated for x in d["sources"]]
    ids, dates, sources = ([v[i] for i in first.tolist()] for v in (ids, dates, sources))
    # Near-duplicate groups of every share, in order of their first member.
    canonical, mo, members, po, pairs = [], [], [], [], {k: [] for k in _PAIR_VALUES}
    m_base = p_base = 0
    for g in groups:
        canonical.append(g["canonical"])
        mo.append(g["member_offsets"][:-1].astype(_I64) + m_base)
        po.append(g["pair_offsets"][:-1].astype(_I64) + p_base)
        members.append(g["members"])
        for k in _PAIR_VALUES:
            pairs[k].append(g[k])
        m_base += len(g["members"])
        p_base += len(g["a"])
    canonical = _concat(canonical, _U32)
    mo = np.append(_concat(mo, _I64), m_base)
    po = np.append(_concat(po, _I64), p_base)
    members = _concat(members, _U32)
    pairs = {k: _concat(v, t) for (k, t), v in zip(_PAIR_VALUES.items(), pairs.values())}
    order = np.argsort(members[mo[:-1]], kind="stable") if len(canonical) else \
        np.zeros(0, _I64)
    member_offsets, (members,) = _ragged(mo, order, [members])
    pair_offsets, cols = _ragged(po, order, [pairs[k] for k in _PAIR_VALUES])
    pairs = dict(zip(_PAIR_VALUES, cols))
    exact = sorted((grp for share in small["exact"] for grp in share), key=lambda m: m[0])
    exact_offsets = np.cumsum([0] + [len(m) for m in exact]).astype(np.uint64)
    exact_members = np.asarray([x for m in exact for x in m], _U32)
    raw = _precis.dedup_json(
        engine, sum(small["candidates"]), sum(small["verified"]),
        ranks.astype(_U32), ids, dates, sources, exact_offsets, exact_members,
        canonical[order], member_offsets, members, pair_offsets, pairs["a"], pairs["b"],
        pairs["est"], pairs["jac"], pairs["cont"])
    out = json.loads(raw)
    out["documents"] = documents
    # Skipped records, numbered in bag order, as precis.dedup numbers them.
    starts = np.cumsum([0] + [info["records"] for info in small["infos"]]).tolist()
    skipped = []
    for p, info in enumerate(small["infos"]):
        for index, id_, reason in info["skipped"]:
            skipped.append((starts[p] + index, id_, reason))
    for dups in small["dups"]:
        for d in dups:
            first = starts[d["first"][0]] + d["first"][1]
            skipped.append((starts[d["p"]] + d["record"], d["id"],
                            _precis.duplicate_message(d["id"], first)))
    skipped.sort(key=lambda s: s[0])
    result = Result(out, [Skipped(*s) for s in skipped])
    for s in result.skipped:
        warnings.warn(f"docs[{s.index}]: {s.reason} (skipped)", SkippedWarning, stacklevel=3)
    result.stats = {"shuffle_bytes": volumes, "component_rounds": rounds,
                    "documents": documents}
    return result
