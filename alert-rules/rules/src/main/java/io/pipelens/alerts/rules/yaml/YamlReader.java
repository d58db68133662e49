package io.pipelens.alerts.rules.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one YAML document into {@link YamlNode}s with Jackson's streaming YAML parser, keeping
 * positions. Duplicate mapping keys are an error, as in Go's yaml.v2/v3 strict mode.
 */
public final class YamlReader {
  private static final YAMLFactory FACTORY = new YAMLFactory();

  private YamlReader() {}

  /**
   * @return the document's root, or an empty mapping for an empty document
   * @throws YamlException with line and column for malformed YAML or duplicate keys
   */
  public static YamlNode read(String text) {
    try (JsonParser p = FACTORY.createParser(text)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        return new YamlNode.Mapping(new LinkedHashMap<>(), Map.of(), 1, 1);
      }
      return node(p);
    } catch (YamlException e) {
      throw e;
    } catch (IOException e) {
      JsonLocation l = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe ? jpe.getLocation() : null;
      String msg = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
      throw new YamlException(l == null ? msg : "yaml: line " + l.getLineNr() + ": " + firstLine(msg));
    }
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static YamlNode node(JsonParser p) throws IOException {
    JsonLocation at = p.currentTokenLocation();
    int line = at.getLineNr();
    int col = at.getColumnNr();
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT -> {
        LinkedHashMap<String, YamlNode> entries = new LinkedHashMap<>();
        Map<String, YamlNode.Scalar> keys = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String k = p.currentName();
          JsonLocation kl = p.currentTokenLocation();
          if (entries.containsKey(k)) {
            throw new YamlException("yaml: unmarshal errors:\n  line " + kl.getLineNr() + ": mapping key \"" + k
                + "\" already defined at line " + keys.get(k).line());
          }
          keys.put(k, new YamlNode.Scalar(k, kl.getLineNr(), kl.getColumnNr()));
          p.nextToken();
          entries.put(k, node(p));
        }
        return new YamlNode.Mapping(entries, keys, line, col);
      }
      case START_ARRAY -> {
        List<YamlNode> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          items.add(node(p));
        }
        return new YamlNode.Sequence(items, line, col);
      }
      case VALUE_NULL -> {
        return new YamlNode.Scalar(null, line, col);
      }
      default -> {
        return new YamlNode.Scalar(p.getText(), line, col);
      }
    }
  }
}
