-- Users who sign in through the company's identity provider (OpenID Connect) are linked to it by
-- the issuer and their subject there, and have no local password.
alter table users add column oidc_issuer varchar(512);
alter table users add column oidc_subject varchar(255);
alter table users add constraint users_oidc_identity_unique unique (oidc_issuer, oidc_subject);
alter table users alter column password_hash drop not null;
