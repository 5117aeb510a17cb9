-- Append-only access log: who read or tried to read what, when, why, with what outcome. Each entry carries the
-- SHA-256 of the previous entry's hash and its own content, so that any change or deletion breaks the chain
-- (GET /api/v1/audit/verify). UPDATE and DELETE are refused by trigger for every role; in external mode the
-- application role should also be granted INSERT and SELECT only (docs/operations.md).
create table access_log (
    id            bigserial primary key,
    at            timestamptz  not null,
    user_id       varchar(64),
    username      varchar(255),
    institution   varchar(64),
    country       varchar(3),
    action        varchar(64)  not null,
    resource_type varchar(32)  not null,
    resource_id   varchar(64),
    purpose       varchar(500),
    outcome       varchar(16)  not null,
    request_id    varchar(64),
    prev_hash     varchar(64)  not null,
    hash          varchar(64)  not null
);

create function refuse_change_of_append_only() returns trigger
    language plpgsql as
$$
begin
    raise exception 'table % is append-only', tg_table_name;
end
$$;

create trigger access_log_is_append_only before update or delete on access_log
    for each row execute function refuse_change_of_append_only();

-- Transactional outbox: de-identified statistical events written in the same transaction as the change. The
-- position orders the feed; writers serialize on an advisory lock so positions become visible in order.
create table outbox_event (
    position       bigserial primary key,
    occurred_at    timestamptz not null,
    type           varchar(64) not null,
    aggregate_type varchar(32) not null,
    aggregate_id   uuid        not null,
    case_id        uuid        not null,
    country        varchar(3)  not null,
    payload        text        not null
);

create trigger outbox_event_is_append_only before update or delete on outbox_event
    for each row execute function refuse_change_of_append_only();
