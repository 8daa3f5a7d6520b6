-- The application's role (which ran this migration and so owns the table) may only add audit
-- entries: no UPDATE, DELETE or TRUNCATE, neither through its grants nor, should someone grant
-- them back, past the triggers below. Only a superuser can go around both, and verify names the
-- first entry such a change broke.
revoke update, delete, truncate on audit_log from public;
revoke update, delete, truncate on audit_log from current_user;

create function audit_log_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end
$$;

create trigger audit_log_no_update_or_delete before update or delete on audit_log
  for each row execute function audit_log_refuse_change();

create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_refuse_change();
