package io.pipelens.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestStringsTest {

  @Test
  void equalShortStringsBecomeOneInstanceLongOnesPassThrough() {
    RequestStrings strings = new RequestStrings();
    String first = new String("http.route");
    String second = new String("http.route");
    String longText = "x".repeat(RequestStrings.MAX_LENGTH + 1);
    String longCopy = new String(longText);

    assertThat(strings.of(first)).isSameAs(first);
    assertThat(strings.of(second)).isSameAs(first);
    assertThat(strings.of(longText)).isSameAs(longText);
    assertThat(strings.of(longCopy)).isSameAs(longCopy).isEqualTo(longText);
    assertThat(strings.of(null)).isNull();
    assertThat(new RequestStrings().of(second)).isSameAs(second); // nothing shared across requests
  }
}
