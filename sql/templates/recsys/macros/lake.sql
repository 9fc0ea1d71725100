{#- The project's data_lake/ folder: the DuckDB file's folder (an absolute path in model-studio;
    dbt-duckdb keeps profiles' relative paths, which resolve against the project folder). -#}
{% macro lake_path(name) -%}
  {%- set db = target.path -%}
  {{ db.rsplit('/', 1)[0] if '/' in db else '.' }}/data_lake/{{ name }}
{%- endmacro %}

{#- Writes a relation to data_lake/<name>/year=YYYY/month=MM/day=DD/*.parquet (Snappy, the
    document's processed-data format), replacing what an earlier build wrote there. -#}
{% macro export_to_lake(relation, name, partition_by) -%}
  copy (select * from {{ relation }})
  to '{{ lake_path(name) }}'
  (format parquet, compression snappy, partition_by ({{ partition_by | join(', ') }}), overwrite)
{%- endmacro %}
