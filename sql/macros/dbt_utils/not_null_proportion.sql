{#- dbt_utils.not_null_proportion: fails (one row) when the share of non-null values is outside [at_least, at_most]. -#}
{% test not_null_proportion(model, column_name, at_least, at_most=1.0) %}
with validation as (
    select
        sum(case when {{ column_name }} is null then 0 else 1 end) / cast(count(*) as double) as not_null_proportion
    from {{ model }}
),

validation_errors as (
    select not_null_proportion
    from validation
    where not_null_proportion < {{ at_least }} or not_null_proportion > {{ at_most }}
)

select *
from validation_errors
{% endtest %}
