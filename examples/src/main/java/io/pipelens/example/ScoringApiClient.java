package io.pipelens.example;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Calls the R plumber scoring service: {@code POST /score} with {@code {"rows": [...]}}, answer
 * {@code {"churn": [...]}}. The agent instruments {@link HttpClient} and sends {@code traceparent}.
 */
final class ScoringApiClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final URI score;

  ScoringApiClient(String baseUrl) {
    this.score = URI.create(baseUrl.replaceAll("/+$", "") + "/score");
  }

  List<Double> score(List<Map<String, Object>> rows) throws StepFailedException {
    try {
      HttpRequest request = HttpRequest.newBuilder(score)
          .timeout(Duration.ofSeconds(60))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(Map.of("rows", rows))))
          .build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new StepFailedException("score-api: " + score + " answered " + response.statusCode()
            + ": " + response.body());
      }
      JsonNode churn = JSON.readTree(response.body()).path("churn");
      if (!churn.isArray() || churn.size() != rows.size()) {
        throw new StepFailedException("score-api: expected 'churn' with " + rows.size()
            + " numbers, got " + response.body());
      }
      List<Double> out = new ArrayList<>();
      churn.forEach(v -> out.add(v.asDouble()));
      return out;
    } catch (IOException e) {
      throw new StepFailedException("score-api: " + score + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StepFailedException("score-api: interrupted", e);
    }
  }
}
