package io.pipelens.alerts.notify.api;

import io.pipelens.alerts.notify.alert.Alert;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A {@code POST /api/v2/alerts} body checked as Alertmanager checks it: labels with an empty value
 * are dropped; an alert without labels, with an invalid label name or ending before it starts is
 * refused with Alertmanager's message while the valid alerts of the same body are still accepted.
 * A missing {@code startsAt} is the {@code endsAt} when given (otherwise the receiver's "now").
 *
 * @param valid the alerts to store
 * @param errors Alertmanager's messages for the refused ones; joined with "; " they are the 400 body
 */
public record PostedAlerts(List<Alert> valid, List<String> errors) {
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  public PostedAlerts {
    valid = List.copyOf(valid);
    errors = List.copyOf(errors);
  }

  /**
   * @throws IllegalArgumentException when the body is not a JSON array of alert objects (names the
   *     field), to be answered with 400
   */
  public static PostedAlerts parse(String body) {
    List<Alert> parsed = ApiV2.postableAlerts(body, false);
    List<Alert> valid = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (Alert a : parsed) {
      Map<String, String> labels = new LinkedHashMap<>();
      a.labels().forEach((k, v) -> {
        if (!v.isEmpty()) labels.put(k, v);
      });
      String problem = null;
      if (labels.isEmpty()) {
        problem = "at least one label pair required";
      } else {
        for (String name : labels.keySet()) {
          if (!LABEL_NAME.matcher(name).matches()) {
            problem = "invalid label set: invalid name \"" + name + "\"";
            break;
          }
        }
      }
      var start = a.startsAt() == null ? a.endsAt() : a.startsAt();
      if (problem == null && start != null && a.endsAt() != null && a.endsAt().isBefore(start)) {
        problem = "start time must be before end time";
      }
      if (problem != null) {
        errors.add(problem);
      } else {
        valid.add(new Alert(labels, a.annotations(), start, a.endsAt(), a.generatorURL(), null, false));
      }
    }
    return new PostedAlerts(valid, errors);
  }
}
