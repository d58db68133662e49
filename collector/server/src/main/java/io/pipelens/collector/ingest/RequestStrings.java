package io.pipelens.collector.ingest;

/**
 * One instance of each short string within a request. A decoder makes a new String for every
 * attribute key and value of every span, though the spans of a request mostly repeat them
 * ({@code http.route}, {@code GET}, the service's name). The store holds acknowledged spans in
 * memory until they are loaded into DuckDB, and the copies it would keep of those repeats are
 * most of a span's size there — garbage-collection time grows with what survives. Strings longer
 * than {@value #MAX_LENGTH} characters are passed through (ids, messages, stack traces rarely
 * repeat). One per conversion call; not thread-safe.
 *
 * <p>A direct-mapped table indexed by length and three characters, not a hash map: a freshly
 * decoded String has no cached hash, and computing it for every key and value made the lookup
 * 9% of the event loops' time in a profile; {@code equals} on the slot's string is cheaper. A
 * string whose slot holds another one takes the slot (it is not shared, which is only memory).
 */
public final class RequestStrings {
  static final int MAX_LENGTH = 64;
  private static final int SLOTS = 1024;
  private final String[] slots = new String[SLOTS];

  /** {@code s}, or an equal string seen earlier in this request. */
  public String of(String s) {
    if (s == null) {
      return null;
    }
    int n = s.length();
    if (n == 0 || n > MAX_LENGTH) {
      return s;
    }
    int slot = (n * 0x9E37 ^ s.charAt(0) * 31 ^ s.charAt(n >>> 1) * 131 ^ s.charAt(n - 1) * 7919)
        & (SLOTS - 1);
    String earlier = slots[slot];
    if (earlier != null && earlier.equals(s)) {
      return earlier;
    }
    slots[slot] = s;
    return s;
  }
}
