package io.pipelens.alerts.promql.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelens.alerts.promql.ast.FunctionSignature;
import io.pipelens.alerts.promql.functions.FunctionCalls;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Truncated and malformed expressions must end in a ParseException naming a position, never another exception. */
class MalformedInputTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "foo{", "foo{a", "foo{a=", "foo{a=\"", "foo{a=\"b\"", "foo{a=\"b\",", "{", "}", "rate(", "rate(foo[5m]",
      "sum by", "sum by (", "sum by (a", "sum(", "topk(", "1 +", "foo[", "foo[5m", "foo[5m:", "foo[5m:1m",
      "foo @", "foo @ start(", "foo offset", "foo offset -", "\"unterminated", "'x", "`raw", "0x", "1e", "1e+",
      "foo[1y2y]", "foo[5x]", "foo[-5m]", "foo[0s]", "foo[5m:0s]", "(", ")", "()", "foo)", "a +* b", "a on(x) b",
      "a + on(x", "a + group_left b", "a and group_left() b", "abs()", "abs(1)", "label_replace(x)", "vector(x)",
      "time(1)", "count_values(1, x)", "quantile(\"a\", x)", "sum(x, y)", "x{a!b=\"c\"}", "x{a=b}", "x{a=\"\\z\"}",
      "1 == 1", "\"a\" + 1", "foo[5m] + 1", "-foo[5m]", "foo offset 1m [5m]", "foo @ 1 @ 2", "sum(x) offset 5m",
      "foo @ inf", "0x1g", "!foo", "foo ~ bar", "@", "#only a comment", "foo[5m] offset 1m offset 1m", "\u00e9t\u00e9"})
  void rejectsWithPositionedParseError(String input) {
    assertThatThrownBy(() -> PromqlParser.parse(input))
        .isInstanceOf(ParseException.class)
        .hasMessageMatching("(?s)\\d+:\\d+: parse error: .+");
  }

  @Test
  void everyDeclaredFunctionIsImplemented() {
    assertThat(FunctionCalls.implemented()).containsAll(FunctionSignature.names());
  }
}
