{#- dbt_utils.unique_combination_of_columns: one failing row per repeated combination, with n_records. -#}
{% test unique_combination_of_columns(model, combination_of_columns, quote_columns=false) %}
{%- set column_list = [] -%}
{%- for column in combination_of_columns -%}
    {%- do column_list.append(adapter.quote(column) if quote_columns else column) -%}
{%- endfor -%}
{%- set columns_csv = column_list | join(', ') %}
with validation_errors as (
    select
        {{ columns_csv }},
        count(*) as n_records
    from {{ model }}
    group by {{ columns_csv }}
    having count(*) > 1
)

select *
from validation_errors
{% endtest %}
