package io.pipelens.collector.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FingerprintsTest {

  @Test
  void messageNormalisationReplacesVariableParts() {
    assertThat(Fingerprints.normaliseMessage(
        "object at 0x7f3a2b1c0d10 id=42 key 'user-17' in /tmp/tmpab12cd/x.csv run 3f2a9c1e-1b2c-4d5e-8f90-123456789abc  took 1.5e3ms"))
        .isEqualTo("object at <hex> id=<num> key <str> in <path> run <uuid> took <num>ms");
    assertThat(Fingerprints.normaliseMessage("lock held by com.acme.Job@1b6d3586"))
        .isEqualTo(Fingerprints.normaliseMessage("lock held by com.acme.Job@7a81197d"))
        .isEqualTo("lock held by com.acme.Job@<id>");
  }

  @Test
  void pythonTypeIsGroupedBySimpleNameSoSdkAndTracebackAgree() {
    ParsedStack stack = new ParsedStack(Language.PYTHON, List.of(new ExceptionBlock("mypkg.errors.DataError", "",
        List.of(new StackFrame("load", "loader", "/srv/loader.py", 3, true)), ExceptionBlock.Relation.REPORTED)));

    assertThat(Fingerprints.of(Language.PYTHON, "DataError", "", stack))
        .isEqualTo(Fingerprints.of(Language.PYTHON, "mypkg.errors.DataError", "", stack));
  }

  @Test
  void temporaryModuleNamesAndLanguageMatter() {
    ParsedStack tmpA = new ParsedStack(Language.PYTHON, List.of(new ExceptionBlock("E", "",
        List.of(new StackFrame("f", "tmpa8f3k2l1", "/tmp/tmpa8f3k2l1.py", 3, true)), ExceptionBlock.Relation.REPORTED)));
    ParsedStack tmpB = new ParsedStack(Language.PYTHON, List.of(new ExceptionBlock("E", "",
        List.of(new StackFrame("f", "tmpzz91qq0x", "/tmp/tmpzz91qq0x.py", 8, true)), ExceptionBlock.Relation.REPORTED)));

    assertThat(Fingerprints.of(Language.PYTHON, "E", "", tmpA)).isEqualTo(Fingerprints.of(Language.PYTHON, "E", "", tmpB));
    assertThat(Fingerprints.of(Language.PYTHON, "E", "", tmpA)).isNotEqualTo(Fingerprints.of(Language.R, "E", "", tmpA));
  }

  @Test
  void withoutInAppFramesAllFramesAreUsedBeforeFallingBackToTheMessage() {
    ParsedStack libOnly = new ParsedStack(Language.JAVA, List.of(new ExceptionBlock("java.io.IOException", "",
        List.of(new StackFrame("read", "java.io.FileInputStream", "", 0, false)), ExceptionBlock.Relation.REPORTED)));
    ParsedStack otherLib = new ParsedStack(Language.JAVA, List.of(new ExceptionBlock("java.io.IOException", "",
        List.of(new StackFrame("write", "java.io.FileOutputStream", "", 0, false)), ExceptionBlock.Relation.REPORTED)));
    ParsedStack none = ParsedStack.empty(Language.JAVA);

    assertThat(Fingerprints.of(Language.JAVA, "java.io.IOException", "x", libOnly))
        .isNotEqualTo(Fingerprints.of(Language.JAVA, "java.io.IOException", "x", otherLib));
    assertThat(Fingerprints.of(Language.JAVA, "java.io.IOException", "disk 1 full", none))
        .isEqualTo(Fingerprints.of(Language.JAVA, "java.io.IOException", "disk 2 full", none))
        .isNotEqualTo(Fingerprints.of(Language.JAVA, "java.io.IOException", "permission denied", none));
  }
}
