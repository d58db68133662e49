package io.pipelens.collector.errors;

import java.util.List;

/** One group with its most recent occurrences, newest first. */
public record ErrorGroupDetail(ErrorGroup group, List<ErrorOccurrence> recentOccurrences) {

  public ErrorGroupDetail {
    recentOccurrences = List.copyOf(recentOccurrences);
  }
}
