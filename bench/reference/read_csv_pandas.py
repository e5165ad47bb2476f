#!/usr/bin/python3
"""pandas' side of `Hebb.Bench csv`: reads one CSV file as `hebb train --data` would use it, and prints one JSON object.

read_seconds: `pandas.read_csv(path)` (its C engine, the default) into a DataFrame of float64 columns.
dataset_seconds: from that DataFrame to what a network trains on: every column but the target standardized as
scikit-learn's StandardScaler does (population deviation), as one row-major float32 array, and the target as a float32
array; Hebb's counterpart is TableSchema.Fit and TableSchema.Dataset. The import of pandas is not timed.
"""
import argparse
import json
import time

import numpy
import pandas


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--target", required=True)
    args = parser.parse_args()

    start = time.perf_counter()
    frame = pandas.read_csv(args.path)
    read = time.perf_counter() - start

    start = time.perf_counter()
    features = frame.drop(columns=[args.target]).to_numpy(dtype=numpy.float64)
    mean = features.mean(axis=0)
    scale = features.std(axis=0)
    scale[scale == 0] = 1
    rows = numpy.ascontiguousarray(((features - mean) / scale).astype(numpy.float32))
    target = frame[args.target].to_numpy(dtype=numpy.float32)
    dataset = time.perf_counter() - start

    print(json.dumps({
        "read_seconds": read,
        "dataset_seconds": dataset,
        "rows": int(rows.shape[0]),
        "features": int(rows.shape[1]),
        "first_row": rows[0].tolist()[:3],
        "target_sum": float(target.astype(numpy.float64).sum()),
        "pandas": pandas.__version__,
        "numpy": numpy.__version__,
    }))


if __name__ == "__main__":
    main()
