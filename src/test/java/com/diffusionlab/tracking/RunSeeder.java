package com.diffusionlab.tracking;

import com.diffusionlab.identity.LabUser;
import com.diffusionlab.sessions.PlaygroundSession;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Many finished runs written straight into the database, for benchmarks: realistic settings,
 * timings (20 step times each), figures, one output and a tag on 1% of them, all in one experiment.
 */
public final class RunSeeder {

  private static final String[] WORDS = {
    "cat", "dog", "castle", "portrait", "forest", "robot", "city", "ocean", "mountain", "flower"
  };
  private static final String[] SAMPLERS = {"euler", "euler_a", "dpmpp_2m", "ddim", "pndm"};
  private static final int STEPS = 20;

  private final JdbcTemplate jdbc;
  private final RunService runs;

  public RunSeeder(JdbcTemplate jdbc, RunService runs) {
    this.jdbc = jdbc;
    this.runs = runs;
  }

  /** A run's settings as the seeder writes them: prompt words, sampler and cfg vary with i. */
  public static GenerationSettings settings(int i) {
    String prompt =
        "a " + WORDS[i % WORDS.length] + " and a " + WORDS[(i / 10) % WORDS.length] + ", run " + i;
    return RecordedSettings.of(prompt, 1 + i % 12, SAMPLERS[i % SAMPLERS.length], i)
        .with(GenerationFields.NEGATIVE_PROMPT, "blurry")
        .with(GenerationFields.MODEL_NAME, "tiny-shapes");
  }

  /**
   * Writes {@code count} runs into {@code experiment} of the user's session, every output pointing
   * at the image {@code sha256} (which must be stored).
   *
   * @return the experiment's id
   */
  public long seed(
      LabUser user, PlaygroundSession session, String experiment, int count, String sha256) {
    Run first =
        runs.create(
            new NewRun(
                session.id(),
                experiment,
                null,
                user.id(),
                null,
                settings(0),
                1.0,
                RunEstimate.NONE));
    long experimentId =
        jdbc.queryForObject(
            "select experiment_id from experiment_runs where run_id = ?", Long.class, first.id());
    int batch = 2_000;
    for (int from = 1; from < count; from += batch) {
      List<Object[]> rows = new ArrayList<>();
      List<Object[]> outputs = new ArrayList<>();
      List<Object[]> tags = new ArrayList<>();
      List<Object[]> members = new ArrayList<>();
      for (int i = from; i < Math.min(count, from + batch); i++) {
        GenerationSettings p = settings(i);
        long id = first.id() + i;
        members.add(new Object[] {id, experimentId});
        Double[] steps = new Double[STEPS];
        Arrays.fill(steps, 0.03 + (i % 7) * 0.001);
        double total = 0.05 + STEPS * steps[0] + 0.04;
        rows.add(
            new Object[] {
              id,
              session.id(),
              user.id(),
              i % 10 == 0 ? "FAILED" : "SUCCEEDED",
              p.prompt(),
              p.negativePrompt(),
              p.modelName(),
              p.model(),
              p.sampler(),
              p.schedule(),
              p.eta(),
              p.steps(),
              p.cfg(),
              p.width(),
              p.height(),
              p.batch(),
              p.seed(),
              p.rng(),
              p.clipSkip(),
              Timestamp.from(Instant.ofEpochSecond(1_700_000_000L + i)),
              STEPS * steps[0],
              total,
              steps,
              "cpu",
              "fp32",
              "0.1.0",
              total,
              total / 3600 * 0.5,
              total * 0.9
            });
        outputs.add(new Object[] {id, p.seed()});
        if (i % 100 == 0) {
          tags.add(new Object[] {id});
        }
      }
      jdbc.batchUpdate(
          "insert into runs (id, session_id, user_id, status, prompt,"
              + " negative_prompt, model_name, model_hash, sampler, schedule, eta, steps, cfg,"
              + " width, height, batch, seed, rng, clip_skip, created_at, sampling_seconds,"
              + " total_seconds, step_durations, device, run_precision, engine_version,"
              + " device_seconds, cost, estimate_seconds)"
              + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
              + " ?, ?, ?, ?, ?)",
          rows);
      jdbc.batchUpdate(
          "insert into experiment_runs (run_id, experiment_id) values (?, ?)", members);
      jdbc.batchUpdate(
          "insert into run_outputs (run_id, output_index, seed, sha256, pixel_sha256, thumbnail)"
              + " values (?, 0, ?, '"
              + sha256
              + "', '"
              + sha256
              + "', '"
              + sha256
              + "')",
          outputs);
      jdbc.batchUpdate("insert into run_tags (run_id, tag) values (?, 'best')", tags);
      if ((from / batch) % 10 == 9) {
        System.out.printf("seeded %,d runs%n", from + rows.size());
      }
    }
    jdbc.execute("alter table runs alter column id restart with " + (first.id() + count));
    return experimentId;
  }
}
