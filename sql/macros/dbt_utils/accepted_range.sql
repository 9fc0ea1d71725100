{#- dbt_utils.accepted_range: rows whose value falls outside [min_value, max_value] (bounds exclusive when inclusive=false). -#}
{% test accepted_range(model, column_name, min_value=none, max_value=none, inclusive=true) %}
with meet_condition as (
    select *
    from {{ model }}
),

validation_errors as (
    select *
    from meet_condition
    where
        -- never true: lets each bound below be added with `or`
        1 = 2
    {%- if min_value is not none %}
        or not {{ column_name }} >{{ "=" if inclusive }} {{ min_value }}
    {%- endif %}
    {%- if max_value is not none %}
        or not {{ column_name }} <{{ "=" if inclusive }} {{ max_value }}
    {%- endif %}
)

select *
from validation_errors
{% endtest %}
