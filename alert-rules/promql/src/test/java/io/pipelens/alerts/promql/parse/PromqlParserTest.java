package io.pipelens.alerts.promql.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelens.alerts.promql.LabelMatcher;
import io.pipelens.alerts.promql.ast.AggregateExpr;
import io.pipelens.alerts.promql.ast.AggregateOp;
import io.pipelens.alerts.promql.ast.AtModifier;
import io.pipelens.alerts.promql.ast.BinaryExpr;
import io.pipelens.alerts.promql.ast.BinaryOp;
import io.pipelens.alerts.promql.ast.Call;
import io.pipelens.alerts.promql.ast.Expr;
import io.pipelens.alerts.promql.ast.MatrixSelector;
import io.pipelens.alerts.promql.ast.NumberLiteral;
import io.pipelens.alerts.promql.ast.StringLiteral;
import io.pipelens.alerts.promql.ast.SubqueryExpr;
import io.pipelens.alerts.promql.ast.VectorMatching;
import io.pipelens.alerts.promql.ast.VectorSelector;
import org.junit.jupiter.api.Test;

class PromqlParserTest {

  @Test
  void multiplicationBindsTighterThanAddition() {
    BinaryExpr add = (BinaryExpr) PromqlParser.parse("a + b * c");
    assertThat(add.op()).isEqualTo(BinaryOp.ADD);
    assertThat(((BinaryExpr) add.rhs()).op()).isEqualTo(BinaryOp.MUL);
  }

  @Test
  void powerIsRightAssociativeAndUnaryMinusBindsLooser() {
    BinaryExpr pow = (BinaryExpr) PromqlParser.parse("a ^ b ^ c");
    assertThat(pow.rhs()).isInstanceOf(BinaryExpr.class);
    Expr neg = PromqlParser.parse("-a ^ 2");
    assertThat(neg).isInstanceOf(io.pipelens.alerts.promql.ast.UnaryExpr.class);
    BinaryExpr sub = (BinaryExpr) PromqlParser.parse("a - b - c");
    assertThat(sub.lhs()).isInstanceOf(BinaryExpr.class);
  }

  @Test
  void setOperatorsHaveTheLowestPrecedence() {
    BinaryExpr or = (BinaryExpr) PromqlParser.parse("a and b or c unless d");
    assertThat(or.op()).isEqualTo(BinaryOp.OR);
    assertThat(((BinaryExpr) or.lhs()).op()).isEqualTo(BinaryOp.AND);
    assertThat(((BinaryExpr) or.rhs()).op()).isEqualTo(BinaryOp.UNLESS);
    assertThat(or.matching().cardinality()).isEqualTo(VectorMatching.Cardinality.MANY_TO_MANY);
  }

  @Test
  void readsSelectorsWithEveryMatcherKindOffsetAndAt() {
    VectorSelector vs = (VectorSelector) PromqlParser.parse(
        "http_requests_total{job=\"api\", code!=\"500\", path=~\"/v1/.*\", env!~'dev|test'} offset 1h30m @ 120");
    assertThat(vs.name()).isEqualTo("http_requests_total");
    assertThat(vs.matchers()).extracting(LabelMatcher::type).containsExactly(
        LabelMatcher.Type.EQ, LabelMatcher.Type.EQ, LabelMatcher.Type.NEQ, LabelMatcher.Type.RE, LabelMatcher.Type.NRE);
    assertThat(vs.offsetMs()).isEqualTo(5_400_000);
    assertThat(vs.at()).isEqualTo(AtModifier.at(120_000));
  }

  @Test
  void regexMatchersAreFullyAnchored() {
    LabelMatcher m = ((VectorSelector) PromqlParser.parse("x{job=~\"api\"}")).matchers().get(1);
    assertThat(m.matches("api")).isTrue();
    assertThat(m.matches("api-server")).isFalse();
  }

  @Test
  void readsRangesSubqueriesAndAtStartEnd() {
    MatrixSelector ms = (MatrixSelector) PromqlParser.parse("foo[5m]");
    assertThat(ms.rangeMs()).isEqualTo(300_000);
    SubqueryExpr sq = (SubqueryExpr) PromqlParser.parse("rate(foo[1m])[1h:5m] offset 10m @ end()");
    assertThat(sq.rangeMs()).isEqualTo(3_600_000);
    assertThat(sq.stepMs()).isEqualTo(300_000);
    assertThat(sq.offsetMs()).isEqualTo(600_000);
    assertThat(sq.at().kind()).isEqualTo(AtModifier.Kind.END);
    assertThat(((SubqueryExpr) PromqlParser.parse("foo[10m:]")).stepMs()).isZero();
  }

