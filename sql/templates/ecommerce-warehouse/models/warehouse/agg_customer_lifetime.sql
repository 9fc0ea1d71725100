-- warehouse.agg_customer_lifetime: lifetime value per customer (revenue lines), with their current city.
with orders as (
    select
        customer_id,
        count(distinct transaction_id) as transactions,
        sum(quantity) as units,
        sum(net_amount) as revenue,
        sum(profit_amount) as profit,
        min(transaction_date) as first_purchase_date,
        max(transaction_date) as last_purchase_date
    from {{ ref('fact_sales') }}
    where is_revenue
    group by customer_id
),

customers as (
    select
        c.customer_id,
        c.full_name,
        c.city,
        c.state,
        c.customer_segment,
        coalesce(o.transactions, 0) as transactions,
        coalesce(o.units, 0) as units,
        cast(coalesce(o.revenue, 0) as decimal(18, 2)) as lifetime_revenue,
        cast(coalesce(o.profit, 0) as decimal(18, 2)) as lifetime_profit,
        cast(coalesce(o.revenue / nullif(o.transactions, 0), 0) as decimal(18, 2)) as avg_order_value,
        o.first_purchase_date,
        o.last_purchase_date,
        coalesce(o.last_purchase_date - o.first_purchase_date, 0) as customer_lifetime_days
    from {{ ref('dim_customers') }} as c
    left join orders as o on o.customer_id = c.customer_id
    where c.is_current
)

select
    *,
    case
        when transactions = 0 then 'none'
        else ['bronze', 'silver', 'gold', 'platinum'][ntile(4) over (partition by transactions > 0 order by lifetime_revenue)]
    end as value_tier
from customers
