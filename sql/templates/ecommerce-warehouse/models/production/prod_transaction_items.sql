{{ config(alias='transaction_items') }}
-- production.transaction_items: one row per valid order line. Rules of the pipeline document:
-- remove invalid quantities, validate the discount range, recalculate line totals; lines of
-- rejected orders and lines for unknown products go too (foreign keys enforced).
with lines as (
    select
        *,
        row_number() over (partition by item_id order by loaded_at desc) as copy_number
    from {{ ref('stg_transaction_items') }}
    where item_id is not null
)

select
    l.item_id,
    l.transaction_id,
    l.line_number,
    l.product_id,
    l.quantity,
    cast(coalesce(l.unit_price, p.price) as decimal(18, 2)) as unit_price,
    least(greatest(coalesce(l.discount_percent, 0), 0), {{ var('max_discount_percent') }}) as discount_percent,
    cast(round(
        l.quantity * coalesce(l.unit_price, p.price)
        * (1 - least(greatest(coalesce(l.discount_percent, 0), 0), {{ var('max_discount_percent') }}) / 100.0),
        2
    ) as decimal(18, 2)) as line_total,
    l.discount_percent is distinct from least(greatest(coalesce(l.discount_percent, 0), 0), {{ var('max_discount_percent') }}) as is_discount_clamped
from lines as l
inner join {{ ref('int_valid_transactions') }} as t on t.transaction_id = l.transaction_id
inner join {{ ref('prod_products') }} as p on p.product_id = l.product_id
where l.copy_number = 1
  and l.quantity >= 1
