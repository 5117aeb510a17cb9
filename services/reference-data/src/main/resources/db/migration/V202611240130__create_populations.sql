-- Population denominators: versioned datasets per country; an import always makes a new version, and one version
-- per country is "in use" (chosen by a national approver). Figures of a dataset never change.
create table population_dataset (
    id          uuid primary key,
    country     varchar(3)   not null,
    version     integer      not null check (version >= 1),
    source      text         not null,
    imported_at timestamptz  not null,
    imported_by varchar(255) not null,
    in_use      boolean      not null default false,
    in_use_by   varchar(255),
    in_use_at   timestamptz,
    row_version bigint       not null,
    unique (country, version)
);
create unique index population_dataset_one_in_use on population_dataset (country) where in_use;

create table population_dataset_aud (
    id        uuid   not null,
    rev       bigint not null references revinfo (rev),
    revtype   smallint,
    country   varchar(3),
    version   integer,
    source    text,
    in_use    boolean,
    in_use_by varchar(255),
    in_use_at timestamptz,
    primary key (rev, id)
);

create table population_figure (
    dataset_id uuid        not null references population_dataset (id),
    year       integer     not null check (year between 1950 and 2100),
    sex        varchar(8)  not null,
    age_group  varchar(16) not null,
    population bigint      not null check (population >= 0),
    primary key (dataset_id, year, sex, age_group)
);

create trigger population_figure_is_immutable before update or delete on population_figure
    for each row execute function refuse_change_of_published_code_list();
