-- Envers revisions, one per transaction that changes audited data: who (token subject and username), from which
-- institution and country, in which request, with which client, and from where (api, upload:<id>, shipped-data).
create sequence revinfo_seq start with 1 increment by 1;

create table revinfo (
    rev         bigint primary key,
    revtstmp    bigint       not null,
    user_id     varchar(64),
    username    varchar(255),
    institution varchar(64),
    country     varchar(3),
    request_id  varchar(64),
    client      varchar(255),
    origin      varchar(128)
);
