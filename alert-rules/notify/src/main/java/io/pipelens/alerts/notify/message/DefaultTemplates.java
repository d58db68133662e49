package io.pipelens.alerts.notify.message;

import io.pipelens.alerts.template.TemplateException;
import io.pipelens.alerts.template.Templates;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The built-in notification templates ({@code default.tmpl} next to this class): Alertmanager's
 * names for email/slack/wechat plus pipelens' bilingual dingtalk/feishu/wecom ones. User template
 * files parsed afterwards may redefine any of them.
 */
public final class DefaultTemplates {
  private static final String SOURCE = load();

  private DefaultTemplates() {}

  public static Templates create() {
    try {
      return Templates.create().parse("default.tmpl", SOURCE);
    } catch (TemplateException e) {
      throw new IllegalStateException("built-in default.tmpl is broken: " + e.getMessage(), e);
    }
  }

  private static String load() {
    try (InputStream in = DefaultTemplates.class.getResourceAsStream("default.tmpl")) {
      if (in == null) throw new IllegalStateException("default.tmpl missing from the classpath");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
