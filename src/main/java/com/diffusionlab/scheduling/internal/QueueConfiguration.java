package com.diffusionlab.scheduling.internal;

import com.diffusionlab.LabNode;
import com.diffusionlab.engine.CachedModel;
import com.diffusionlab.engine.DiffusionEngine;
import com.diffusionlab.scheduling.internal.queue.BoundedRevive;
import com.diffusionlab.scheduling.internal.queue.ClaimPolicy;
import com.diffusionlab.scheduling.internal.queue.FairShareClock;
import com.diffusionlab.scheduling.internal.queue.FencedCompletion;
import com.diffusionlab.scheduling.internal.queue.JobQueue;
import com.diffusionlab.scheduling.internal.queue.LeasedTask;
import com.diffusionlab.scheduling.internal.queue.QueueDialect;
import com.diffusionlab.scheduling.internal.queue.QueueProperties;
import com.diffusionlab.scheduling.internal.queue.QueueWorker;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.Task;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The durable job queue on db-scheduler (docs/decisions/0001-job-queue-on-db-scheduler.md): the
 * queue that web nodes submit to, in the transaction that records a run, and this node's worker,
 * which runs generations when the node runs jobs.
 */
@Configuration(proxyBeanMethods = false)
class QueueConfiguration {

  @Bean
  QueueDialect queueDialect(DataSource dataSource) {
    return QueueDialect.of(dataSource);
  }

  @Bean
  FencedCompletion fencedCompletion(JdbcTemplate jdbc, TransactionTemplate transactions) {
    return new FencedCompletion(jdbc, transactions, JobQueue.TABLE);
  }

  @Bean
  FairShareClock fairShareClock(JdbcTemplate jdbc, QueueDialect dialect) {
    return new FairShareClock(jdbc, dialect);
  }

  /**
   * This node's worker claims jobs for its engine's device class, preferring those for the models
   * its engine holds loaded.
   */
  @Bean
  ClaimPolicy claimPolicy(DiffusionEngine engine, QueueProperties properties) {
    return new ClaimPolicy(
        engine.settings().deviceClass(),
        () -> engine.cachedModels().stream().map(CachedModel::contentHash).toList(),
        properties.affinitySlack());
  }

  @Bean(destroyMethod = "close")
  QueueWorker queueWorker(
      LabNode node,
      QueueProperties properties,
      QueueDialect dialect,
      ClaimPolicy policy,
      DataSource dataSource,
      JdbcTemplate jdbc) {
    if (!node.web() && dialect == QueueDialect.H2) {
      throw new IllegalStateException(
          "dlab worker needs the shared PostgreSQL database (--postgres or"
              + " SPRING_PROFILES_ACTIVE=postgres, with DLAB_DB_URL): the embedded H2 database"
              + " belongs to one workspace, which runs its jobs itself");
    }
    return new QueueWorker(node, properties, dialect, policy, dataSource, jdbc);
  }

  @Bean
  JobQueue jobQueue(
      DataSource dataSource,
      QueueDialect dialect,
      JdbcTemplate jdbc,
      FairShareClock fairShare,
      QueueWorker worker) {
    // db-scheduler takes a connection per call: through the proxy it joins the caller's
    // transaction, so a job is queued if and only if the run that it is for is recorded
    SchedulerClient client =
        SchedulerClient.Builder.create(new TransactionAwareDataSourceProxy(dataSource), List.of())
            .tableName(JobQueue.TABLE)
            .jdbcCustomization(dialect.customization())
            .build();
    return new JobQueue(client, jdbc, fairShare, worker);
  }

  @Bean
  BoundedRevive<Void> boundedRevive(
      QueueProperties properties, FencedCompletion completion, RunAttempts attempts) {
    return new BoundedRevive<>(properties.maxAttempts(), completion, attempts);
  }

  @Bean
  Task<Void> generationTask(
      GenerationWorker worker,
      FairShareClock fairShare,
      BoundedRevive<Void> revive,
      FencedCompletion completion) {
    return LeasedTask.of(
        JobQueue.GENERATE.getTaskName(),
        lease -> {
          fairShare.started(lease.tag());
          worker.run(lease);
        },
        revive,
        completion);
  }
}
