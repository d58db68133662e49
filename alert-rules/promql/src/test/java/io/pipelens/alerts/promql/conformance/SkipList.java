package io.pipelens.alerts.promql.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cases of the upstream corpus we knowingly do not pass, one per line: {@code file.test:LINE
 * reason}. Read from the test resource promql-conformance-skips.txt.
 */
final class SkipList {
  private SkipList() {}

  static Map<String, String> load() {
    Map<String, String> out = new LinkedHashMap<>();
    try (InputStream in = SkipList.class.getResourceAsStream("/promql-conformance-skips.txt")) {
      if (in == null) {
        return out;
      }
      String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
      for (String l : lines) {
        l = l.strip();
        if (l.isEmpty() || l.startsWith("#")) {
          continue;
        }
        int sp = l.indexOf(' ');
        if (sp < 0) {
          throw new IllegalStateException("skip list line without a reason: " + l);
        }
        out.put(l.substring(0, sp), l.substring(sp + 1).strip());
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read skip list", e);
    }
  }
}
