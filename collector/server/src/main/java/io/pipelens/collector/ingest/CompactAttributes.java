package io.pipelens.collector.ingest;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The attribute maps decoded spans carry: immutable, insertion-ordered, backed by two arrays. A
 * span has about ten attributes; a {@link LinkedHashMap} spends an entry object, a hash and a
 * table slot on each, which is most of what conversion allocates per span. Lookups scan the keys
 * (fast at this size); a map of more than {@value #MAX_SCANNED} keys is a {@link LinkedHashMap}.
 * Equality and hash code are {@link Map}'s. Build one with {@link #builder}; not thread-safe
 * while building, safe to share once built.
 */
public final class CompactAttributes extends AbstractMap<String, Object> {
  static final int MAX_SCANNED = 32;
  private final String[] keys;
  private final Object[] values;
  private final int size;

  private CompactAttributes(String[] keys, Object[] values, int size) {
    this.keys = keys;
    this.values = values;
    this.size = size;
  }

  /** @param expected the number of attributes coming, or an estimate */
  public static Builder builder(int expected) {
    return new Builder(expected);
  }

  /** Collects key/value pairs; a repeated key keeps its first position and its last value. */
  public static final class Builder {
    private String[] keys;
    private Object[] values;
    private int size;
    private Map<String, Object> large;

    Builder(int expected) {
      int capacity = Math.max(1, Math.min(expected, MAX_SCANNED));
      keys = new String[capacity];
      values = new Object[capacity];
    }

    public Builder put(String key, Object value) {
      if (large != null) {
        large.put(key, value);
        return this;
      }
      for (int i = 0; i < size; i++) {
        if (keys[i].equals(key)) {
          values[i] = value;
          return this;
        }
      }
      if (size == MAX_SCANNED) {
        large = new LinkedHashMap<>(MAX_SCANNED * 4);
        for (int i = 0; i < size; i++) {
          large.put(keys[i], values[i]);
        }
        large.put(key, value);
        return this;
      }
      if (size == keys.length) {
        keys = Arrays.copyOf(keys, Math.min(MAX_SCANNED, size * 2));
        values = Arrays.copyOf(values, keys.length);
      }
      keys[size] = key;
      values[size++] = value;
      return this;
    }

    /** The map; {@link Map#of()} when empty. The builder must not be used afterwards. */
    public Map<String, Object> build() {
      if (large != null) {
        return Collections.unmodifiableMap(large);
      }
      return size == 0 ? Map.of() : new CompactAttributes(keys, values, size);
    }
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean isEmpty() {
    return size == 0;
  }

  private int indexOf(Object key) {
    if (key != null) {
      for (int i = 0; i < size; i++) {
        if (keys[i].equals(key)) {
          return i;
        }
      }
    }
    return -1;
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(key) >= 0;
  }

  @Override
  public Object get(Object key) {
    int i = indexOf(key);
    return i < 0 ? null : values[i];
  }

  @Override
  public void forEach(BiConsumer<? super String, ? super Object> action) {
    for (int i = 0; i < size; i++) {
      action.accept(keys[i], values[i]);
    }
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return size;
      }

      @Override
      public Iterator<Entry<String, Object>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < size;
          }

          @Override
          public Entry<String, Object> next() {
            if (next >= size) {
              throw new NoSuchElementException();
            }
            int i = next++;
            return new SimpleImmutableEntry<>(keys[i], values[i]);
          }
        };
      }
    };
  }
}
