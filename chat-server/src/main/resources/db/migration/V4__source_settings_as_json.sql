-- A source's kind-specific settings become one JSON object, so that a new kind of source needs no new
-- column. The columns of the built-in kinds move into it, each only for the kinds that read it; name, kind,
-- link, groups, schedule and origin stay columns, as every kind has them. Plain SQL, for H2 and PostgreSQL:
-- JSON strings are escaped (backslash, then quote), and the excludes, one glob per line, become an array.

alter table sources add column settings varchar(100000) not null default '{}';

update sources set settings = '{' || trim(leading ',' from
        coalesce(',"url":"' || replace(replace(case when kind in ('git', 'mediawiki') then url end, '\', '\\'), '"', '\"') || '"', '')
     || coalesce(',"path":"' || replace(replace(path, '\', '\\'), '"', '\"') || '"', '')
     || coalesce(',"branch":"' || replace(replace(case when kind = 'git' then branch end, '\', '\\'), '"', '\"') || '"', '')
     || coalesce(',"tokenEnv":"' || replace(replace(case when kind in ('git', 'mediawiki') then token_env end, '\', '\\'), '"', '\"') || '"', '')
     || case when kind = 'git' and excludes <> ''
             then ',"excludes":["' || replace(replace(replace(excludes, '\', '\\'), '"', '\"'), '
', '","') || '"]'
             else '' end
    ) || '}';

alter table sources drop column path;
alter table sources drop column url;
alter table sources drop column branch;
alter table sources drop column token_env;
alter table sources drop column excludes;
