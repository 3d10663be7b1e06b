-- Whether an answer cites any of the sources it was given (issue 17): false marks an unverified
-- answer for curators. Answers recorded before the check count as grounded.
alter table exchanges add column grounded boolean default true not null;
