-- V2 copied the runs into experiment_runs and V3 the joined strings into arrays; what is left is
-- dead. (Dropping a column drops its index and foreign key on both databases.)
alter table runs drop column experiment_id;
alter table runs drop column step_seconds;
alter table runs drop column warnings;
