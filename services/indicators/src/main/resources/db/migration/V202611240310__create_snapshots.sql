-- Approved national figures: an immutable snapshot per country, year and version, with who approved it, why
-- (for corrections), the figures with their provenance, and the difference from the previous version.
create table snapshot (
    id          uuid primary key,
    country     varchar(3)   not null,
    year        integer      not null,
    version     integer      not null check (version >= 1),
    approved_by varchar(255) not null,
    approved_at timestamptz  not null,
    reason      text,
    content     text         not null,
    diff        text,
    unique (country, year, version)
);

create function refuse_change_of_snapshot() returns trigger
    language plpgsql as
$$
begin
    raise exception 'approved snapshots are immutable; approve a new version instead';
end
$$;

create trigger snapshot_is_immutable before update or delete on snapshot
    for each row execute function refuse_change_of_snapshot();
