"""What a Python monitor does for the same stream as DriftStreamBench: batches of BATCH rows x
FEATURES features appended to a window; every WINDOW rows each feature's window is compared with
a REFERENCE-row reference with scipy (normed Wasserstein, the method pipelens picks
automatically for large references). Rows per CPU-second of this process.

usage: python3 scipy_stream.py ROWS [FEATURES BATCH WINDOW REFERENCE]
"""
import sys
import time

import numpy as np
from scipy import stats


def main():
    rows = int(sys.argv[1])
    features, batch, window, reference = (int(a) for a in (sys.argv[2:6] or (20, 1000, 50000, 100000)))
    rnd = np.random.default_rng(1)
    ref = [rnd.normal(size=reference).round(6) for _ in range(features)]
    ref_std = [max(np.std(r), 0.001) for r in ref]
    batches = [[rnd.normal(size=batch).round(6) + (0.3 if b % 4 == 0 else 0) for _ in range(features)]
               for b in range(64)]
    t0 = time.process_time()
    done = 0
    windows = 0
    pending = [[] for _ in range(features)]
    pending_rows = 0
    i = 0
    while done < rows:
        b = batches[i % len(batches)]
        i += 1
        for f in range(features):
            pending[f].append(b[f])
        pending_rows += batch
        done += batch
        if pending_rows >= window:
            for f in range(features):
                cur = np.concatenate(pending[f])
                stats.wasserstein_distance(ref[f], cur) / ref_std[f]
            pending = [[] for _ in range(features)]
            pending_rows = 0
            windows += 1
    cpu = time.process_time() - t0
    print("scipy windowed wasserstein %d rows %.0f rows/CPU-s %d windows" % (done, done / cpu, windows))


if __name__ == "__main__":
    main()
