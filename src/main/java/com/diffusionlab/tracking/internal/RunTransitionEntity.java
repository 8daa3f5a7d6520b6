package com.diffusionlab.tracking.internal;

import com.diffusionlab.tracking.RunStatus;
import com.diffusionlab.tracking.RunTransition;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of a run's history: written in the transaction that changes its status. */
@Entity
@Table(name = "run_transitions")
public class RunTransitionEntity {
  private static final int MAX_CAUSE = 1000;

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "run_id")
  private long runId;

  @Enumerated(EnumType.STRING)
  @Column(name = "from_status")
  private RunStatus from;

  @Enumerated(EnumType.STRING)
  @Column(name = "to_status")
  private RunStatus to;

  @Column(name = "happened_at")
  private Instant at;

  private String cause;

  private String node;

  private int attempt;

  protected RunTransitionEntity() {}

  public RunTransitionEntity(RunTransition transition) {
    this.runId = transition.runId();
    this.from = transition.from();
    this.to = transition.to();
    this.at = transition.at();
    String text = transition.cause();
    this.cause = text.length() <= MAX_CAUSE ? text : text.substring(0, MAX_CAUSE - 1) + "…";
    this.node = transition.node();
    this.attempt = transition.attempt();
  }

  public RunTransition toTransition() {
    return new RunTransition(runId, from, to, at, cause, node, attempt);
  }
}
