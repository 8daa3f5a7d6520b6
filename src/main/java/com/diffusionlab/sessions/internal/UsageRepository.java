package com.diffusionlab.sessions.internal;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface UsageRepository extends JpaRepository<UsageEntry, Long> {
  @Query("select coalesce(sum(u.deviceSeconds), 0) from UsageEntry u where u.sessionId = ?1")
  double sumDeviceSeconds(long sessionId);

  @Query("select coalesce(sum(u.cost), 0) from UsageEntry u where u.sessionId = ?1")
  double sumCost(long sessionId);
}
