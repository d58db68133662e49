package io.pipelens.alerts.promql.ast;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.alerts.promql.LabelMatcher;
import io.pipelens.alerts.promql.parse.PromqlParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExprPrinterTest {

  @Test
  void printsParsedExpressionsCanonically() {
    assertThat(print("SUM(rate(foo{job=\"a\"}[90s] offset 1m)) BY (job)"))
        .isEqualTo("sum by (job) (rate(foo{job=\"a\"}[1m30s] offset 1m))");
    assertThat(print("a / on (x) group_left (y) b > bool 2")).isEqualTo("a / on(x) group_left(y) b > bool 2");
    assertThat(print("max_over_time(x[1h:] @ end())")).isEqualTo("max_over_time(x[1h:] @ end())");
    assertThat(print("{\"my.metric\", \"a.b\"=~\"v\"}")).isEqualTo("{\"my.metric\", \"a.b\"=~\"v\"}");
  }

  @Test
  void addsParenthesesHandBuiltTreesNeed() {
    VectorSelector a = selector("a");
    VectorSelector b = selector("b");
    VectorSelector c = selector("c");
    VectorMatching none = new VectorMatching(VectorMatching.Cardinality.ONE_TO_ONE, List.of(), false, List.of());
    Expr sum = new BinaryExpr(BinaryOp.ADD, a, b, false, none);
    Expr product = new BinaryExpr(BinaryOp.MUL, sum, c, false, none);
    assertThat(ExprPrinter.print(product)).isEqualTo("(a + b) * c");
    Expr rightNested = new BinaryExpr(BinaryOp.SUB, a, new BinaryExpr(BinaryOp.SUB, b, c, false, none), false, none);
    assertThat(ExprPrinter.print(rightNested)).isEqualTo("a - (b - c)");
    Expr pow = new BinaryExpr(BinaryOp.POW, new BinaryExpr(BinaryOp.POW, a, b, false, none), c, false, none);
    assertThat(ExprPrinter.print(pow)).isEqualTo("(a ^ b) ^ c");
  }

  private static String print(String expr) {
    return ExprPrinter.print(PromqlParser.parse(expr));
  }

  private static VectorSelector selector(String name) {
    return new VectorSelector(name, List.of(LabelMatcher.of("__name__", LabelMatcher.Type.EQ, name)), 0, null);
  }
}
