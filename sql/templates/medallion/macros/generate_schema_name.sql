{#- Custom schemas are used as they are (bronze, silver, gold), not prefixed
    with the target schema, so each layer of the medallion has its own schema. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
  {%- if custom_schema_name is none -%}
    {{ target.schema }}
  {%- else -%}
    {{ custom_schema_name | trim }}
  {%- endif -%}
{%- endmacro %}
