{#- dbt_utils.expression_is_true: rows for which the expression (on column_name, if given) is not true. -#}
{% test expression_is_true(model, expression, column_name=none) %}
with meet_condition as (
    select * from {{ model }}
),

validation_errors as (
    select *
    from meet_condition
    {%- if column_name is none %}
    where not({{ expression }})
    {%- else %}
    where not({{ column_name }} {{ expression }})
    {%- endif %}
)

select *
from validation_errors
{% endtest %}
