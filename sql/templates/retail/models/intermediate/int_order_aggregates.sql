-- The document's aggregate_transactions step: order totals computed from the transactions.
select
    order_id,
    count(*) as item_count,
    sum(quantity) as total_quantity,
    cast(sum(quantity * unit_price) as decimal(18, 2)) as gross_amount,
    cast(sum(quantity * unit_price) - sum(line_total) as decimal(18, 2)) as discount_amount,
    cast(sum(line_total) as decimal(18, 2)) as order_total,
    count(*) filter (where discount_percent > 0) as discounted_lines
from {{ ref('stg_transactions') }}
group by order_id
