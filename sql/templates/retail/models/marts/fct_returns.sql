-- The document's generate_returns step, checked against the orders: each return with the line it
-- returns and how long after the order it came.
select
    r.return_id,
    r.order_id,
    r.transaction_id,
    r.product_id,
    o.customer_id,
    o.store_id,
    o.order_date,
    r.return_date,
    r.return_date - o.order_date as days_to_return,
    r.quantity_returned,
    t.quantity as quantity_ordered,
    r.refund_amount,
    t.line_total,
    r.reason
from {{ ref('stg_returns') }} as r
inner join {{ ref('stg_orders') }} as o on o.order_id = r.order_id
inner join {{ ref('stg_transactions') }} as t on t.transaction_id = r.transaction_id
