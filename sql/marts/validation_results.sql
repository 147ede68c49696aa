-- grain: one row per validation rule broken by a source row; errors reject the row, warnings keep it
-- depends on: intermediate.int_validation_results
select
    rule_id,
    severity,
    description_en,
    description_fr,
    detail,
    source_family,
    source_file,
    source_line,
    run_id,
    delivery_sha256
from intermediate.int_validation_results

-- test: every broken rule has a severity (error or warning), a description and its source row
select * from marts.validation_results
where severity not in ('error', 'warning') or source_file is null or source_line is null or description_en is null

-- test: every row of intermediate.int_validation_results is here
select rule_id, source_file, source_line, delivery_sha256 from intermediate.int_validation_results
except all
select rule_id, source_file, source_line, delivery_sha256 from marts.validation_results
