{#-
  A payment method as one of the accepted codes (var payment_methods): case, blanks and stray
  characters are forgiven; anything still unknown, and NULL, becomes 'unknown'.
-#}
{% macro normalize_payment_method(column) -%}
    {%- set cleaned = "lower(regexp_replace(" ~ column ~ ", '[^A-Za-z_]', '', 'g'))" -%}
    case
        when {{ cleaned }} in ({% for m in var('payment_methods') %}'{{ m }}'{% if not loop.last %}, {% endif %}{% endfor %}) then {{ cleaned }}
        else 'unknown'
    end
{%- endmacro %}
