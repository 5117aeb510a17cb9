-- The system of record. Statistical attributes are coded against reference-data code lists; each record names the
-- code-list versions it was coded with (column coding, JSON object list id -> version). Free text is kept in
-- columns named *_note / *_description / place_* so that projections for analysts can leave it out.
create table case_record (
    id                     uuid primary key,
    country                varchar(3)   not null,
    owning_institution     varchar(64)  not null,
    entered_by_institution varchar(64)  not null,
    entry_mode             varchar(16)  not null check (entry_mode in ('DIRECT', 'ON_BEHALF')),
    file_reference         varchar(128) not null,
    opened_on              date         not null,
    complaint_channel      varchar(64),
    investigation_types    varchar(64)[] not null default '{}',
    exploitation_forms     varchar(64)[] not null default '{}',
    flow_level             varchar(64),
    origin_country         varchar(3),
    transit_countries      varchar(3)[]  not null default '{}',
    destination_country    varchar(3),
    transport_modes        varchar(64)[] not null default '{}',
    area_type              varchar(64),
    related_offences       varchar(64)[] not null default '{}',
    place_description      text,
    legal_provision        varchar(255),
    linked_cases           uuid[]        not null default '{}',
    status                 varchar(16)  not null check (status in ('OPEN', 'CLOSED')),
    stage                  varchar(64)  not null,
    coding                 text         not null,
    created_at             timestamptz  not null,
    updated_at             timestamptz  not null,
    version                bigint       not null,
    unique (owning_institution, file_reference)
);
create index case_record_country_stage on case_record (country, stage);

create table victim (
    id                       uuid primary key,
    case_id                  uuid         not null references case_record (id),
    victim_key               uuid         not null,
    victim_ref               varchar(128),
    recorded_by_institution  varchar(64)  not null,
    sex                      varchar(64),
    age_at_exploitation      integer check (age_at_exploitation between 0 and 120),
    age_at_identification    integer check (age_at_identification between 0 and 120),
    age_range_min            integer check (age_range_min between 0 and 120),
    age_range_max            integer check (age_range_max between 0 and 120),
    minor                    boolean,
    nationality              varchar(3),
    residence_country        varchar(3),
    residence_region         varchar(255),
    ethnicity                varchar(64),
    disability               varchar(64),
    lgbti                    varchar(64),
    socio_economic_level     varchar(64),
    occupation               varchar(64),
    economic_sector          varchar(64),
    migration_status         varchar(64),
    exploitation_primary     varchar(64),
    exploitation_other       varchar(64)[] not null default '{}',
    recruitment_means        varchar(64)[] not null default '{}',
    exploitation_start       date,
    identification_date      date,
    identifying_institution  varchar(64),
    status                   varchar(64)  not null,
    status_decided_by        varchar(255),
    status_decided_by_institution varchar(64),
    status_decided_at        timestamptz,
    consent_scope            varchar(64)[] not null default '{}',
    situation_note           text,
    coding                   text         not null,
    created_at               timestamptz  not null,
    updated_at               timestamptz  not null,
    version                  bigint       not null,
    unique (recorded_by_institution, victim_ref)
);
create index victim_case on victim (case_id);
create index victim_identification on victim (identification_date);

-- Identity apart from statistics: every field is AES-GCM ciphertext (key id, nonce and tag inside the value).
create table victim_identity (
    victim_id       uuid primary key references victim (id),
    given_names     bytea,
    family_names    bytea,
    document_number bytea,
    date_of_birth   bytea,
    contact         bytea,
    key_id          varchar(32) not null,
    updated_at      timestamptz not null,
    version         bigint      not null
);

create table suspect (
    id                      uuid primary key,
    case_id                 uuid         not null references case_record (id),
    recorded_by_institution varchar(64)  not null,
    sex                     varchar(64),
    age                     integer check (age between 0 and 120),
    nationality             varchar(3),
    role                    varchar(64),
    organization_type       varchar(64),
    modus_operandi          varchar(64)[] not null default '{}',
    profile_note            text,
    coding                  text         not null,
    created_at              timestamptz  not null,
    updated_at              timestamptz  not null,
    version                 bigint       not null
);
create index suspect_case on suspect (case_id);

create table proceeding_event (
    id                      uuid primary key,
    case_id                 uuid         not null references case_record (id),
    type                    varchar(64)  not null,
    occurred_on             date         not null,
    institution             varchar(64)  not null,
    suspect_id              uuid references suspect (id),
    victim_id               uuid references victim (id),
    outcome                 varchar(64),
    sentence_months         integer check (sentence_months >= 0),
    amount                  numeric(18, 2) check (amount >= 0),
    currency                varchar(3),
    note                    text,
    coding                  text         not null,
    created_at              timestamptz  not null,
    version                 bigint       not null
);
create index proceeding_case on proceeding_event (case_id);

