-- Issue 15's audit log: append-only, hash-chained. Each entry's hash is SHA-256 over the previous
-- entry's hash and the entry's fields (governance.internal.audit.AuditHashes documents the
-- encoding, so that a tool outside the workspace can check the chain). Appends lock the one row of
-- audit_chain_head, so that concurrent transactions on any node form one chain.
create table audit_log (
  seq bigint primary key,
  recorded_at timestamp(6) with time zone not null,
  actor varchar(200) not null,
  address varchar(100) not null,
  action varchar(100) not null,
  target varchar(500) not null,
  outcome varchar(16) not null,
  detail varchar(4000) not null,
  previous_hash char(64) not null,
  hash char(64) not null
);

create index audit_log_actor on audit_log (actor, seq);
create index audit_log_action on audit_log (action, seq);
create index audit_log_recorded_at on audit_log (recorded_at);

-- the last entry's number and hash; the first entry's previous hash is 64 zeros
create table audit_chain_head (
  id integer primary key check (id = 1),
  seq bigint not null,
  hash char(64) not null
);

insert into audit_chain_head (id, seq, hash)
  values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
