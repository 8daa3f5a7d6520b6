-- the text encoder's layer count bounds a generation's clip skip; filled when the registry scans
-- the models folder at start (0 until then, and for broken or missing models)
alter table model_versions add column text_encoder_layers integer not null default 0;
