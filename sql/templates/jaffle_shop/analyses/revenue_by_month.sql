select date_trunc('month', order_date) as month, sum(amount) as revenue
from {{ ref('orders') }}
group by 1
order by 1
