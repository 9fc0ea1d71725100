{#- A SQL IN list of string literals from a var: ('a', 'b'). -#}
{% macro in_list(values) -%}
    ({% for v in values %}'{{ v | replace("'", "''") }}'{% if not loop.last %}, {% endif %}{% endfor %})
{%- endmacro %}
