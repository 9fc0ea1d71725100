{#- The last day of the gold activity window, from the var `activity_as_of`. -#}
{% macro activity_as_of(events) -%}
  {%- set v = var('activity_as_of', 'latest') -%}
  {%- if v == 'latest' -%}
    (select max(event_timestamp)::date from {{ events }})
  {%- elif v == 'today' -%}
    CURRENT_DATE
  {%- else -%}
    DATE '{{ v }}'
  {%- endif -%}
{%- endmacro %}
