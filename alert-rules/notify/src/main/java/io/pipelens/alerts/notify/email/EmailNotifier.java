package io.pipelens.alerts.notify.email;

import io.pipelens.alerts.notify.Notification;
import io.pipelens.alerts.notify.IntegrationNotifier;
import io.pipelens.alerts.notify.NotifyException;
import io.pipelens.alerts.notify.config.EmailConfig;
import io.pipelens.alerts.notify.message.Renderer;
import io.pipelens.alerts.notify.message.TemplateData;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Clock;
import java.util.Date;
import java.util.Map;
import java.util.Properties;

/**
 * Sends e-mail over SMTP with Jakarta Mail (Angus): implicit TLS or STARTTLS (required when
 * {@code require_tls}), AUTH with username/password, a multipart/alternative body with the text
 * part (when the text template is non-empty) and the HTML part. Headers are templates.
 * Authentication failures and a missing STARTTLS are not retried; connection problems are.
 */
public final class EmailNotifier extends IntegrationNotifier {
  private final EmailConfig config;
  private final Renderer renderer;
  private final Clock clock;

  public EmailNotifier(EmailConfig config, Renderer renderer, Clock clock, int index) {
    super("email", index, config.sendResolved());
    this.config = config;
    this.renderer = renderer;
    this.clock = clock;
  }

  @Override
  public void send(Notification n) throws NotifyException {
    TemplateData data = n.data();
    Session session = Session.getInstance(properties());
    MimeMessage msg = new MimeMessage(session);
    try {
      for (Map.Entry<String, String> h : config.headers().entrySet()) {
        String value = renderer.render(h.getValue(), data);
        switch (h.getKey()) {
          case "Subject" -> msg.setSubject(value, "UTF-8");
          case "From" -> msg.setFrom(new InternetAddress(value, true));
          case "To" -> msg.setRecipients(Message.RecipientType.TO, InternetAddress.parse(value, true));
          default -> msg.setHeader(h.getKey(), value);
        }
      }
      msg.setSentDate(Date.from(clock.instant()));
      String html = renderer.render(config.html(), data);
      String text = renderer.render(config.text(), data);
      MimeMultipart alt = new MimeMultipart("alternative");
      if (!text.isEmpty()) {
        MimeBodyPart t = new MimeBodyPart();
        t.setText(text, "UTF-8", "plain");
        alt.addBodyPart(t);
      }
      if (!html.isEmpty()) {
        MimeBodyPart h = new MimeBodyPart();
        h.setText(html, "UTF-8", "html");
        alt.addBodyPart(h);
      }
      if (alt.getCount() == 0) throw new NotifyException("email_empty", false, "both html and text bodies are empty");
      msg.setContent(alt);
      try (Transport transport = session.getTransport(config.implicitTls() ? "smtps" : "smtp")) {
        transport.connect(config.host(), config.port(), config.authUsername(), config.authPassword());
        transport.sendMessage(msg, msg.getAllRecipients());
      }
    } catch (AuthenticationFailedException e) {
      throw new NotifyException("email_auth", false, null,
          "SMTP authentication failed at " + config.smarthost() + " for user " + config.authUsername(), null);
    } catch (MessagingException e) {
      String m = String.valueOf(e.getMessage());
      if (m.contains("STARTTLS")) {
        throw new NotifyException("email_starttls", false, null,
            "require_tls is set but " + config.smarthost() + " does not offer STARTTLS: " + m, null);
      }
      throw new NotifyException("email_smtp", true, null, "SMTP error at " + config.smarthost() + ": " + m, null);
    }
  }

  private Properties properties() {
    String proto = config.implicitTls() ? "smtps" : "smtp";
    Properties p = new Properties();
    p.put("mail." + proto + ".host", config.host());
    p.put("mail." + proto + ".port", String.valueOf(config.port()));
    p.put("mail." + proto + ".localhost", config.hello());
    p.put("mail." + proto + ".connectiontimeout", "10000");
    p.put("mail." + proto + ".timeout", "30000");
    p.put("mail." + proto + ".writetimeout", "30000");
    boolean auth = config.authUsername() != null && !config.authUsername().isEmpty();
    p.put("mail." + proto + ".auth", String.valueOf(auth));
    if (auth && config.authIdentity() != null) p.put("mail." + proto + ".sasl.authorizationid", config.authIdentity());
    if (!config.implicitTls()) {
      p.put("mail.smtp.starttls.enable", "true");
      p.put("mail.smtp.starttls.required", String.valueOf(config.requireTls()));
    }
    if (config.insecureSkipVerify()) {
      p.put("mail." + proto + ".ssl.trust", "*");
      p.put("mail." + proto + ".ssl.checkserveridentity", "false");
    } else {
      p.put("mail." + proto + ".ssl.checkserveridentity", "true");
    }
    return p;
  }
}
