package io.pipelens.collector.rules;

import io.pipelens.alerts.rules.runtime.ReloadResult;
import io.pipelens.alerts.rules.runtime.RulesApiJson;
import io.pipelens.collector.auth.BearerAuth;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * On the API port: {@code GET /api/v1/rules} and {@code GET /api/v1/alerts} in Prometheus's JSON
 * (behind the query token like all of /api), and {@code POST|PUT /-/reload}, which reloads the rule
 * files (also behind the query token: it is an admin action). Reload answers 200, or 500 with
 * {@code failed to reload config: ...} naming every problem, as Prometheus does. Work runs on a
 * worker thread.
 */
final class RulesRoutes {
  private final Vertx vertx;
  private final RulesService rules;
  private final BearerAuth auth;

  RulesRoutes(Vertx vertx, RulesService rules, BearerAuth auth) {
    this.vertx = vertx;
    this.rules = rules;
    this.auth = auth;
  }

  void mount(Router router) {
    router.get("/api/v1/rules").handler(ctx -> json(ctx, () -> {
      try {
        return new Answer(200, RulesApiJson.rules(rules.manager().groups(), ctx.queryParams().get("type")));
      } catch (IllegalArgumentException e) {
        return new Answer(400, RulesApiJson.error("bad_data", e.getMessage()));
      }
    }));
    router.get("/api/v1/alerts").handler(ctx -> json(ctx,
        () -> new Answer(200, RulesApiJson.alerts(rules.manager().groups()))));
    router.post("/-/reload").handler(auth.routeHandler(BearerAuth.Scope.QUERY)).handler(this::reload);
    router.put("/-/reload").handler(auth.routeHandler(BearerAuth.Scope.QUERY)).handler(this::reload);
  }

  private record Answer(int status, String body) {}

  private void json(RoutingContext ctx, java.util.concurrent.Callable<Answer> work) {
    vertx.executeBlocking(work, false).onSuccess(a -> ctx.response().setStatusCode(a.status())
        .putHeader("Content-Type", "application/json").end(a.body())).onFailure(ctx::fail);
  }

  private void reload(RoutingContext ctx) {
    vertx.executeBlocking(rules::reload, false).onSuccess(r -> {
      if (r.successful()) {
        ctx.response().setStatusCode(200).end();
      } else {
        ctx.response().setStatusCode(500).putHeader("Content-Type", "text/plain; charset=utf-8")
            .end(message(r));
      }
    }).onFailure(ctx::fail);
  }

  static String message(ReloadResult r) {
    return "failed to reload config: " + String.join("\n", r.errors()) + "\n";
  }
}
