-- What a run was expected to take when it was submitted, beside what it took (estimate_seconds,
-- from V1, is the expected wall seconds): the band around it, the peak memory and device-seconds
-- expected, and what the estimate was based on. Estimates learn from the runs that finished last.
alter table runs add column estimate_seconds_low double precision;
alter table runs add column estimate_seconds_high double precision;
alter table runs add column estimate_peak_bytes bigint;
alter table runs add column estimate_device_seconds double precision;
alter table runs add column estimate_basis varchar(16);
create index runs_by_finished_at on runs (finished_at);
