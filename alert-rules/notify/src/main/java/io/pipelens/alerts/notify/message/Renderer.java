package io.pipelens.alerts.notify.message;

import io.pipelens.alerts.notify.NotifyException;
import io.pipelens.alerts.template.TemplateException;
import io.pipelens.alerts.template.Templates;

/** Executes a configured template text against notification data; failures become non-retryable errors. */
public final class Renderer {
  private final Templates templates;

  public Renderer(Templates templates) {
    this.templates = templates;
  }

  public String render(String templateText, TemplateData data) throws NotifyException {
    try {
      return templates.executeText(templateText, data);
    } catch (TemplateException e) {
      throw new NotifyException("template", false, null, "template failed: " + e.getMessage(), e);
    }
  }
}
