{#-
  Layers live in schemas named staging, intermediate and marts outright, so a
  custom schema is used as written instead of dbt's default `<target schema>_<custom>`.
-#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
