-- The institution directory: who may write what follows an institution's kind (code list institution-kind).
create table institution (
    id            varchar(64) primary key,
    country       varchar(3),
    kind          varchar(64)  not null,
    name          varchar(255) not null,
    parent_id     varchar(64) references institution (id),
    contact_email varchar(255),
    contact_phone varchar(64),
    active        boolean      not null default true,
    created_at    timestamptz  not null,
    updated_at    timestamptz  not null,
    version       bigint       not null
);
create index institution_country_kind on institution (country, kind);

create table institution_aud (
    id            varchar(64) not null,
    rev           bigint      not null references revinfo (rev),
    revtype       smallint,
    country       varchar(3),
    kind          varchar(64),
    name          varchar(255),
    parent_id     varchar(64),
    contact_email varchar(255),
    contact_phone varchar(64),
    active        boolean,
    primary key (rev, id)
);
