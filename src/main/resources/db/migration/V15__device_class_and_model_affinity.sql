-- Issue 14, device classes and model affinity (README, Queue and workers): a job may ask for a device
-- class (a replay asks for its original's), and carries its model's content hash, so that a worker
-- claims only jobs it can serve and prefers, near the head of the fair-share order, jobs for models
-- it holds loaded. Columns of db-scheduler's table that db-scheduler itself neither writes nor reads:
-- the job's transaction sets them after queueing it. Null device class: any device.
alter table job_queue add column device_class varchar(16);
alter table job_queue add column model_hash varchar(64);

-- the class of device a node runs jobs on (cpu, gpu), its model cache's budget, and the models it
-- holds loaded, renewed with its heartbeat
alter table workspace_nodes add column device_class varchar(16);
alter table workspace_nodes add column model_cache_bytes bigint;
create table node_models (
    node_name    varchar(100) not null references workspace_nodes (name) on delete cascade,
    content_hash varchar(64) not null,
    name         varchar(200) not null,
    bytes        bigint not null,
    in_use       boolean not null,
    primary key (node_name, content_hash)
);
