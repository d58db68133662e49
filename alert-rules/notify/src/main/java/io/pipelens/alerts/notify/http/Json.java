package io.pipelens.alerts.notify.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Shared Jackson mapper and Go-compatible timestamp formatting for payloads. */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper();
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private Json() {}

  public static String write(Object o) {
    try {
      return MAPPER.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise payload", e);
    }
  }

  /** Parses a platform's answer; null when it is not JSON. */
  public static JsonNode readOrNull(String body) {
    if (body == null || body.isBlank()) return null;
    try {
      return MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** Go's time.Time JSON form (RFC 3339 with trailing zeros of the fraction removed), in UTC. */
  public static String time(Instant t) {
    StringBuilder sb = new StringBuilder(SECONDS.format(t));
    if (t.getNano() != 0) {
      String frac = String.format("%09d", t.getNano()).replaceAll("0+$", "");
      sb.append('.').append(frac);
    }
    return sb.append('Z').toString();
  }
}
