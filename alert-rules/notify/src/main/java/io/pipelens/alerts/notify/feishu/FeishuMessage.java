package io.pipelens.alerts.notify.feishu;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds Feishu bot message bodies: text, post (rich text) and interactive (card). */
final class FeishuMessage {
  private FeishuMessage() {}

  static Map<String, Object> text(String title, String text, List<String> atUserIds, boolean atAll) {
    StringBuilder sb = new StringBuilder(title.isBlank() ? "" : title + "\n").append(text);
    for (String u : atUserIds) sb.append(" <at user_id=\"").append(u).append("\"></at>");
    if (atAll) sb.append(" <at user_id=\"all\">所有人</at>");
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("msg_type", "text");
    m.put("content", Map.of("text", sb.toString()));
    return m;
  }

  static Map<String, Object> post(String title, String text, List<String> atUserIds, boolean atAll) {
    List<List<Map<String, Object>>> lines = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      lines.add(List.of(Map.of("tag", "text", "text", line)));
    }
    List<Map<String, Object>> ats = new ArrayList<>();
    for (String u : atUserIds) ats.add(Map.of("tag", "at", "user_id", u));
    if (atAll) ats.add(Map.of("tag", "at", "user_id", "all"));
    if (!ats.isEmpty()) lines.add(ats);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("msg_type", "post");
    m.put("content", Map.of("post", Map.of("zh_cn", Map.of("title", title, "content", lines))));
    return m;
  }

  static Map<String, Object> card(String title, String text, boolean firing, List<String> atUserIds, boolean atAll) {
    StringBuilder md = new StringBuilder(text);
    for (String u : atUserIds) md.append(" <at id=").append(u).append("></at>");
    if (atAll) md.append(" <at id=all></at>");
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("title", Map.of("tag", "plain_text", "content", title));
    header.put("template", firing ? "red" : "green");
    Map<String, Object> card = new LinkedHashMap<>();
    card.put("config", Map.of("wide_screen_mode", true));
    card.put("header", header);
    card.put("elements", List.of(Map.of("tag", "markdown", "content", md.toString())));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("msg_type", "interactive");
    m.put("card", card);
    return m;
  }
}
