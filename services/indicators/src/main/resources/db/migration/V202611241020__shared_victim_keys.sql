-- Records whose victim key more than one record carries: only these need de-duplication when persons are counted
-- (see StatisticalStore.markSharedKey). Never cleared, so a stale flag costs a sort, never a wrong count.
alter table stat_victim add column shared_key boolean not null default false;
update stat_victim v set shared_key = true
where exists (select 1 from stat_victim o where o.victim_key = v.victim_key and o.victim_id <> v.victim_id);
