package io.pipelens.alerts.promql.functions;

import io.pipelens.alerts.promql.ast.Call;
import io.pipelens.alerts.promql.ast.Expr;
import io.pipelens.alerts.promql.ast.ParenExpr;
import io.pipelens.alerts.promql.eval.EvalValue;
import io.pipelens.alerts.promql.eval.EvalValue.MatrixV;
import io.pipelens.alerts.promql.eval.EvalValue.ScalarV;
import io.pipelens.alerts.promql.eval.EvalValue.StringV;
import io.pipelens.alerts.promql.eval.EvalValue.VecItem;
import io.pipelens.alerts.promql.eval.EvalValue.VectorV;
import io.pipelens.alerts.promql.eval.Evaluator;
import java.util.List;

/** Lazily evaluated arguments of one function call at one step. */
record Args(Evaluator ev, Call call, long ts) {

  int size() {
    return call.args().size();
  }

  Expr expr(int i) {
    Expr e = call.args().get(i);
    while (e instanceof ParenExpr p) {
      e = p.expr();
    }
    return e;
  }

  EvalValue value(int i) {
    return ev.eval(call.args().get(i), ts);
  }

  double scalar(int i) {
    return ((ScalarV) value(i)).v();
  }

  String string(int i) {
    return ((StringV) value(i)).s();
  }

  List<VecItem> vector(int i) {
    return ((VectorV) value(i)).items();
  }

  MatrixV matrix(int i) {
    return (MatrixV) value(i);
  }

  /** " (line:col)" of argument i, the suffix Prometheus puts on annotations. */
  String at(int i) {
    return " (" + call.argPosition(i) + ")";
  }

  /** " (line:col)" of the call itself. */
  String atCall() {
    return " (" + call.position() + ")";
  }

  String name() {
    return call.function().name();
  }
}
