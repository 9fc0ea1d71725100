{#- dbt_utils.not_empty_string: rows whose value is '' (after trimming, unless trim_whitespace=false). -#}
{% test not_empty_string(model, column_name, trim_whitespace=true) %}
select *
from {{ model }}
where {% if trim_whitespace %}trim({{ column_name }}){% else %}{{ column_name }}{% endif %} = ''
{% endtest %}