  @Test
  void readsNumberAndStringLiterals() {
    assertThat(number("0x1F")).isEqualTo(31);
    assertThat(number("0xFFFFFFFFFFFFFFFFFF")).isEqualTo(4.722366482869645E21);
    assertThat(number("1.5e3")).isEqualTo(1500);
    assertThat(number("1h30m")).isEqualTo(5400);
    assertThat(number("-Inf")).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(number("NaN")).isNaN();
    assertThat(((StringLiteral) PromqlParser.parse("\"a\\tb\\u00e9\"")).value()).isEqualTo("a\tb\u00e9");
    assertThat(((StringLiteral) PromqlParser.parse("`raw\\n`")).value()).isEqualTo("raw\\n");
  }

  @Test
  void readsAggregationsWithGroupingBeforeOrAfterAndCaseInsensitiveKeywords() {
    AggregateExpr a = (AggregateExpr) PromqlParser.parse("SUM BY (job) (x)");
    AggregateExpr b = (AggregateExpr) PromqlParser.parse("sum(x) by (job)");
    assertThat(a.grouping()).isEqualTo(b.grouping()).containsExactly("job");
    AggregateExpr topk = (AggregateExpr) PromqlParser.parse("topk without (instance) (3, x)");
    assertThat(topk.op()).isEqualTo(AggregateOp.TOPK);
    assertThat(topk.without()).isTrue();
    assertThat(topk.param()).isEqualTo(new NumberLiteral(3));
  }

  @Test
  void readsVectorMatchingClauses() {
    BinaryExpr b = (BinaryExpr) PromqlParser.parse("a / on(job) group_left(team) b");
    assertThat(b.matching().on()).isTrue();
    assertThat(b.matching().labels()).containsExactly("job");
    assertThat(b.matching().include()).containsExactly("team");
    assertThat(b.matching().cardinality()).isEqualTo(VectorMatching.Cardinality.MANY_TO_ONE);
    assertThat(((BinaryExpr) PromqlParser.parse("a > bool b")).returnBool()).isTrue();
  }

  @Test
  void checksFunctionArguments() {
    Call c = (Call) PromqlParser.parse("label_join(x, \"dst\", \",\", \"a\", \"b\")");
    assertThat(c.args()).hasSize(5);
    assertThatThrownBy(() -> PromqlParser.parse("rate(foo)"))
        .isInstanceOf(ParseException.class)
        .hasMessage("1:1: parse error: expected type range vector in call to function \"rate\", got instant vector");
    assertThatThrownBy(() -> PromqlParser.parse("abs(a, b)"))
        .hasMessageContaining("expected 1 argument(s) in call to \"abs\", got 2");
    assertThatThrownBy(() -> PromqlParser.parse("nosuchfn(a)"))
        .hasMessageContaining("unknown function with name \"nosuchfn\"");
  }

  @Test
  void errorsNamePositionAndWhatWasExpected() {
    assertThatThrownBy(() -> PromqlParser.parse("sum(rate(foo[5m])"))
        .isInstanceOf(ParseException.class)
        .hasMessage("1:18: parse error: unexpected end of input, expected \")\" to close aggregation sum")
        .satisfies(e -> assertThat(((ParseException) e).position()).isEqualTo(17));
    assertThatThrownBy(() -> PromqlParser.parse("foo{job=\"a\" env=\"b\"}"))
        .hasMessageContaining("1:13: parse error: unexpected identifier \"env\" in label matching, expected \",\" or \"}\"");
    assertThatThrownBy(() -> PromqlParser.parse("{job=~\".*\"}"))
        .hasMessageContaining("vector selector must contain at least one non-empty matcher");
    assertThatThrownBy(() -> PromqlParser.parse("foo{a=~\"(\"}"))
        .hasMessageContaining("invalid regular expression");
    assertThatThrownBy(() -> PromqlParser.parse("1 > 2"))
        .hasMessageContaining("comparisons between scalars must use BOOL modifier");
    assertThatThrownBy(() -> PromqlParser.parse("foo offset 5m offset 1m"))
        .hasMessageContaining("offset may not be set multiple times");
    assertThatThrownBy(() -> PromqlParser.parse("(foo)[5m]"))
        .hasMessageContaining("ranges only allowed for vector selectors");
    assertThatThrownBy(() -> PromqlParser.parse(" "))
        .hasMessageContaining("no expression found in input");
  }

  private static double number(String s) {
    return ((NumberLiteral) PromqlParser.parse(s)).value();
  }
}
