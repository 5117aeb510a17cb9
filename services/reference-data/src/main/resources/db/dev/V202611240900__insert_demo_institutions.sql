-- Demo institutions (embedded mode only): the institutions of the demo accounts in infra/keycloak/tip-realm.json.
-- Fictitious contact data.
insert into institution (id, country, kind, name, parent_id, contact_email, contact_phone, active, created_at, updated_at, version)
values ('arg-comite', 'ARG', 'NATIONAL_COORDINATING_BODY', 'Comité Ejecutivo contra la Trata (demo)', null, 'comite@demo.tipis.example', null, true, now(), now(), 0),
       ('arg-pfa', 'ARG', 'POLICE', 'Policía Federal Argentina (demo)', null, 'pfa@demo.tipis.example', null, true, now(), now(), 0),
       ('arg-ngo-refugio', 'ARG', 'NGO', 'Refugio Esperanza ONG (demo)', null, 'refugio@demo.tipis.example', null, true, now(), now(), 0),
       ('arg-protex', 'ARG', 'PROSECUTOR', 'Procuraduría de Trata y Explotación de Personas (demo)', null, 'protex@demo.tipis.example', null, true, now(), now(), 0),
       ('arg-court-federal', 'ARG', 'COURT', 'Juzgado Federal (demo)', null, 'juzgado@demo.tipis.example', null, true, now(), now(), 0),
       ('bra-mjsp', 'BRA', 'NATIONAL_COORDINATING_BODY', 'Ministério da Justiça e Segurança Pública (demo)', null, 'mjsp@demo.tipis.example', null, true, now(), now(), 0),
       ('bra-pf', 'BRA', 'POLICE', 'Polícia Federal (demo)', null, 'pf@demo.tipis.example', null, true, now(), now(), 0),
       ('oas-regional', null, 'INTERNATIONAL_ORGANIZATION', 'OAS regional analysis (demo)', null, 'regional@demo.tipis.example', null, true, now(), now(), 0);
