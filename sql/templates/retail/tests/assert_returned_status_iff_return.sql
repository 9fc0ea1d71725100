-- Statuses are assigned after the returns: an order is 'returned' exactly when it has a return.
select o.order_id, o.status, o.returns
from {{ ref('fct_orders') }} as o
where (o.status = 'returned') <> (o.returns > 0)
