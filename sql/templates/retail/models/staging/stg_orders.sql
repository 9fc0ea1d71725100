-- The generated orders as the document's process_orders step left them (totals and status included);
-- the marts recompute the totals from the lines and check they agree.
select
    order_id,
    customer_id,
    store_id,
    order_date,
    status,
    item_count,
    total_quantity,
    order_total,
    return_count
from {{ source('raw', 'orders') }}
