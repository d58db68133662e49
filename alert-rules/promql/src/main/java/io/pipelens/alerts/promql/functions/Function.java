package io.pipelens.alerts.promql.functions;

import io.pipelens.alerts.promql.eval.EvalValue;

/** Implementation of one PromQL function at one evaluation step. */
@FunctionalInterface
interface Function {
  EvalValue apply(Args args);
}
