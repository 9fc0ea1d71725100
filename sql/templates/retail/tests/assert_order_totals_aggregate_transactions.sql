-- Order totals equal the sum of their transactions: as generated (stg_orders) and as the marts
-- recompute them (fct_orders), and both agree with int_order_aggregates.
select o.order_id, o.order_total as generated_total, a.order_total as aggregated_total, f.order_total as mart_total
from {{ ref('stg_orders') }} as o
left join {{ ref('int_order_aggregates') }} as a on a.order_id = o.order_id
left join {{ ref('fct_orders') }} as f on f.order_id = o.order_id
where o.order_total is distinct from coalesce(a.order_total, 0)
   or f.order_total is distinct from coalesce(a.order_total, 0)
   or o.item_count is distinct from coalesce(a.item_count, 0)
