{#- An ISO 8601 string with any UTC offset (Z, +05:30, -08:00) as a plain UTC TIMESTAMP, or NULL
    when it does not parse. Through epoch microseconds, so the session's TimeZone never matters. -#}
{% macro to_utc(column) -%}
  make_timestamp(epoch_us(try_cast(trim({{ column }}) as timestamptz)))
{%- endmacro %}
