{#- Custom schemas are used as they are (staging, analytics, ml_features), not prefixed with the
    target schema, so the tables land where the seed document puts them. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
  {%- if custom_schema_name is none -%}
    {{ target.schema }}
  {%- else -%}
    {{ custom_schema_name | trim }}
  {%- endif -%}
{%- endmacro %}
