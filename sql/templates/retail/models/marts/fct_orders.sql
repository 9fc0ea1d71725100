-- The document's process_orders step: raw orders merged with the totals aggregated from their
-- transactions, with the status and the return figures.
with returns as (
    select
        order_id,
        count(*) as returns,
        sum(quantity_returned) as units_returned,
        sum(refund_amount) as refund_amount
    from {{ ref('stg_returns') }}
    group by order_id
)

select
    o.order_id,
    o.customer_id,
    o.store_id,
    o.order_date,
    o.status,
    o.status in {{ in_list(var('sales_statuses')) }} as is_sale,
    coalesce(a.item_count, 0) as item_count,
    coalesce(a.total_quantity, 0) as total_quantity,
    coalesce(a.gross_amount, 0) as gross_amount,
    coalesce(a.discount_amount, 0) as discount_amount,
    coalesce(a.order_total, 0) as order_total,
    coalesce(a.discounted_lines, 0) as discounted_lines,
    coalesce(r.returns, 0) as returns,
    coalesce(r.units_returned, 0) as units_returned,
    cast(coalesce(r.refund_amount, 0) as decimal(18, 2)) as refund_amount,
    cast(coalesce(a.order_total, 0) - coalesce(r.refund_amount, 0) as decimal(18, 2)) as net_order_total
from {{ ref('stg_orders') }} as o
left join {{ ref('int_order_aggregates') }} as a on a.order_id = o.order_id
left join returns as r on r.order_id = o.order_id
