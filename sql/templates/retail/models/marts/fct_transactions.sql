-- Sales lines with the promotion that applied (if any) and the line's margin.
select
    t.transaction_id,
    t.order_id,
    t.line_number,
    t.order_date,
    t.store_id,
    o.customer_id,
    t.product_id,
    t.promo_id,
    t.discount_percent > 0 as is_promo_applied,
    t.quantity,
    t.unit_price,
    t.discount_percent,
    cast(t.quantity * t.unit_price as decimal(18, 2)) as gross_amount,
    t.line_total,
    cast(t.quantity * p.cost as decimal(18, 2)) as cost_amount,
    cast(t.line_total - t.quantity * p.cost as decimal(18, 2)) as margin_amount
from {{ ref('stg_transactions') }} as t
inner join {{ ref('stg_orders') }} as o on o.order_id = t.order_id
inner join {{ ref('stg_products') }} as p on p.product_id = t.product_id
