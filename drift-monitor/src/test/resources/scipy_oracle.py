"""Independent oracle for pipelens drift statistics (run with Debian's /usr/bin/python3).

Reads a JSON list of cases from argv[1], writes {id: {"statistic": x, "pvalue": p}} to argv[2].
Numeric histogram methods follow Evidently's get_binned_data: Sturges bins over both samples
(np.histogram_bin_edges) when the reference has > 20 distinct values, else one bin per value.
"""
import json
import sys

import numpy as np
from scipy import stats
from scipy.spatial import distance


def binned(ref, cur, fill_zeroes):
    ref = np.asarray(ref, dtype=float)
    cur = np.asarray(cur, dtype=float)
    if len(np.unique(ref)) > 20:
        bins = np.histogram_bin_edges(np.concatenate([ref, cur]), bins="sturges")
        r = np.histogram(ref, bins)[0] / len(ref)
        c = np.histogram(cur, bins)[0] / len(cur)
    else:
        keys = np.union1d(np.unique(ref), np.unique(cur))
        r = np.array([np.sum(ref == k) for k in keys]) / len(ref)
        c = np.array([np.sum(cur == k) for k in keys]) / len(cur)
    return fill(r, fill_zeroes), fill(c, fill_zeroes)


def categorical(ref, cur, fill_zeroes):
    keys = sorted(set(ref) | set(cur))
    r = np.array([ref.count(k) for k in keys]) / len(ref)
    c = np.array([cur.count(k) for k in keys]) / len(cur)
    return fill(r, fill_zeroes), fill(c, fill_zeroes)


def fill(p, fill_zeroes):
    p = p.astype(float)
    if fill_zeroes and np.any(p != 0):
        m = np.min(p[p != 0])
        np.place(p, p == 0, m / 10**6 if m <= 0.0001 else 0.0001)
    return p


def psi(r, c):
    return float(np.sum((r - c) * np.log(r / c)))


def hellinger(r, c):
    return float(np.sqrt(np.sum((np.sqrt(r) - np.sqrt(c)) ** 2)) / np.sqrt(2))


def run(case):
    kind, a, b = case["kind"], case["a"], case["b"]
    if kind == "ks":
        res = stats.ks_2samp(a, b, method="auto")
        return float(res.statistic), float(res.pvalue)
    if kind == "kstwo_sf":
        # asymptotic ks_2samp p-value for statistic a[0] and sizes b[0], b[1]
        m, n = sorted([float(b[0]), float(b[1])], reverse=True)
        return float(a[0]), float(stats.kstwo.sf(a[0], np.round(m * n / (m + n))))
    if kind == "wasserstein":
        return float(stats.wasserstein_distance(a, b) / max(np.std(a), 0.001)), None
    if kind == "psi":
        return psi(*binned(a, b, True)), None
    if kind == "jensenshannon":
        return float(distance.jensenshannon(*binned(a, b, False))), None
    if kind == "hellinger":
        return hellinger(*binned(a, b, False)), None
    if kind in ("chisquare", "z"):
        keys = sorted(set(a) | set(b))
        table = np.array([[a.count(k) for k in keys], [b.count(k) for k in keys]])
        chi2, p, dof, _ = stats.chi2_contingency(table, correction=False)
        if kind == "z":
            # z^2 equals the 2x2 Pearson chi-square; the sign follows the first category's share
            z = np.sqrt(chi2) * np.sign(table[0, 0] / len(a) - table[1, 0] / len(b))
            return float(z), float(p)
        return float(chi2), float(p)
    if kind == "cat_psi":
        return psi(*categorical(a, b, True)), None
    if kind == "cat_jensenshannon":
        return float(distance.jensenshannon(*categorical(a, b, False))), None
    if kind == "cat_hellinger":
        return hellinger(*categorical(a, b, False)), None
    raise ValueError("unknown kind " + kind)


def main():
    with open(sys.argv[1]) as f:
        cases = json.load(f)
    out = {}
    for case in cases:
        s, p = run(case)
        out[case["id"]] = {"statistic": s, "pvalue": p}
    with open(sys.argv[2], "w") as f:
        json.dump(out, f)


if __name__ == "__main__":
    main()
