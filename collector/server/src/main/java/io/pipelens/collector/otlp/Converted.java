package io.pipelens.collector.otlp;

import java.util.List;

/**
 * The items of one request that passed validation, and how many were rejected with the first
 * rejection's reason ({@code ""} when none were) — what OTLP's {@code partial_success} reports.
 */
public record Converted<T>(List<T> items, long rejected, String rejectionMessage) {}
