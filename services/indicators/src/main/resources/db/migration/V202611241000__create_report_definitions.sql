-- Saved report definitions, per country: a named dynamic-report query that the country's analysts and approvers
-- share. Every change is an Envers revision (who, from which institution, in which request).
create table report_definition (
    id          uuid         primary key,
    country     varchar(3)   not null,
    name        varchar(200) not null,
    description text,
    query       text         not null,
    created_by  varchar(255) not null,
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null,
    version     bigint       not null,
    unique (country, name)
);

create table report_definition_aud (
    id          uuid    not null,
    rev         bigint  not null references revinfo (rev),
    revtype     smallint,
    country     varchar(3),
    name        varchar(200),
    description text,
    query       text,
    primary key (rev, id)
);

-- Approved snapshots also freeze the GLOTIP-style tables of their year (victims, persons suspected, prosecuted and
-- convicted), exact, so that the questionnaire workbook is exported from approved figures only. Older snapshots
-- have none. Adding a column changes no approved row.
alter table snapshot add column tables text;
