-- The validation report (the document's Stage 1 output): every check with its failing rows and
-- a status. `warn` means the data needs the cleaning stage; nothing here stops the pipeline.
with checks as (
    select check_name, table_name, column_name, failing_rows, total_rows, max_failure_rate from {{ ref('val_field_checks') }}
    union all
    select check_name, table_name, column_name, failing_rows, total_rows, max_failure_rate from {{ ref('val_referential_integrity') }}
    union all
    select check_name, table_name, column_name, failing_rows, total_rows, max_failure_rate from {{ ref('val_timestamp_order') }}
    union all
    select 'no_duplicate_keys', table_name, key_column, duplicate_rows, null, 0 from {{ ref('val_duplicates') }}
    union all
    select 'schema_compliance', table_name, string_agg(column_name || ' ' || status, ', ' order by column_name) filter (where status <> 'ok'),
           count(*) filter (where status <> 'ok'), count(*), 0
    from {{ ref('val_schema_compliance') }}
    group by table_name
)

select
    'stage_1_validation' as stage,
    check_name,
    table_name,
    column_name,
    failing_rows,
    total_rows,
    round(failing_rows / nullif(total_rows, 0), 6) as failure_rate,
    max_failure_rate,
    case when coalesce(failing_rows / nullif(total_rows, 0), failing_rows) <= max_failure_rate then 'pass' else 'warn' end as status
from checks
order by table_name, check_name
