"""Feature job: raw customers CSV -> features CSV. Started by the scheduler as a subprocess;
continues the scheduler's trace from TRACEPARENT (pipelens Python client).

Usage: python3 features.py customers.csv features.csv
"""

import csv
import math
import sys

import pipelens

rows_read = pipelens.counter("example_feature_rows", unit="{row}", description="rows the feature job read")


def build(row):
    age = row["age"]
    try:
        age = float(age)
    except ValueError:
        # Kept as it is: validating model inputs is the model's job (score.R refuses it).
        pipelens.log("age is not a number: %r (customer %s)" % (age, row["customer_id"]), "WARN",
                     {"customer_id": row["customer_id"]})
    return {
        "customer_id": row["customer_id"],
        "age": age,
        "log_income": round(math.log(float(row["income"])), 4),
        "visits": float(row["visits"]),
        "is_de": 1 if row["country"] == "de" else 0,
    }


def main(source, target):
    with pipelens.span("build-features", attributes={"input": source}) as span:
        with open(source, newline="") as handle:
            rows = [build(r) for r in csv.DictReader(handle)]
        with open(target, "w", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        rows_read.add(len(rows), {"job": "features"})
        span.set_attribute("rows", len(rows))
    print("features: %d rows -> %s" % (len(rows), target))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: features.py customers.csv features.csv")
    main(sys.argv[1], sys.argv[2])
