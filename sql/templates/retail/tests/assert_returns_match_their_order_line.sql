-- A return belongs to an existing order, returns one of that order's lines (same product), and
-- comes after the order.
select r.*
from {{ ref('stg_returns') }} as r
left join {{ ref('stg_orders') }} as o on o.order_id = r.order_id
left join {{ ref('stg_transactions') }} as t on t.transaction_id = r.transaction_id
where o.order_id is null
   or t.order_id is distinct from r.order_id
   or t.product_id is distinct from r.product_id
   or r.return_date <= o.order_date
   or r.order_date <> o.order_date
