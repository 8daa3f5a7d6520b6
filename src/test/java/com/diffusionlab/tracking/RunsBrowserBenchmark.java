package com.diffusionlab.tracking;

import com.diffusionlab.PersistenceSlice;
import com.diffusionlab.TestSessions;
import com.diffusionlab.TestUsers;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.LabUser;
import com.diffusionlab.identity.Role;
import com.diffusionlab.sessions.PlaygroundSession;
import com.diffusionlab.sessions.Quota;
import com.diffusionlab.sessions.SessionService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * How quickly the runs browser pages through 100,000 runs in the default H2 file database: the
 * grid's page (50 rows, newest first) for the queries people type, near the top and 50,000 rows
 * down, through {@link RunService#browse} (what the grid calls) and {@link RunService#search} (what
 * REST calls, with its count). Not part of the suite; run it with
 *
 * <pre>./mvnw test -Dtest=RunsBrowserBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * ({@code -Ddlab.bench.runs=N} for another size). Prints a table and writes
 * docs/benchmarks/runs-browser.md.
 */
@PersistenceSlice
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class RunsBrowserBenchmark {

  private static final int RUNS = Integer.getInteger("dlab.bench.runs", 100_000);
  private static final int PAGE = 50;
  private static final int REPEATS = 7;
  private static final String SHA = "ab".repeat(32);

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) throws IOException {
    Path folder = Files.createTempDirectory("dlab-bench-");
    registry.add(
        "spring.datasource.url",
        () -> "jdbc:h2:file:" + folder.resolve("db") + ";CACHE_SIZE=131072");
  }

  @Autowired IdentityService identity;
  @Autowired SessionService sessions;
  @Autowired RunService runs;
  @Autowired JdbcTemplate jdbc;

  private record Measurement(String query, String where, double browseMs, double searchMs) {}

  @Test
  void pagesThroughManyRuns() throws IOException {
    LabUser user = TestUsers.ensure(identity, "bench", Role.RESEARCHER);
    PlaygroundSession session =
        TestSessions.create(sessions, user, "bench", new Quota(1e9, 1, 1 << 20, 150, 8));
    long seeded = System.nanoTime();
    jdbc.update(
        "insert into artifacts (sha256, media_type, size_bytes, width, height, created_at)"
            + " values (?, 'image/png', 100, 64, 64, ?)",
        SHA,
        Timestamp.from(Instant.now()));
    new RunSeeder(jdbc, runs).seed(user, session, "bench", RUNS, SHA);
    double seedSeconds = (System.nanoTime() - seeded) / 1e9;

    List<Measurement> measurements = new ArrayList<>();
    for (String query :
        List.of(
            "",
            "cfg > 7 and sampler = 'euler'",
            "prompt ~ 'cat'",
            "tag = 'best'",
            "cfg > 7 and sampler = 'euler' and prompt ~ 'cat' and tag = 'best'",
            "status = 'failed' or seed < 1000")) {
      measurements.add(measure(query, session, 0, "top"));
    }
    measurements.add(measure("", session, RUNS / 2 / PAGE, "row " + RUNS / 2));
    measurements.add(measure("prompt ~ 'cat'", session, RUNS / 20 / PAGE, "row " + RUNS / 20));
    report(measurements, seedSeconds);
  }

  private Measurement measure(String query, PlaygroundSession session, int page, String where) {
    PageRequest request = PageRequest.of(page, PAGE, Sort.by(Sort.Order.desc("id")));
    List<Long> sessionIds = List.of(session.id());
    double browse = median(() -> runs.browse(query, sessionIds, request).getNumberOfElements());
    double search = median(() -> runs.search(query, sessionIds, request).getNumberOfElements());
    return new Measurement(query.isEmpty() ? "(all runs)" : query, where, browse, search);
  }

  private static double median(Supplier<Integer> fetch) {
    for (int warmup = 0; warmup < 2; warmup++) {
      fetch.get();
    }
    double[] millis = new double[REPEATS];
    for (int i = 0; i < REPEATS; i++) {
      long start = System.nanoTime();
      fetch.get();
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(millis);
    return millis[REPEATS / 2];
  }

  private static void report(List<Measurement> measurements, double seedSeconds)
      throws IOException {
    StringBuilder table = new StringBuilder();
    table.append("| query | page at | grid page (ms) | REST page with count (ms) |\n");
    table.append("|---|---|---:|---:|\n");
    for (Measurement m : measurements) {
      table.append(
          String.format(
              Locale.ROOT,
              "| `%s` | %s | %.1f | %.1f |%n",
              m.query(),
              m.where(),
              m.browseMs(),
              m.searchMs()));
    }
    System.out.println(table);
    String markdown =
        String.format(
            Locale.ROOT,
            """
            # Runs browser at %,d runs

            Measured by `./mvnw test -Dtest=RunsBrowserBenchmark -Dsurefire.failIfNoSpecifiedTests=false`
            (class `RunsBrowserBenchmark`) on %s, %d cores, Java %s, H2 file database (the default),
            %,d runs in one session (one output each, 1%% tagged `best`, seeded in %.0f s).

            Each figure is the median of %d fetches of one grid page (%d rows, newest first) after two
            warm-up fetches, through the same service methods the app uses: the runs grid calls
            `RunService.browse` (a slice, no count), REST `GET /api/v1/runs` calls `RunService.search`
            (the page and the total count).

            %s
            """,
            RUNS,
            System.getProperty("os.name") + " " + System.getProperty("os.arch"),
            Runtime.getRuntime().availableProcessors(),
            System.getProperty("java.version"),
            RUNS,
            seedSeconds,
            REPEATS,
            PAGE,
            table);
    Path out = Path.of("docs/benchmarks/runs-browser.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, markdown);
  }
}
