-- Who uploaded an image: an upload no run uses yet is readable by its uploader (and admins) alone.
create table artifact_uploads (
    sha256       varchar(64)              not null references artifacts (sha256),
    user_id      bigint                   not null references users (id),
    uploaded_at  timestamp with time zone not null,
    primary key (sha256, user_id)
);

-- Reading an image by its hash asks which runs refer to it (PostgreSQL does not index the
-- referencing side of a foreign key by itself).
create index run_outputs_sha256 on run_outputs (sha256);
create index run_outputs_thumbnail on run_outputs (thumbnail);
create index runs_init_image on runs (init_image);
create index runs_mask_image on runs (mask_image);
create index image_differences_heatmap on image_differences (heatmap_sha256);
