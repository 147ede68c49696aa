-- Label keys, so that members' spellings meet the mapping tables of schemas/: the same
-- normalisation as the readers' (org.palabre.text.Labels.normalise): case, accents, apostrophes,
-- underscores, hyphens and runs of spaces do not matter ("Personnes rencontrées",
-- "personnes_rencontrees" and " PERSONNES  Rencontrees " are all "personnes rencontrees").
create or replace macro label_key(s) as
    trim(regexp_replace(
        replace(lower(replace(replace(replace(replace(replace(strip_accents(s), 'ß', 's'), 'æ', 'a'), 'œ', 'o'), 'Œ', 'O'), 'Æ', 'A')),
            'ς', 'σ'),
        '[^\p{L}\p{N}+#]+', ' ', 'g'));

-- A lowercase code made of letters, digits and hyphens, for the member code of an organisation
-- that is not in the mappings yet (org.palabre.text.Labels.slug).
create or replace macro label_slug(s) as
    replace(trim(replace(replace(label_key(s), '+', ' '), '#', ' ')), ' ', '-');

-- DHIS2 category option names as schemas/mappings/dhis2_category_options.csv matches them:
-- accents, case, spaces and underscores ignored ("60 ans et plus" = "60ansetplus").
create or replace macro option_key(s) as
    regexp_replace(lower(strip_accents(s)), '[\s_\x{00A0}]+', '', 'g');

-- A mapping line's optional validity date as written (yyyy-mm-dd): null when blank or not a date
-- (the crosswalk models' tests name the lines whose text is not one).
create or replace macro mapping_date(text) as
    try_cast(nullif(trim(text), '') as date);

-- True when a mapping line (valid_from, valid_to: its optional dates) applies to a figure of
-- the period starting on period_start; a figure without a period takes the lines without dates.
create or replace macro mapping_applies(valid_from, valid_to, period_start) as
    (valid_from is null or period_start >= valid_from) and (valid_to is null or period_start <= valid_to);

-- The id of a figure of the lake: its delivery, sheet, line and column already make the key, so
-- the figure tables carry those columns and only the published observation spells the id out.
create or replace macro figure_key(delivery_sha256, source_sheet, source_line, source_column) as
    delivery_sha256 || ':' || coalesce(source_sheet, '') || ':' || source_line || ':' || source_column;

-- The keys (delivery, sheet, line, column) that a table of figures, named as a string, gives more
-- than once, with how many times: the failing rows of the figure tables' key tests. In two steps: a
-- 64-bit hash of the key finds the keys that may repeat, then only those are grouped by the key
-- itself (at 10M rows, grouping 78M keys with their text took 20.7 s in staging, this 9.2 s).
create or replace macro figure_keys_given_twice(figures) as table
    with given_twice as (
        select hash(delivery_sha256, source_sheet, source_line, source_column) as key_hash
        from query_table(figures)
        group by all
        having count(*) > 1
    )
    select f.delivery_sha256, f.source_sheet, f.source_line, f.source_column, count(*) as n
    from query_table(figures) as f
    semi join given_twice as g on g.key_hash = hash(f.delivery_sha256, f.source_sheet, f.source_line, f.source_column)
    group by all
    having count(*) > 1;

-- A CSV cell as a CSV writer writes it: quoted when it holds a comma, a quote or a line break.
create or replace macro csv_quote(s) as
    case when regexp_matches(s, '[,"\n\r]') then '"' || replace(s, '"', '""') || '"' else s end;
