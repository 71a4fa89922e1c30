"""precis.dask.dedup against `precis dedup` (the CLI) on one machine.

    tools/python python/bench/dask_dedup.py CORPUS.jsonl [--workers 1,2] [--partitions N]
        [--blocksize 16MiB] [--repeat 3] [--precis build/bin/precis]

For each worker count: a LocalCluster of that many single-threaded worker
processes (started before the clock runs), then precis.dask.dedup over
dask.bag.read_text(CORPUS).map(json.loads), timed from the bag's creation to
the result. Also times the CLI (`precis dedup CORPUS --format json`, all
cores) and precis.dedup in this process, checks that every result equals the
CLI's, and prints the shuffle bytes per document and each worker's peak
memory (ru_maxrss of the worker process). JSON on stdout, a table on stderr.
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time


def _peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_seconds(who=resource.RUSAGE_SELF):
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--blocksize", default="16MiB")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--precis", default=os.path.join(os.path.dirname(__file__), "..", "..",
                                                     "build", "bin", "precis"))
    args = ap.parse_args()

    import dask
    import dask.bag as db
    from distributed import Client, LocalCluster

    import precis
    import precis.dask

    size = os.path.getsize(args.corpus)
    out = {"corpus": args.corpus, "bytes": size, "cpus": os.cpu_count(),
           "load_average_before": os.getloadavg()}

    def cli():  # noqa: E306
        t, cpu = time.perf_counter(), _cpu_seconds(resource.RUSAGE_CHILDREN)
        run = subprocess.run([args.precis, "dedup", "-q", "--format", "json", args.corpus],
                             capture_output=True, check=True)
        out["cli_cpu_seconds"].append(_cpu_seconds(resource.RUSAGE_CHILDREN) - cpu)
        return time.perf_counter() - t, json.loads(run.stdout)

    with open(args.corpus) as f:
        records = [json.loads(line) for line in f if line.strip()]
    t = time.perf_counter()
    ref = precis.dedup(records)
    out["precis_dedup_seconds"] = time.perf_counter() - t
    del records
    docs = ref["documents"]
    out["documents"] = docs

    # One cluster per worker count, started before any clock runs; the runs
    # interleave (CLI, then each cluster) so that a machine shared with other
    # work slows them alike.
    counts = [int(w) for w in args.workers.split(",")]
    clusters = {}
    for w in counts:
        cluster = LocalCluster(n_workers=w, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        clusters[w] = (cluster, Client(cluster, set_as_default=False))
    out["cli_seconds"], out["cli_cpu_seconds"] = [], []
    runs = {w: [] for w in counts}
    cpu = {w: [] for w in counts}
    results = {}
    for _ in range(args.repeat):
        t, cli_result = cli()
        out["cli_seconds"].append(t)
        assert cli_result == ref, "precis.dedup differs from the CLI"
        for w in counts:
            client = clusters[w][1]
            with dask.config.set(scheduler=client):
                before = sum(client.run(_cpu_seconds).values()) + _cpu_seconds()
                t = time.perf_counter()
                bag = db.read_text(args.corpus, blocksize=args.blocksize).map(json.loads)
                result = precis.dask.dedup(bag)
                runs[w].append(time.perf_counter() - t)
                # CPU of the workers, and of this process (client and scheduler).
                cpu[w].append(sum(client.run(_cpu_seconds).values()) + _cpu_seconds() - before)
            assert result == ref, f"precis.dask.dedup differs from the CLI ({w} workers)"
            results[w] = (result, bag.npartitions)
    out["dask"] = []
    for w in counts:
        cluster, client = clusters[w]
        result, partitions = results[w]
        peaks = sorted(client.run(_peak_rss_mb).values())
        shuffle = result.stats["shuffle_bytes"]
        out["dask"].append({"workers": w, "partitions": partitions, "seconds": runs[w],
                            "cpu_seconds": cpu[w],
                            "worker_peak_rss_mb": peaks,
                            "shuffle_bytes_per_document": {k: round(v / docs, 1)
                                                           for k, v in shuffle.items()},
                            "shuffle_bytes_per_document_total": round(sum(shuffle.values()) /
                                                                      docs, 1),
                            "component_rounds": result.stats["component_rounds"]})
        client.close()
        cluster.close()

    cli_median = statistics.median(out["cli_seconds"])
    print(f"corpus {size / 1e6:.0f} MB, {docs} documents; CLI {cli_median:.2f} s (median of "
          f"{args.repeat}; CPU {statistics.median(out['cli_cpu_seconds']):.2f} s); precis.dedup "
          f"in process {out['precis_dedup_seconds']:.2f} s; load average "
          f"{os.getloadavg()[0]:.1f}", file=sys.stderr)
    for d in out["dask"]:
        med = statistics.median(d["seconds"])
        print(f"dask {d['workers']} worker(s), {d['partitions']} partitions: {med:.2f} s "
              f"({med / cli_median:.2f}x the CLI; CPU {statistics.median(d['cpu_seconds']):.2f} s), "
              f"shuffle "
              f"{d['shuffle_bytes_per_document_total']:.0f} B/doc, worker peak RSS "
              f"{', '.join(f'{p:.0f}' for p in d['worker_peak_rss_mb'])} MB", file=sys.stderr)
    json.dump(out, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
