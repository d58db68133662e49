package io.pipelens.collector.errors;

import io.pipelens.collector.store.LogRecordData;
import io.pipelens.collector.store.SpanEvent;
import io.pipelens.collector.store.SpanRecord;
import io.pipelens.collector.store.TelemetryBatch;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Turns telemetry into {@link ErrorOccurrence}s. Three sources count as errors: span events named
 * {@code exception}, log records carrying {@code exception.type}/{@code exception.message}/{@code
 * exception.stacktrace}, and log records of severity ERROR or above (severityNumber >= 17) without
 * them. Stateless and thread-safe; the clock only fills in a time when the sender sent none.
 */
public final class ErrorExtractor {

  /** OTLP SeverityNumber ERROR (17..20) and FATAL (21..24). */
  public static final int MIN_ERROR_SEVERITY = 17;

  /**
   * What an occurrence keeps, so that error groups stay small in memory: the stack is parsed and
   * fingerprinted in full first, then the message is cut at 4,096 characters, the raw stack trace
   * at 16,384 and the frames at the 100 innermost.
   */
  public static final int MAX_MESSAGE_CHARS = 4_096;

  public static final int MAX_STACKTRACE_CHARS = 16_384;
  public static final int MAX_FRAMES = 100;

  private final Clock clock;
  private final InAppRules rules;

  public ErrorExtractor(Clock clock, InAppRules rules) {
    this.clock = clock;
    this.rules = rules;
  }

  public List<ErrorOccurrence> extract(TelemetryBatch batch) {
    List<ErrorOccurrence> out = new ArrayList<>();
    for (SpanRecord span : batch.spans()) {
      if (!span.events().isEmpty()) { // most spans have none: no list per span
        out.addAll(fromSpan(span));
      }
    }
    for (LogRecordData log : batch.logs()) {
      ErrorOccurrence o = fromLog(log);
      if (o != null) {
        out.add(o);
      }
    }
    return out;
  }

  public List<ErrorOccurrence> fromSpan(SpanRecord span) {
    List<ErrorOccurrence> out = new ArrayList<>();
    for (SpanEvent event : span.events()) {
      if (!"exception".equals(event.name())) {
        continue;
      }
      Map<String, Object> a = event.attributes();
      String code = firstNonEmpty(str(a, "error.code"), str(span.attributes(), "error.code"));
      out.add(
          build(span.traceId(), span.spanId(), span.serviceName(), span.language(), span.resource(),
              event.epochNanos(), ErrorSource.SPAN_EVENT, str(a, "exception.type"),
              str(a, "exception.message"), str(a, "exception.stacktrace"),
              Boolean.TRUE.equals(a.get("exception.escaped")) || "true".equals(str(a, "exception.escaped")),
              code));
    }
    return out;
  }

  /** The error in a log record, or {@code null} when the record is not an error. */
  public ErrorOccurrence fromLog(LogRecordData log) {
    Map<String, Object> a = log.attributes();
    boolean hasException =
        a.containsKey("exception.type") || a.containsKey("exception.message") || a.containsKey("exception.stacktrace");
    if (!hasException && log.severityNumber() < MIN_ERROR_SEVERITY) {
      return null;
    }
    long time = log.timeEpochNanos() != 0 ? log.timeEpochNanos() : log.observedEpochNanos();
    if (hasException) {
      return build(log.traceId(), log.spanId(), log.serviceName(), log.language(), log.resource(), time,
          ErrorSource.LOG_EXCEPTION, str(a, "exception.type"),
          firstNonEmpty(str(a, "exception.message"), bodyText(log.body())), str(a, "exception.stacktrace"),
          false, str(a, "error.code"));
    }
    String type = firstNonEmpty(str(a, "error.type"), log.severityText() == null || log.severityText().isBlank()
        ? severityName(log.severityNumber()) : log.severityText().strip().toUpperCase(java.util.Locale.ROOT));
    return build(log.traceId(), log.spanId(), log.serviceName(), log.language(), log.resource(), time,
        ErrorSource.LOG_SEVERITY, type, bodyText(log.body()), "", false, str(a, "error.code"));
  }

  private ErrorOccurrence build(String traceId, String spanId, String service, String sdkLanguage,
      Map<String, Object> resource, long timeNanos, ErrorSource source, String type, String message,
      String stacktrace, boolean escaped, String errorCode) {
    Language language = Language.fromSdk(sdkLanguage);
    if (language == Language.UNKNOWN) {
      language = Language.detect(stacktrace);
    }
    ParsedStack stack = StackTraces.parse(language, stacktrace, type, rules);
    String effectiveType = firstNonEmpty(type, stack.type());
    String effectiveMessage = firstNonEmpty(message, stack.message());
    long time = timeNanos != 0 ? timeNanos : TimeUnit.MILLISECONDS.toNanos(clock.millis());
    String fingerprint = Fingerprints.of(language, effectiveType, effectiveMessage, stack);
    List<StackFrame> frames = stack.frames();
    if (frames.size() > MAX_FRAMES) {
      frames = frames.subList(0, MAX_FRAMES);
    }
    return new ErrorOccurrence(nz(traceId), nz(spanId), nz(service), language, time, source,
        effectiveType, truncate(effectiveMessage, MAX_MESSAGE_CHARS), truncate(nz(stacktrace), MAX_STACKTRACE_CHARS),
        frames, escaped, nz(errorCode), str(resource, "service.version"), fingerprint);
  }

  static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + "\n[truncated " + (s.length() - max) + " characters]";
  }

  static String severityName(int severityNumber) {
    return severityNumber >= 21 ? "FATAL" : "ERROR";
  }

  static String bodyText(Object body) {
    return body == null ? "" : body instanceof String s ? s : String.valueOf(body);
  }

  private static String str(Map<String, Object> map, String key) {
    if (map == null) {
      return "";
    }
    Object v = map.get(key);
    return v == null ? "" : String.valueOf(v);
  }

  private static String firstNonEmpty(String a, String b) {
    return a != null && !a.isBlank() ? a : nz(b);
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
