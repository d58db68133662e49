package io.pipelens.example;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Writes the raw customer table a run starts from (no downloads: generated from a seed).
 * Columns: customer_id, age, income, visits, country. {@code shift} moves every visits value
 * (the feature the drift scenario shifts); a malformed row gets the age {@code "unknown"}, which
 * the feature job passes on and the R model refuses.
 */
public final class DataGenerator {
  private static final String[] COUNTRIES = {"de", "fr", "it", "es"};

  private DataGenerator() {}

  public static Path write(Path file, int rows, double shift, int malformedRow, long seed)
      throws IOException {
    Random random = new Random(seed);
    Files.createDirectories(file.getParent());
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("customer_id,age,income,visits,country\n");
      for (int i = 1; i <= rows; i++) {
        String age = i == malformedRow ? "unknown"
            : String.valueOf(18 + (int) Math.round(Math.abs(random.nextGaussian()) * 20));
        double income = Math.exp(10.5 + random.nextGaussian() * 0.4);
        double visits = Math.max(0, 6 + random.nextGaussian() * 2.5) + shift;
        String country = COUNTRIES[random.nextInt(COUNTRIES.length)];
        out.write(String.format(Locale.ROOT, "c%05d,%s,%.2f,%.3f,%s%n", i, age, income, visits,
            country));
      }
    }
    return file;
  }
}
