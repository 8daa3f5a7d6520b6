-- Issue 14, queue position, ETA and progress on every node. A job carries what it is expected to
-- keep a device slot busy (its estimated device-seconds, copied from the run as it is queued), so
-- that the queue's forecast reads the queue alone; jobs queued before this take their run's
-- estimated seconds.
alter table job_queue add column expected_seconds double precision;
update job_queue set expected_seconds = (
    select r.estimate_seconds from runs r where cast(r.id as varchar(20)) = job_queue.task_instance)
 where task_name = 'generate';

-- A running run's coarse progress, written by the worker that runs it (at most every 500 ms, and at
-- each stage) outside the run's fenced transactions, and read by every node. A table of its own:
-- the runs row carries the @Version that makes a cancel and a finishing worker exclusive; progress
-- written there would either bump it (and make those writes collide with every step) or, written
-- past it, be overwritten by the next JPA update of the run, and would hold the run's row lock at
-- every step. attempt keeps a worker whose job another took over from writing over the newer one.
create table run_progress (
    run_id           bigint primary key references runs (id) on delete cascade,
    attempt          integer not null,
    node             varchar(100) not null,
    stage            varchar(16) not null,
    step             integer not null,
    total_steps      integer not null,
    seconds_per_step double precision,
    started_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null
);
