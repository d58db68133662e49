package io.pipelens.alerts.promql;

import java.util.List;

/** A labelled series of points ordered by timestamp; used for stored data and matrix results. */
public record Series(Labels labels, List<Point> points) {}
