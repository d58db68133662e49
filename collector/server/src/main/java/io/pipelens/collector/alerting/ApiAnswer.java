package io.pipelens.collector.alerting;

import java.util.Map;

/** A status and a body for Jackson (null = no body); errors are JSON strings as Alertmanager's. */
record ApiAnswer(int status, Object body) {
  static ApiAnswer ok(Object body) {
    return new ApiAnswer(200, body);
  }

  /** Alertmanager's handler errors: the message as a JSON string. */
  static ApiAnswer error(int status, String message) {
    return new ApiAnswer(status, message);
  }

  /** go-swagger's request validation errors: {@code {"code": 400, "message": ...}}. */
  static ApiAnswer invalidRequest(String message) {
    return new ApiAnswer(400, Map.of("code", 400, "message", message));
  }
}
