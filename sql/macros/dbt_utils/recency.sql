{#- dbt_utils.recency: fails (one row) when the newest value of `field` is older than `interval` `datepart`s ago, or there is none. -#}
{% test recency(model, field, datepart, interval, ignore_time_component=false, group_by_columns=[]) %}
{%- set threshold = "cast(current_date as timestamp)" if ignore_time_component else "cast(now() as timestamp)" -%}
{%- set groups = group_by_columns | join(', ') -%}
with recency as (
    select
        {%- if groups %} {{ groups }},{% endif %}
        max(cast({{ field }} as timestamp)) as most_recent
    from {{ model }}
    {%- if groups %}
    group by {{ groups }}
    {%- endif %}
)

select
    {%- if groups %} {{ groups }},{% endif %}
    most_recent,
    {{ threshold }} - interval ({{ interval }}) {{ datepart }} as threshold
from recency
where most_recent < {{ threshold }} - interval ({{ interval }}) {{ datepart }}
    or most_recent is null
{% endtest %}
