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
