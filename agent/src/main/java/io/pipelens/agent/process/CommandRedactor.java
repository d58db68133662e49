package io.pipelens.agent.process;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Makes a command line safe to record: the value after {@code --password}, {@code --token},
 * {@code --secret} (and similar flags), the value of {@code --password=...}, and the value of
 * {@code key=value} arguments whose key looks secret ({@code DB_PASSWORD=...}, {@code
 * api_key=...}) are replaced by {@value #MASK}.
 */
public final class CommandRedactor {

  public static final String MASK = "****";

  private static final Set<String> SECRET_WORDS =
      new HashSet<>(
          Arrays.asList(
              "password", "passwd", "passphrase", "secret", "secrets", "token", "tokens",
              "credential", "credentials", "auth", "apikey", "accesskey", "privatekey"));

  private static final Set<String> KEY_QUALIFIERS =
      new HashSet<>(Arrays.asList("api", "access", "private", "secret", "signing", "encryption"));

  private CommandRedactor() {}

  /** The redacted command, one element per argument; the executable is kept. */
  public static List<String> redact(List<String> command) {
    List<String> out = new ArrayList<>(command.size());
    boolean maskNext = false;
    for (int i = 0; i < command.size(); i++) {
      String arg = String.valueOf(command.get(i));
      if (i == 0) {
        out.add(arg);
      } else if (maskNext) {
        out.add(MASK);
        maskNext = false;
      } else if (isFlag(arg) && arg.indexOf('=') < 0 && looksSecret(arg)) {
        out.add(arg);
        maskNext = true;
      } else {
        out.add(redactAssignment(arg));
      }
    }
    return out;
  }

  /** The last path element of the executable: {@code /usr/bin/python3} gives {@code python3}. */
  public static String executableName(String executable) {
    if (executable == null || executable.isEmpty()) {
      return "?";
    }
    int slash = Math.max(executable.lastIndexOf('/'), executable.lastIndexOf('\\'));
    return slash >= 0 && slash < executable.length() - 1
        ? executable.substring(slash + 1)
        : executable;
  }

  private static String redactAssignment(String arg) {
    int eq = arg.indexOf('=');
    if (eq <= 0) {
      return arg;
    }
    String key = arg.substring(0, eq);
    return looksSecret(key) ? key + "=" + MASK : arg;
  }

  private static boolean isFlag(String arg) {
    return arg.startsWith("-") && arg.length() > 1;
  }

  /**
   * Splits the key into words ({@code --db-password}, {@code DB_PASSWORD}, {@code dbPassword} all
   * give "db", "password") so that {@code --tokenizer} or {@code AUTHOR} do not count.
   */
  static boolean looksSecret(String key) {
    List<String> words = words(key);
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      if (SECRET_WORDS.contains(word)) {
        return true;
      }
      if (word.equals("key") && i > 0 && KEY_QUALIFIERS.contains(words.get(i - 1))) {
        return true;
      }
    }
    return false;
  }

  private static List<String> words(String key) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      boolean boundary =
          !Character.isLetterOrDigit(c)
              || (Character.isUpperCase(c) && i > 0 && Character.isLowerCase(key.charAt(i - 1)));
      if (boundary && word.length() > 0) {
        words.add(word.toString().toLowerCase(Locale.ROOT));
        word.setLength(0);
      }
      if (Character.isLetterOrDigit(c)) {
        word.append(c);
      }
    }
    if (word.length() > 0) {
      words.add(word.toString().toLowerCase(Locale.ROOT));
    }
    return words;
  }
}
