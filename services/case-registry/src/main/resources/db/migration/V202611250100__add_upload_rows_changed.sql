-- Rows of an upload that inserted or changed a victim (the rest of the rows written were already as the file says).
alter table upload add column rows_changed integer not null default 0;
