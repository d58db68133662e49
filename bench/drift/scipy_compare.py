"""scipy/numpy doing what `pipelens drift compare` does per column, on the data DriftCompareBench
wrote (raw float64 files; category codes turned into the same strings before timing), timed with
this process's CPU clock (I/O excluded).

usage: python3 scipy_compare.py DIR NUMERIC CATEGORICAL REPEAT
"""
import sys
import time

import numpy as np
from scipy import stats
from scipy.spatial import distance


def cpu_ms(fn):
    t0 = time.process_time()
    fn()
    return (time.process_time() - t0) * 1000


def psi(ref, cur):
    # Evidently's numeric PSI: Sturges bins over both samples, epsilon for empty bins
    edges = np.histogram_bin_edges(np.concatenate([ref, cur]), bins="sturges")
    r = np.histogram(ref, edges)[0] / len(ref)
    c = np.histogram(cur, edges)[0] / len(cur)
    r = np.where(r == 0, 0.0001, r)
    c = np.where(c == 0, 0.0001, c)
    return np.sum((r - c) * np.log(r / c))


def counts(ref, cur):
    # categories are strings on both sides, as in the CSV; counted over the union of categories
    cats, inverse = np.unique(np.concatenate([ref, cur]), return_inverse=True)
    return (np.bincount(inverse[:len(ref)], minlength=len(cats)),
            np.bincount(inverse[len(ref):], minlength=len(cats)))


def chisquare(ref, cur):
    return stats.chi2_contingency(np.array(counts(ref, cur)), correction=False)


def jensenshannon(ref, cur):
    r, c = counts(ref, cur)
    return distance.jensenshannon(r / len(ref), c / len(cur))


def main():
    out, numeric, categorical, repeat = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    num = [(np.fromfile("%s/ref_n%d.f64" % (out, c), "<f8"), np.fromfile("%s/cur_n%d.f64" % (out, c), "<f8"))
           for c in range(numeric)]
    names = np.array(["cat%d" % i for i in range(10)])
    cat = [(names[np.fromfile("%s/ref_c%d.u8" % (out, c), "u1")], names[np.fromfile("%s/cur_c%d.u8" % (out, c), "u1")])
           for c in range(categorical)]
    plan = [("ks", num, lambda r, c: stats.ks_2samp(r, c)),
            ("wasserstein", num, lambda r, c: stats.wasserstein_distance(r, c) / max(np.std(r), 0.001)),
            ("psi", num, psi),
            ("chisquare", cat, chisquare),
            ("jensenshannon", cat, jensenshannon)]
    for name, columns, fn in plan:
        rounds = []
        for _ in range(repeat):
            total = sum(cpu_ms(lambda: fn(r, c)) for r, c in columns)
            rounds.append(total / len(columns))
        rounds.sort()
        print("%s %.1f %.1f" % (name, rounds[0], rounds[len(rounds) // 2]))


if __name__ == "__main__":
    main()
