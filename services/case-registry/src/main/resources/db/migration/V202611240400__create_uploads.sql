-- Bulk uploads: one row per received file, its progress and outcome, and each rejected cell of it.
create table upload (
    id              uuid primary key,
    institution     varchar(64)  not null,
    country         varchar(3)   not null,
    on_behalf_of    varchar(64),
    idempotency_key varchar(128),
    body_sha256     varchar(64)  not null,
    format          varchar(16)  not null,
    mode            varchar(16)  not null,
    dry_run         boolean      not null,
    status          varchar(16)  not null,
    bytes           bigint       not null,
    bytes_read      bigint       not null default 0,
    rows_read       integer      not null default 0,
    rows_valid      integer      not null default 0,
    rows_invalid    integer      not null default 0,
    rows_written    integer      not null default 0,
    failure         varchar(500),
    created_by      varchar(255) not null,
    created_at      timestamptz  not null,
    started_at      timestamptz,
    finished_at     timestamptz,
    unique (institution, idempotency_key)
);

create table upload_error (
    upload_id   uuid        not null references upload (id),
    row_number  bigint      not null,
    column_name varchar(64),
    code        varchar(64) not null,
    message     text        not null,
    args        text
);
create index upload_error_by_upload on upload_error (upload_id, row_number);
