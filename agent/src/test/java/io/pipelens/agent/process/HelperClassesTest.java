package io.pipelens.agent.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The advice runs inside java.lang.ProcessBuilder; any class it reaches that the agent does not
 * inject into the bootstrap class loader fails with NoClassDefFoundError at the user's
 * ProcessBuilder.start() (swallowed, so the feature silently stops). Nothing generates the list
 * for us (no muzzle plugin under Maven), so this test keeps it complete.
 */
class HelperClassesTest {

  private static final Set<String> AGENT_SIDE =
      Set.of(
          ProcessInstrumentationModule.class.getName(),
          ProcessBuilderInstrumentation.class.getName(),
          ProcessExitInstrumentation.class.getName(),
          ProcessIgnoredTypes.class.getName());

  @Test
  void everyClassOfTheProcessAndContextPackagesIsAHelperOrAgentSide() throws Exception {
    List<String> compiled =
        Stream.concat(classesIn("io/pipelens/agent/process"), classesIn("io/pipelens/agent/context"))
            .filter(name -> AGENT_SIDE.stream().noneMatch(name::startsWith))
            .sorted()
            .collect(Collectors.toList());

    assertThat(ProcessInstrumentationModule.HELPERS).containsExactlyInAnyOrderElementsOf(compiled);
  }

  private static Stream<String> classesIn(String packagePath)
      throws URISyntaxException, IOException {
    Path root =
        Paths.get(ChildProcessTracer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path dir = root.resolve(packagePath);
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> root.relativize(p).toString())
          .filter(p -> p.endsWith(".class"))
          .map(p -> p.substring(0, p.length() - ".class".length()).replace('/', '.'))
          .collect(Collectors.toList())
          .stream();
    }
  }
}
