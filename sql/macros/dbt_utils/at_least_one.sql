{#- dbt_utils.at_least_one: fails (one row) when the column holds no non-null value at all. -#}
{% test at_least_one(model, column_name) %}
select *
from (
    select count({{ column_name }}) as filler_column
    from {{ model }}
) validation
where filler_column = 0
{% endtest %}
