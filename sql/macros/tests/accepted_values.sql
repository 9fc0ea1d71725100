{#- One failing row per unexpected value, with how many rows hold it (n_records). Nulls are not checked, as in dbt. -#}
{% test accepted_values(model, column_name, values, quote=true) %}
with all_values as (
    select
        {{ column_name }} as value_field,
        count(*) as n_records
    from {{ model }}
    group by {{ column_name }}
)
select *
from all_values
where value_field not in (
    {%- for value in values -%}
        {%- if quote %}'{{ value | replace("'", "''") }}'{% else %}{{ value }}{% endif -%}
        {%- if not loop.last %}, {% endif -%}
    {%- endfor -%}
)
{% endtest %}
