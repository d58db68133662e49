import sys

import pipelens

mode = sys.argv[1]
if mode == "columns":
    with pipelens.span("score") as scoring:
        ok = pipelens.log_model_samples("churn", 3, {"age": [31, 45.5, None], "country": ["de", "fr", "de"]},
                                        prediction=[0.2, 0.9, 0.4], label=[0, 1, 0])
    print(ok, scoring.trace_id)
elif mode == "rows":
    print(pipelens.log_model_rows("churn", "4", [{"age": 30, "prediction": 0.1}, {"age": None, "prediction": 0.8}]))
elif mode == "mismatch":
    print(pipelens.log_model_samples("churn", "3", {"age": [1, 2, 3]}, prediction=[0.5, 0.1]))
