-- The workspace's own approval moves (V21's upgrade, a first start's) were by 'system', which is
-- also a username one may create; the audit log's '(system)' is not, so both now use it. Only the
-- first status of a version is the workspace's own: an administrator's move always has a from.
update model_approval_changes set actor = '(system)' where actor = 'system' and from_status is null;
