package io.pipelens.drift.window;

import io.pipelens.drift.report.DriftReport;

/**
 * Outcome of one closed window.
 *
 * @param index 0-based window number since the monitor started
 * @param startUnixNano first row's time (time windows: the window start)
 * @param sufficient false when the window had fewer than minRows rows (then report is null)
 * @param streak consecutive sufficient windows with dataset drift, this one included
 * @param alarm streak reached the policy's confirmations
 */
public record WindowVerdict(
    long index, long startUnixNano, long rows, boolean sufficient, DriftReport report,
    int streak, boolean alarm) {}
