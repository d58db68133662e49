package io.pipelens.collector.series;

import java.util.List;

/** A selected series: its labels and its samples in the requested range, oldest first. */
public record SeriesSamples(Labels labels, List<Sample> samples) {

  public SeriesSamples {
    samples = List.copyOf(samples);
  }
}
