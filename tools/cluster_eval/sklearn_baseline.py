#!/usr/bin/env python3
"""The plain scikit-learn baseline of issue #6, reproduced so its figures can be checked.

TF-IDF on title + text (sublinear tf, English stop words for English data), cosine
similarity, average-linkage agglomerative clustering cut at each threshold given;
B-cubed precision/recall/F1 against the gold `story` or `event` labels. Also prints
the lexical ceiling: how often a report's nearest neighbour is one of its own event.

Needs python3-sklearn (Debian package; a development aid, not a precis dependency):
    apt-get install python3-sklearn
    /usr/bin/python3 tools/cluster_eval/sklearn_baseline.py ../shared/eval/allsides-en.docs.jsonl \
        --level event --thresholds 0.2,0.25,0.3,0.35
"""
import argparse
import json
import sys
from collections import defaultdict


def bcubed(pred, gold):
    in_pred, in_gold = defaultdict(set), defaultdict(set)
    for i, (p, g) in enumerate(zip(pred, gold)):
        in_pred[p].add(i)
        in_gold[g].add(i)
    precision = recall = 0.0
    for p, g in zip(pred, gold):
        shared = len(in_pred[p] & in_gold[g])
        precision += shared / len(in_pred[p])
        recall += shared / len(in_gold[g])
    precision /= len(pred)
    recall /= len(pred)
    return precision, recall, 2 * precision * recall / (precision + recall)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("docs", help="NAME.docs.jsonl with gold story/event labels")
    ap.add_argument("--level", choices=["story", "event"], default="event")
    ap.add_argument("--thresholds", default="0.2,0.25,0.3,0.35", help="cosine thresholds")
    args = ap.parse_args()
    try:
        import numpy as np
        from sklearn.cluster import AgglomerativeClustering
        from sklearn.feature_extraction.text import TfidfVectorizer
    except ImportError:
        sys.exit("sklearn_baseline: needs python3-sklearn (apt-get install python3-sklearn); skipping")
    docs = [json.loads(line) for line in open(args.docs, encoding="utf-8")]
    english = all(d.get("lang", "en") == "en" for d in docs)
    vectors = TfidfVectorizer(sublinear_tf=True, stop_words="english" if english else None)
    x = vectors.fit_transform([d["title"] + "\n" + d["text"] for d in docs])
    similarity = (x @ x.T).toarray()
    np.fill_diagonal(similarity, -1)
    gold = [d[args.level] for d in docs]
    events = np.array([d["event"] for d in docs])
    nearest = similarity.argmax(axis=1)
    print(f"nearest neighbour in the same event: {np.mean(events[nearest] == events):.3f}")
    np.fill_diagonal(similarity, 1)
    distance = np.clip(1 - similarity, 0, None)
    for t in (float(v) for v in args.thresholds.split(",")):
        labels = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                         distance_threshold=1 - t).fit_predict(distance)
        p, r, f = bcubed(labels, gold)
        print(f"{args.level} threshold {t:.2f}: P {p:.3f} R {r:.3f} F1 {f:.3f} clusters {len(set(labels))}")


if __name__ == "__main__":
    main()
