-- Access checks read a case's shares on every request about the case.
create index case_share_by_case on case_share (case_id);
create index suspect_by_case_created on suspect (case_id, created_at);