create table assistance_event (
    id                      uuid primary key,
    case_id                 uuid         not null references case_record (id),
    victim_id               uuid         not null references victim (id),
    type                    varchar(64)  not null,
    institution             varchar(64)  not null,
    provider_name           varchar(255),
    shelter_provider        varchar(64),
    shelter_type            varchar(64),
    women_only              boolean,
    with_children           boolean,
    started_on              date         not null,
    ended_on                date,
    risk_level              varchar(64),
    note                    text,
    coding                  text         not null,
    created_at              timestamptz  not null,
    version                 bigint       not null
);
create index assistance_case on assistance_event (case_id);

-- Sharing between institutions of one country, for a stated reason; revocable.
create table case_share (
    id           uuid primary key,
    case_id      uuid         not null references case_record (id),
    victim_id    uuid references victim (id),
    institution  varchar(64)  not null,
    rights       varchar(16)  not null check (rights in ('READ', 'CONTRIBUTE')),
    reason       varchar(500) not null,
    granted_by   varchar(255) not null,
    granted_at   timestamptz  not null,
    revoked_by   varchar(255),
    revoked_at   timestamptz,
    version      bigint       not null
);
create index case_share_institution on case_share (institution) where revoked_at is null;

-- Envers revisions of every audited table (rev -> revinfo: who, institution, country, request id, client).
create table case_record_aud (
    id uuid not null, rev bigint not null references revinfo (rev), revtype smallint,
    country varchar(3), owning_institution varchar(64), entered_by_institution varchar(64), entry_mode varchar(16),
    file_reference varchar(128), opened_on date, complaint_channel varchar(64), investigation_types varchar(64)[],
    exploitation_forms varchar(64)[], flow_level varchar(64), origin_country varchar(3), transit_countries varchar(3)[],
    destination_country varchar(3), transport_modes varchar(64)[], area_type varchar(64), related_offences varchar(64)[],
    place_description text, legal_provision varchar(255), linked_cases uuid[], status varchar(16), stage varchar(64),
    coding text,
    primary key (rev, id)
);
create table victim_aud (
    id uuid not null, rev bigint not null references revinfo (rev), revtype smallint,
    case_id uuid, victim_key uuid, victim_ref varchar(128), recorded_by_institution varchar(64), sex varchar(64),
    age_at_exploitation integer, age_at_identification integer, age_range_min integer, age_range_max integer,
    minor boolean, nationality varchar(3), residence_country varchar(3), residence_region varchar(255),
    ethnicity varchar(64), disability varchar(64), lgbti varchar(64), socio_economic_level varchar(64),
    occupation varchar(64), economic_sector varchar(64), migration_status varchar(64), exploitation_primary varchar(64),
    exploitation_other varchar(64)[], recruitment_means varchar(64)[], exploitation_start date,
    identification_date date, identifying_institution varchar(64), status varchar(64), status_decided_by varchar(255),
    status_decided_by_institution varchar(64), status_decided_at timestamptz, consent_scope varchar(64)[],
    situation_note text, coding text,
    primary key (rev, id)
);
create table victim_identity_aud (
    victim_id uuid not null, rev bigint not null references revinfo (rev), revtype smallint,
    given_names bytea, family_names bytea, document_number bytea, date_of_birth bytea, contact bytea,
    key_id varchar(32),
    primary key (rev, victim_id)
);
create table suspect_aud (
    id uuid not null, rev bigint not null references revinfo (rev), revtype smallint,
    case_id uuid, recorded_by_institution varchar(64), sex varchar(64), age integer, nationality varchar(3),
    role varchar(64), organization_type varchar(64), modus_operandi varchar(64)[], profile_note text, coding text,
    primary key (rev, id)
);
create table proceeding_event_aud (
    id uuid not null, rev bigint not null references revinfo (rev), revtype smallint,
    case_id uuid, type varchar(64), occurred_on date, institution varchar(64), suspect_id uuid, victim_id uuid,
    outcome varchar(64), sentence_months integer, amount numeric(18, 2), currency varchar(3), note text, coding text,
    primary key (rev, id)
);
create table assistance_event_aud (
    id uuid not null, rev bigint not null references revinfo (rev), revtype smallint,
    case_id uuid, victim_id uuid, type varchar(64), institution varchar(64), provider_name varchar(255),
    shelter_provider varchar(64), shelter_type varchar(64), women_only boolean, with_children boolean,
    started_on date, ended_on date, risk_level varchar(64), note text, coding text,
    primary key (rev, id)
);
create table case_share_aud (
    id uuid not null, rev bigint not null references revinfo (rev), revtype smallint,
    case_id uuid, victim_id uuid, institution varchar(64), rights varchar(16), reason varchar(500),
    granted_by varchar(255), granted_at timestamptz, revoked_by varchar(255), revoked_at timestamptz,
    primary key (rev, id)
);
