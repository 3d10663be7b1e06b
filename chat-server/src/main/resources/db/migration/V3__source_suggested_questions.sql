-- Questions a source suggests to newcomers on the empty chat page, one per line.
alter table sources add column suggested_questions varchar(20000) not null default '';
