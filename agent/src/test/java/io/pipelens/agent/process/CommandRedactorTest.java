package io.pipelens.agent.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandRedactorTest {

  private static List<String> redact(String... command) {
    return CommandRedactor.redact(Arrays.asList(command));
  }

  @Test
  void masksTheValueAfterASecretFlag() {
    assertThat(redact("psql", "--password", "hunter2", "--token", "t0k", "--secret", "x", "-v"))
        .containsExactly("psql", "--password", "****", "--token", "****", "--secret", "****", "-v");
  }

  @Test
  void masksFlagsWithInlineValuesAndSecretLookingAssignments() {
    assertThat(redact("train", "--password=hunter2", "DB_PASSWORD=pw", "apiKey=k", "aws_secret_access_key=s"))
        .containsExactly("train", "--password=****", "DB_PASSWORD=****", "apiKey=****",
            "aws_secret_access_key=****");
    assertThat(redact("x", "--api-key", "k", "-auth-token", "t"))
        .containsExactly("x", "--api-key", "****", "-auth-token", "****");
  }

  @Test
  void keepsOrdinaryArgumentsIncludingLookAlikes() {
    assertThat(redact("python3", "train.py", "--tokenizer", "bert", "AUTHOR=ada", "--epochs=3",
        "key=value", "PWD=/tmp"))
        .containsExactly("python3", "train.py", "--tokenizer", "bert", "AUTHOR=ada", "--epochs=3",
            "key=value", "PWD=/tmp");
  }

  @Test
  void aSecretFlagAtTheEndHasNothingToMask() {
    assertThat(redact("tool", "--password")).containsExactly("tool", "--password");
  }

  @Test
  void executableNameIsTheLastPathElement() {
    assertThat(CommandRedactor.executableName("/usr/bin/python3")).isEqualTo("python3");
    assertThat(CommandRedactor.executableName("C:\\R\\bin\\Rscript.exe")).isEqualTo("Rscript.exe");
    assertThat(CommandRedactor.executableName("sh")).isEqualTo("sh");
    assertThat(CommandRedactor.executableName("")).isEqualTo("?");
  }
}
