package com.diffusionlab.tracking.internal;

import com.diffusionlab.tracking.RunStatus;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface RunRepository
    extends JpaRepository<RunEntity, Long>, JpaSpecificationExecutor<RunEntity> {

  long countBySessionIdAndStatusIn(long sessionId, Collection<RunStatus> statuses);

  List<RunEntity> findByStatusOrderByIdAsc(RunStatus status);

  List<RunEntity> findByParentIdOrderByIdAsc(long parentId);

  List<RunEntity> findByStatusAndFinishedAtGreaterThanEqualOrderByFinishedAtDesc(
      RunStatus status, Instant since, Pageable page);

  @Query("select r.cancelRequested from RunEntity r where r.id = :id")
  Optional<Boolean> cancelRequested(@Param("id") long id);

  /**
   * Per experiment and status: run count, device-seconds, cost and the latest activity (a run's
   * end, or its creation while it has not ended).
   */
  @Query(
      "select x, r.status, count(r), sum(r.deviceSeconds), sum(r.cost),"
          + " max(coalesce(r.finishedAt, r.createdAt))"
          + " from RunEntity r join r.experimentIds x where x in :ids group by x, r.status")
  List<Object[]> figuresByExperiment(@Param("ids") Collection<Long> ids);

  /**
   * The submitter and session of every run that refers to an image: as an output, a thumbnail, an
   * init image or a mask. Each is an index lookup (V19).
   */
  @Query(
      value =
          "select distinct r.user_id, r.session_id from runs r"
              + " where r.id in (select o.run_id from run_outputs o"
              + " where o.sha256 = :sha or o.thumbnail = :sha)"
              + " or r.init_image = :sha or r.mask_image = :sha",
      nativeQuery = true)
  List<Object[]> submittersAndSessionsReferring(@Param("sha") String sha256);
}
