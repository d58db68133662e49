package io.pipelens.collector.alerting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.util.Map;
import java.util.Set;

/**
 * The routing configuration as {@code GET /api/v2/status} shows it ({@code config.original}):
 * passwords, secrets, tokens and the robot/webhook URLs (they carry access tokens) become
 * {@code <secret>}, as Alertmanager prints its secret fields.
 */
final class ConfigRedaction {
  static final String SECRET = "<secret>";
  private static final Set<String> SECRET_KEYS = Set.of("password", "secret", "credentials",
      "bearer_token", "smtp_auth_password", "smtp_auth_secret", "auth_password", "auth_secret",
      "api_secret", "wechat_api_secret", "slack_api_url", "api_url", "url");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  private ConfigRedaction() {}

  static String redact(String yaml) {
    try {
      JsonNode root = YAML.readTree(yaml);
      if (root == null) {
        return "";
      }
      redact(root);
      return YAML.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      // the file parsed at start; should it not now, show nothing rather than a secret
      return "";
    }
  }

  private static void redact(JsonNode node) {
    if (node instanceof ObjectNode object) {
      for (Map.Entry<String, JsonNode> field : object.properties()) {
        if (SECRET_KEYS.contains(field.getKey()) && field.getValue().isValueNode()) {
          object.put(field.getKey(), SECRET);
        } else {
          redact(field.getValue());
        }
      }
    } else if (node.isArray()) {
      node.forEach(ConfigRedaction::redact);
    }
  }
}
