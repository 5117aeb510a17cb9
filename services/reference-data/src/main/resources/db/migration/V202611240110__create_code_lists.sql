-- Versioned, multilingual code lists. A version is published whole and never changes afterwards: corrections make a
-- new version. The triggers below refuse any UPDATE or DELETE on published content, whoever tries.
create table code_list (
    id         varchar(64) primary key,
    country    varchar(3),
    created_at timestamptz not null default now()
);

create table code_list_version (
    id             uuid primary key,
    code_list_id   varchar(64)  not null references code_list (id),
    version        integer      not null check (version >= 1),
    name_en        text         not null,
    name_es        text         not null,
    name_fr        text         not null,
    name_pt        text         not null,
    description    text,
    change_summary text         not null,
    change_reason  text         not null,
    content_hash   varchar(64)  not null,
    published_at   timestamptz  not null,
    published_by   varchar(255) not null,
    unique (code_list_id, version)
);

create table code (
    version_id  uuid        not null references code_list_version (id),
    position    integer     not null,
    code        varchar(64) not null,
    parent_code varchar(64),
    label_en    text        not null check (label_en <> ''),
    label_es    text        not null check (label_es <> ''),
    label_fr    text        not null check (label_fr <> ''),
    label_pt    text        not null check (label_pt <> ''),
    description text,
    flags       varchar(32)[] not null default '{}',
    valid_from  date,
    valid_to    date,
    primary key (version_id, code),
    foreign key (version_id, parent_code) references code (version_id, code)
);

create table code_mapping (
    version_id uuid        not null,
    code       varchar(64) not null,
    scheme     varchar(32) not null,
    target     varchar(64) not null,
    primary key (version_id, code, scheme, target),
    foreign key (version_id, code) references code (version_id, code)
);

create function refuse_change_of_published_code_list() returns trigger
    language plpgsql as
$$
begin
    raise exception 'published code list versions are immutable (table %); publish a new version instead', tg_table_name;
end
$$;

create trigger code_list_version_is_immutable before update or delete on code_list_version
    for each row execute function refuse_change_of_published_code_list();
create trigger code_is_immutable before update or delete on code
    for each row execute function refuse_change_of_published_code_list();
create trigger code_mapping_is_immutable before update or delete on code_mapping
    for each row execute function refuse_change_of_published_code_list();
