-- Who cancelled an upload (POST /api/v1/uploads/{id}/cancel; null when nobody did), and the index of the list of an
-- institution's uploads, newest first (GET /api/v1/uploads).
alter table upload add column cancelled_by varchar(255);
create index upload_by_institution on upload (institution, created_at desc);
