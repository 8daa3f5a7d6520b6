package com.diffusionlab.tracking.internal;

import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunOutput;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Selection;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.LongPredicate;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Component;

/**
 * A window of runs read as values rather than as managed entities. Exports walk 100,000 runs a
 * window at a time, and building an entity for each, with its three collections fetched in batches,
 * cost more than the reading: here a window is four queries, its runs' columns and then each
 * collection over the window's id range, with nothing left in the persistence context.
 */
@Component
public class RunWindowReader {
  private static final List<String> COLUMNS =
      Arrays.stream(RunColumns.class.getRecordComponents()).map(RecordComponent::getName).toList();

  private final EntityManager entityManager;

  RunWindowReader(EntityManager entityManager) {
    this.entityManager = entityManager;
  }

  /**
   * The runs matching {@code matching} with ids in (afterId, upToId] that {@code keep} accepts, in
   * id order. Call it in a transaction.
   *
   * @param experimentNames the name of an experiment by id (the caller caches them)
   */
  public List<Run> read(
      Specification<RunEntity> matching,
      long afterId,
      long upToId,
      LongPredicate keep,
      LongFunction<String> experimentNames) {
    CriteriaBuilder cb = entityManager.getCriteriaBuilder();
    CriteriaQuery<RunColumns> query = cb.createQuery(RunColumns.class);
    Root<RunEntity> run = query.from(RunEntity.class);
    query
        .select(
            cb.construct(
                RunColumns.class, COLUMNS.stream().map(run::get).toArray(Selection<?>[]::new)))
        .where(
            cb.and(
                matching.toPredicate(run, query, cb),
                cb.between(run.get("id"), afterId + 1, upToId)))
        .orderBy(cb.asc(run.get("id")));
    List<RunColumns> found =
        entityManager.createQuery(query).getResultList().stream()
            .filter(columns -> keep.test(columns.id()))
            .toList();
    if (found.isEmpty()) {
      return List.of();
    }
    long from = found.getFirst().id();
    long to = found.getLast().id();
    Map<Long, List<Long>> experiments =
        byRun("select run_id, experiment_id from experiment_runs", from, to, row -> number(row[1]));
    Map<Long, List<String>> tags =
        byRun("select run_id, tag from run_tags", from, to, row -> (String) row[1]);
    Map<Long, List<RunOutput>> outputs =
        byRun(
            "select run_id, output_index, seed, sha256, pixel_sha256, thumbnail from run_outputs",
            from,
            to,
            row ->
                new RunOutput(
                    (int) number(row[1]),
                    number(row[2]),
                    (String) row[3],
                    (String) row[4],
                    (String) row[5]));
    return found.stream()
        .map(
            columns ->
                columns.toRun(
                    experiments.getOrDefault(columns.id(), List.of()),
                    experimentNames,
                    tags.getOrDefault(columns.id(), List.of()),
                    outputs.getOrDefault(columns.id(), List.of())))
        .toList();
  }

  /**
   * A collection table's rows for the runs of an id range, by run, in key order: a range of the
   * table's primary key, which starts with the run.
   */
  private <T> Map<Long, List<T>> byRun(
      String select, long from, long to, Function<Object[], T> element) {
    Map<Long, List<T>> elements = new HashMap<>();
    List<?> rows =
        entityManager
            .createNativeQuery(select + " where run_id between ?1 and ?2 order by 1, 2")
            .setParameter(1, from)
            .setParameter(2, to)
            .getResultList();
    for (Object row : rows) {
      Object[] columns = (Object[]) row;
      elements
          .computeIfAbsent(number(columns[0]), id -> new ArrayList<>())
          .add(element.apply(columns));
    }
    return elements;
  }

  private static long number(Object value) {
    return ((Number) value).longValue();
  }
}
