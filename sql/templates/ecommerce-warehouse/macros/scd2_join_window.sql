{#-
  The validity window a fact row joins an SCD Type 2 dimension on. The first version of a record
  is stretched back to the beginning of time: the snapshot only starts watching when the record
  was last updated, and sales made before that belong to that first version all the same.
-#}
{% macro scd2_join_from(version_column, valid_from_column) -%}
    case when {{ version_column }} = 1 then timestamp '-infinity' else {{ valid_from_column }} end
{%- endmacro %}

{% macro scd2_join_to(valid_to_column) -%}
    coalesce({{ valid_to_column }}, timestamp 'infinity')
{%- endmacro %}
