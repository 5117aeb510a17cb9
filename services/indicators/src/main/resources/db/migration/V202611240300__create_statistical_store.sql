-- The de-identified statistical store, built only from the registry's change feed. Each row remembers the feed
-- position it was last written from; an event is applied only if it is newer, so replaying any range of the feed
-- changes nothing. The cursor moves in the same transaction as the rows.
create table feed_cursor (
    id         integer primary key check (id = 1),
    position   bigint      not null,
    updated_at timestamptz not null
);
insert into feed_cursor (id, position, updated_at) values (1, 0, now());

create table stat_case (
    case_id                 uuid primary key,
    country                 varchar(3)  not null,
    owning_institution      varchar(64),
    owning_institution_kind varchar(64),
    opened_on               date,
    complaint_channel       varchar(64),
    exploitation_forms      varchar(64)[] not null default '{}',
    flow_level              varchar(64),
    stage                   varchar(64),
    status                  varchar(16),
    coding                  text,
    source_position         bigint      not null
);

create table stat_victim (
    victim_id                    uuid primary key,
    victim_key                   uuid        not null,
    case_id                      uuid        not null,
    country                      varchar(3)  not null,
    sex                          varchar(64),
    age_at_identification        integer,
    age_at_exploitation          integer,
    minor                        boolean,
    nationality                  varchar(3),
    exploitation_primary         varchar(64),
    exploitation_other           varchar(64)[] not null default '{}',
    identification_date          date,
    identifying_institution      varchar(64),
    identifying_institution_kind varchar(64),
    status                       varchar(64),
    coding                       text,
    source_position              bigint      not null
);
create index stat_victim_country_identified on stat_victim (country, identification_date);

create table stat_suspect (
    suspect_id        uuid primary key,
    case_id           uuid       not null,
    country           varchar(3) not null,
    sex               varchar(64),
    age               integer,
    nationality       varchar(3),
    role              varchar(64),
    organization_type varchar(64),
    source_position   bigint     not null
);

create table stat_proceeding (
    proceeding_id    uuid primary key,
    case_id          uuid       not null,
    country          varchar(3) not null,
    type             varchar(64),
    occurred_on      date,
    institution_kind varchar(64),
    suspect_id       uuid,
    victim_key       uuid,
    outcome          varchar(64),
    source_position  bigint     not null
);

create table stat_assistance (
    assistance_id    uuid primary key,
    case_id          uuid       not null,
    country          varchar(3) not null,
    victim_key       uuid,
    type             varchar(64),
    institution_kind varchar(64),
    started_on       date,
    source_position  bigint     not null
);
