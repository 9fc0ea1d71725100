{#-
  A person's name as the production schema keeps it: surrounding blanks and stray characters
  removed, ALL-CAPS names turned into Capitalised ones, the first letter upper case, and
  'Unknown' when nothing is left. Mixed-case names (McDermott, O'Kon) are kept as they are.
-#}
{% macro standardize_name(column) -%}
    {%- set cleaned = "regexp_replace(trim(" ~ column ~ "), '[^A-Za-z'' -]', '', 'g')" -%}
    coalesce(
        nullif(
            case
                when {{ cleaned }} = upper({{ cleaned }}) then upper({{ cleaned }}[1]) || lower({{ cleaned }}[2:])
                else upper({{ cleaned }}[1]) || {{ cleaned }}[2:]
            end,
            ''
        ),
        'Unknown'
    )
{%- endmacro %}
