{#- One row of the validation report: how many rows of `relation` fail `failing_when`, against
    the share of failures the check allows. -#}
{% macro validation_check(check_name, relation, table_name, column_name, failing_when, max_failure_rate=0) -%}
  select
      '{{ check_name }}' as check_name,
      '{{ table_name }}' as table_name,
      '{{ column_name }}' as column_name,
      count(*) filter (where {{ failing_when }}) as failing_rows,
      count(*) as total_rows,
      cast({{ max_failure_rate }} as double) as max_failure_rate
  from {{ relation }}
{%- endmacro %}
