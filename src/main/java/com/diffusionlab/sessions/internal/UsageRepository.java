package com.diffusionlab.sessions.internal;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface UsageRepository extends JpaRepository<UsageEntry, Long> {

  /** A session's ledger summed up in one statement, so that the figures agree with each other. */
  interface Totals {
    double getUsed();

    double getReserved();

    double getCost();

    long getActive();
  }

  @Query(
      "select coalesce(sum(u.deviceSeconds), 0) as used,"
          + " coalesce(sum(u.reservedDeviceSeconds), 0) as reserved,"
          + " coalesce(sum(u.cost), 0) as cost,"
          + " coalesce(sum(case when u.settledAt is null then 1 else 0 end), 0) as active"
          + " from UsageEntry u where u.sessionId = ?1")
  Totals totals(long sessionId);

  Optional<UsageEntry> findByRunId(long runId);
}
