package io.pipelens.drift.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class DatasetReaderTest {
  @Test
  void csvWithQuotesMissingTokensAndCrlf() throws Exception {
    String csv = "age,city,score\r\n31,\"Berlin, DE\",1.5\r\n,\"say \"\"hi\"\"\",NA\r\n40,Paris,2\r\n";
    Dataset d = CsvReader.read(new StringReader(csv), "t.csv");
    assertThat(d.rows()).isEqualTo(3);
    Column age = d.column("age").orElseThrow();
    assertThat(age.numeric()).isTrue();
    assertThat(age.sortedNumbers()).containsExactly(31, 40);
    assertThat(age.missing()).isEqualTo(1);
    Column city = d.column("city").orElseThrow();
    assertThat(city.numeric()).isFalse();
    assertThat(city.key(0)).isEqualTo("Berlin, DE");
    assertThat(city.key(1)).isEqualTo("say \"hi\"");
    assertThat(d.column("score").orElseThrow().missing()).isEqualTo(1);
  }

  @Test
  void mixedColumnBecomesCategoricalWithCanonicalNumbers() throws Exception {
    Dataset d = CsvReader.read(new StringReader("x\n1\n1.0\nabc\n"), "t.csv");
    assertThat(d.column("x").orElseThrow().categoryCounts()).containsEntry("1", 2L).containsEntry("abc", 1L);
  }

  @Test
  void csvRowWithWrongFieldCountNamesTheLine() {
    assertThatThrownBy(() -> CsvReader.read(new StringReader("a,b\n1,2\n3\n"), "bad.csv"))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessage("bad.csv: line 3 has 1 fields, header has 2");
  }

  @Test
  void jsonLinesWithAbsentFieldsAndBooleans() throws Exception {
    String jsonl = "{\"a\": 1, \"b\": \"x\"}\n\n{\"a\": null, \"c\": true}\n{\"a\": 2.5}\n";
    Dataset d = JsonLinesReader.read(new StringReader(jsonl), "t.jsonl");
    assertThat(d.rows()).isEqualTo(3);
    assertThat(d.column("a").orElseThrow().sortedNumbers()).containsExactly(1, 2.5);
    assertThat(d.column("b").orElseThrow().missing()).isEqualTo(2);
    assertThat(d.column("c").orElseThrow().key(1)).isEqualTo("true");
  }

  @Test
  void jsonLinesRejectNestedValuesNamingLineAndField() {
    assertThatThrownBy(() -> JsonLinesReader.read(new StringReader("{\"a\":1}\n{\"a\":[1]}\n"), "t.jsonl"))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining("t.jsonl: line 2: field 'a' must be a number, string, boolean or null");
  }
}
