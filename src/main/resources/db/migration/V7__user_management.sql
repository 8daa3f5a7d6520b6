-- User management: one-time passwords that must be changed, the last sign-in, the UI theme each
-- user chose, and usernames unique without regard to case ("Ada" and "ada" are one user).
alter table users add column must_change_password boolean default false not null;
alter table users add column last_sign_in_at timestamp with time zone;
alter table users add column theme varchar(8) default 'LIGHT' not null;
alter table users add column username_key varchar(80);

-- names that already differ only in case keep working: the later ones get their id appended to
-- the key, so that no existing user is lost to the new constraint
update users set username_key = case
    when exists (select 1 from users earlier
                 where lower(earlier.username) = lower(users.username) and earlier.id < users.id)
    then lower(username) || '#' || cast(id as varchar(18))
    else lower(username)
  end;

alter table users alter column username_key set not null;
-- not users_username_key: PostgreSQL gave that name to V1's unique constraint on username
alter table users add constraint users_username_key_unique unique (username_key);
