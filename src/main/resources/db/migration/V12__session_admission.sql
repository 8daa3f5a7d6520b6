-- Issue 14, quotas that hold: administrators set a session's priority and close sessions; each
-- user has at most one default playground; the ledger has one line per run, which reserves the
-- run's estimate while it is queued or running and is settled to what it used when it ends.

alter table playground_sessions add column priority integer default 1 not null;
alter table playground_sessions add column closed_at timestamp with time zone;
alter table playground_sessions add column default_for bigint;

-- the first "My playground" of each owner is their default; parallel first submissions may have
-- made more, which stay as ordinary sessions
update playground_sessions set default_for = owner_id
 where id in (select min(id) from playground_sessions where name = 'My playground' group by owner_id);
alter table playground_sessions add constraint playground_sessions_default_for_unique unique (default_for);

alter table usage_ledger add column reserved_device_seconds double precision default 0 not null;
alter table usage_ledger add column settled_at timestamp with time zone;
update usage_ledger set settled_at = recorded_at;

-- one line per run: a run charged twice keeps the sum on its first line
update usage_ledger
   set device_seconds = (select sum(d.device_seconds) from usage_ledger d where d.run_id = usage_ledger.run_id),
       cost = (select sum(d.cost) from usage_ledger d where d.run_id = usage_ledger.run_id)
 where id = (select min(m.id) from usage_ledger m where m.run_id = usage_ledger.run_id);
delete from usage_ledger
 where id > (select min(m.id) from usage_ledger m where m.run_id = usage_ledger.run_id);
alter table usage_ledger add constraint usage_ledger_run_unique unique (run_id);

-- runs queued or running now hold their estimate, as runs admitted from now on do
insert into usage_ledger (session_id, run_id, reserved_device_seconds, device_seconds, cost, recorded_at)
select r.session_id, r.id, coalesce(r.estimate_seconds, 0), 0, 0, r.created_at
  from runs r
 where r.status in ('QUEUED', 'RUNNING')
   and not exists (select 1 from usage_ledger u where u.run_id = r.id);
