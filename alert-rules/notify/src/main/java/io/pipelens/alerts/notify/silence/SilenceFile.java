package io.pipelens.alerts.notify.silence;

import com.fasterxml.jackson.core.type.TypeReference;
import io.pipelens.alerts.notify.alert.Matcher;
import io.pipelens.alerts.notify.http.Json;
import io.pipelens.alerts.notify.nflog.AtomicFile;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** silences.json: the v2 API shape of each silence, written atomically. */
final class SilenceFile {
  record MatcherJson(String name, String value, boolean isRegex, boolean isEqual) {}

  record SilenceJson(String id, List<MatcherJson> matchers, String startsAt, String endsAt, String updatedAt,
      String createdBy, String comment) {}

  private final Path path;

  SilenceFile(Path path) {
    this.path = path;
  }

  List<Silence> load() {
    List<SilenceJson> raw = AtomicFile.read(path, new TypeReference<List<SilenceJson>>() {});
    List<Silence> out = new ArrayList<>();
    if (raw == null) return out;
    for (SilenceJson j : raw) {
      List<Matcher> ms = new ArrayList<>();
      for (MatcherJson m : j.matchers()) ms.add(Matcher.fromApi(m.name(), m.value(), m.isRegex(), m.isEqual()));
      out.add(new Silence(j.id(), ms, Instant.parse(j.startsAt()), Instant.parse(j.endsAt()),
          Instant.parse(j.updatedAt()), j.createdBy(), j.comment()));
    }
    return out;
  }

  void save(Collection<Silence> silences) {
    List<SilenceJson> out = new ArrayList<>();
    for (Silence s : silences) {
      List<MatcherJson> ms = new ArrayList<>();
      for (Matcher m : s.matchers()) ms.add(new MatcherJson(m.name(), m.value(), m.isRegex(), m.isEqual()));
      out.add(new SilenceJson(s.id(), ms, Json.time(s.startsAt()), Json.time(s.endsAt()), Json.time(s.updatedAt()),
          s.createdBy(), s.comment()));
    }
    AtomicFile.write(path, out);
  }
}
