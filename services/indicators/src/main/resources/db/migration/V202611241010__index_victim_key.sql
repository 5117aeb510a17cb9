-- Persons are found by their stable victim key (presumed-only victims, assistance): index it.
create index stat_victim_key on stat_victim (victim_key);
