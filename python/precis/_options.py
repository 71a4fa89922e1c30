"""Keyword options: the CLI's names, its ranges, mapped to the engine's settings.

Each command takes the options its `precis CMD` takes (flags spelt with
underscores: ``--min-sources`` is ``min_sources``), checked as the CLI checks
them. An unknown option, or a value of the wrong type or out of range, raises
precis.InvalidArgumentError (a ValueError) naming the option.
"""

from . import _precis

InvalidArgumentError = _precis.InvalidArgumentError


class _Opt:
    """One option: its type, range and the engine setting it becomes."""

    def __init__(self, kind, key=None, low=None, high=None, low_open=False, choices=None,
                 doc=""):
        self.kind, self.key, self.low, self.high = kind, key, low, high
        self.low_open, self.choices, self.doc = low_open, choices, doc

    def check(self, name, value):
        kind = self.kind
        if kind is bool:
            if not _is_bool(value):
                raise InvalidArgumentError(f"{name}: expected True or False, got {value!r}")
            return bool(value)
        if kind is int:
            if _is_bool(value) or not _is_int(value):
                raise InvalidArgumentError(f"{name}: expected an integer, got {value!r}")
            value = int(value)
        elif kind is float:
            if _is_bool(value) or not (_is_int(value) or isinstance(value, float)
                                       or _is_numpy_float(value)):
                raise InvalidArgumentError(f"{name}: expected a number, got {value!r}")
            value = float(value)
            if value != value:
                raise InvalidArgumentError(f"{name}: expected a number, got nan")
        elif kind is str:
            if not isinstance(value, str):
                raise InvalidArgumentError(f"{name}: expected a string, got {value!r}")
            if self.choices:
                value = value.lower()  # as the CLI's --method
            if self.choices and value not in self.choices:
                raise InvalidArgumentError(
                    f"{name}: {value!r} is not one of {', '.join(self.choices)}")
            return value
        low_ok = self.low is None or (value > self.low if self.low_open else value >= self.low)
        high_ok = self.high is None or value <= self.high
        if not (low_ok and high_ok):
            lo = "(" if self.low_open else "["
            hi = "]" if self.high is not None else ")"
            low = "-inf" if self.low is None else _fmt(self.low)
            high = "inf" if self.high is None else _fmt(self.high)
            raise InvalidArgumentError(f"{name}: {value!r} is not in {lo}{low}, {high}{hi}")
        return value


def _fmt(x):
    return str(int(x)) if float(x).is_integer() else str(x)


def _is_bool(v):
    return isinstance(v, bool) or type(v).__name__ == "bool_"


def _is_int(v):
    if isinstance(v, int):
        return True
    return hasattr(v, "__index__") and type(v).__module__ == "numpy"


def _is_numpy_float(v):
    return type(v).__module__ == "numpy" and type(v).__name__.startswith("float")


# Options every corpus command takes (the CLI's --lang and --threads).
_COMMON = {
    "lang": _Opt(str, "lang", doc="ISO 639-1 language of documents that give none"),
    "threads": _Opt(int, "threads", low=0, doc="worker threads, 0 = all cores"),
}

_DEDUP = {
    "threshold": _Opt(float, "dedup.threshold", 0, 1, low_open=True),
    "shingle_size": _Opt(int, "dedup.shingle_size", 1, 32),
    "char_shingles": _Opt(int, "dedup.char_shingle_size", 0, 64),
    "signature_size": _Opt(int, "dedup.signature_size", 8, 1024),
    "seed": _Opt(int, "dedup.seed", 0, 2**64 - 1),
    "containment": _Opt(bool, "dedup.containment"),
    "containment_threshold": _Opt(float, "dedup.containment_threshold", 0, 1, low_open=True),
}

_CLUSTER = {
    # --threshold sets the event threshold, and lowers the story threshold
    # to it when that is higher (as `precis cluster` does).
    "threshold": _Opt(float, "cluster.event_threshold", 0, 1),
    "story_threshold": _Opt(float, "cluster.story_threshold", 0, 1),
    "story_prior_pairs": _Opt(float, "cluster.story_prior_pairs", 0, 1000),
    "idf": _Opt(str, "cluster.idf_path"),
    "method": _Opt(str, "cluster.method", choices=("agglomerative", "streaming")),
}

# Summary options shared by digest and IncrementalEngine.digest.
_SUMMARY = {
    "sentences": _Opt(int, "summary.sentences", low=1),
    "words": _Opt(int, "summary.max_words", low=0),
    "single_story": _Opt(bool, "summary.single_story"),
    "no_timeline": _Opt(bool, "summary.timeline"),
    "min_sources": _Opt(int, "digest.min_sources", low=1),
    "title": _Opt(str, "digest.title"),
}

_DIGEST = dict(_SUMMARY, method=_CLUSTER["method"])

COMMANDS = {
    "dedup": dict(_COMMON, **_DEDUP),
    "cluster": dict(_COMMON, **_CLUSTER),
    "digest": dict(_COMMON, **_DIGEST),
    "signatures": dict(_COMMON, **_DEDUP),
    "ingest": dict(_COMMON, sync=_Opt(bool, "sync"), **_SUMMARY),
    "ingest-digest": dict(_SUMMARY),
}

_STAGE = {"dedup": "dedup", "signatures": "dedup", "cluster": "cluster"}


def parse(command, given, caller=None):
    """Checks `given` (keyword options) for `command`.

    Returns (engine settings for _precis, digest writer options, the rest):
    engine settings are C++ option paths; the rest holds options that are
    not engine settings ("sync").
    """
    table = COMMANDS[command]
    caller = caller or f"precis.{command}"
    engine, digest, rest = {}, {}, {}
    for name, value in given.items():
        opt = table.get(name)
        if opt is None:
            raise InvalidArgumentError(
                f"{caller}: unknown option {name!r}; valid: {', '.join(sorted(table))}")
        value = opt.check(name, value)
        if opt.key.startswith("digest."):
            digest[opt.key[len("digest."):]] = value
        elif opt.key == "summary.timeline":
            engine[opt.key] = not value
        elif opt.key in ("sync",):
            rest[opt.key] = value
        else:
            engine[opt.key] = value
    if "cluster.event_threshold" in engine or "cluster.story_threshold" in engine:
        # The story threshold may not exceed the event threshold; --threshold
        # lowers the default story threshold to it.
        defaults = _precis.defaults()
        event = engine.get("cluster.event_threshold", defaults["cluster.event_threshold"])
        story = engine.get("cluster.story_threshold",
                           min(defaults["cluster.story_threshold"], event))
        if story > event:
            raise InvalidArgumentError(
                f"story_threshold: {story!r} must be <= threshold ({event!r}): stories "
                "contain events")
        engine["cluster.story_threshold"] = story
    if "threads" in engine:
        digest["threads"] = engine["threads"]
    if command in _STAGE:
        engine["last_stage"] = _STAGE[command]
    return engine, digest, rest
