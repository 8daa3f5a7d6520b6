-- An experiment's runs in id order straight from the index: exports walk them window by window.
drop index experiment_runs_experiment;
create index experiment_runs_experiment on experiment_runs (experiment_id, run_id);
