{#- dbt_utils.equal_rowcount: one row when the two relations have different row counts; failures = the difference. -#}
{% test equal_rowcount(model, compare_model) %}
{{ config(fail_calc = 'sum(coalesce(diff_count, 0))') }}
with a as (
    select count(*) as count_a from {{ model }}
),

b as (
    select count(*) as count_b from {{ compare_model }}
),

final as (
    select
        count_a,
        count_b,
        abs(count_a - count_b) as diff_count
    from a
    cross join b
)

select *
from final
where diff_count > 0
{% endtest %}
