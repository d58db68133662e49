package io.pipelens.drift.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CategoryKeysTest {
  @Test
  void fastDecimalPathGivesTheSameDoubleAsParseDouble() {
    SplittableRandom r = new SplittableRandom(9);
    for (int i = 0; i < 40_000; i++) {
      String s = switch (i % 4) {
        case 0 -> Double.toString(r.nextDouble() * 1000);
        case 1 -> String.format(java.util.Locale.ROOT, "%.2f", r.nextGaussian() * 50);
        case 2 -> Long.toString(r.nextLong(-1_000_000_000L, 1_000_000_000L));
        default -> "0.000" + r.nextInt(1_000_000);
      };
      double got = CategoryKeys.parseNumber(s);
      if (got != Double.parseDouble(s)) {
        assertThat(got).as(s).isEqualTo(Double.parseDouble(s));
      }
    }
    for (String s : new String[] {"-0.5", "+3", "007", ".5", "5.", "1e3", "0x10", "-", ".", "", " 4 ", "1.2.3", "12345678901234567890"}) {
      double expected;
      try {
        expected = Double.parseDouble(s.trim());
      } catch (NumberFormatException e) {
        expected = Double.NaN;
      }
      if (s.startsWith("0x")) {
        expected = Double.NaN; // hex is text, not a number, in data files
      }
      assertThat(Double.valueOf(CategoryKeys.parseNumber(s))).as("'" + s + "'").isEqualTo(Double.valueOf(expected));
    }
  }
}
