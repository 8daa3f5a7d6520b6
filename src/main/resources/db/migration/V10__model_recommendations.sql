-- What a model's card recommends generating with (Hugging Face card front matter,
-- inference.parameters); the defaults for that model before the workspace's configured ones.
alter table model_versions add column recommended_cfg double precision;
alter table model_versions add column recommended_steps integer;
alter table model_versions add column recommended_sampler varchar(32);
alter table model_versions add column recommended_width integer;
alter table model_versions add column recommended_height integer;
