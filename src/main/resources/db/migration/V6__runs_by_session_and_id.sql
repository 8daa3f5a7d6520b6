-- A window of a session's runs by id is a range of this index: without it, H2 answers such a
-- window by reading every run of the sessions (their foreign-key index) and filtering by id.
create index runs_session_id on runs (session_id, id);
