#!/usr/bin/env python3
"""A labelled file with one very large thread, to see how stories of hundreds of reports are clustered.

RPM2's stories have 20 reports each; no labelled set here has a thread of hundreds, where
average linkage over a sparse candidate graph is weakest: a pair that is not a candidate edge
counts as similarity 0, and each report keeps at most `max_candidates` edges. This writes the
RPM2 reports of every story but the first, then N new reports of the first story: report i
takes 5-9 sentences drawn at random from the reports of event i % 2: the start of one (ten
words) as its title, the others as its body. The new reports are labelled with the first story and the event they drew from.

    python3 tools/cluster_eval/dense_thread.py 300 /tmp/thread-300.jsonl
    build/bin/precis-cluster-eval /tmp/thread-300.jsonl [--set max_candidates=50]

Reads ../shared/eval/rpm2-fr.docs.jsonl (or --eval); the output holds copyrighted text: keep it
out of the repository.
"""
import argparse
import json
import os
import random
import re
import sys


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reports", type=int, help="reports in the large thread")
    parser.add_argument("out", help="output .jsonl")
    parser.add_argument("--eval", default=os.path.join(here, "..", "..", "..", "shared", "eval"))
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    source = os.path.join(args.eval, "rpm2-fr.docs.jsonl")
    if not os.path.exists(source):
        sys.exit(f"dense_thread: {source} not found; pass --eval DIR (the folder with rpm2-fr.docs.jsonl)")
    random.seed(args.seed)
    docs = [json.loads(line) for line in open(source, encoding="utf-8")]
    story = docs[0]["story"]
    mine = [d for d in docs if d["story"] == story]
    events = sorted({d["event"] for d in mine})
    pools = {}
    for event in events:
        members = [d for d in mine if d["event"] == event]
        pools[event] = [s for d in members for s in re.split(r"(?<=[.!?»])\s+", d["text"]) if len(s) > 40]
    with open(args.out, "w", encoding="utf-8") as out:
        for d in docs:
            if d["story"] != story:
                out.write(json.dumps(d, ensure_ascii=False) + "\n")
        for i in range(args.reports):
            event = events[i % len(events)]
            pool = pools[event]
            sentences = random.sample(pool, min(random.randint(5, 9), len(pool)))
            # Headlines differ between reports of a real thread: the title is the start
            # of one more drawn sentence, which the body then leaves out.
            title = " ".join(sentences.pop().split()[:10])
            report = {"id": f"THREAD{i:05d}", "title": title,
                      "text": "\n".join(sentences), "story": story, "event": event}
            out.write(json.dumps(report, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
