-- warehouse.agg_product_sales: lifetime sales per product (revenue lines), named by its current version.
with sales as (
    select
        product_id,
        count(distinct transaction_id) as transactions,
        sum(quantity) as units_sold,
        sum(net_amount) as net_revenue,
        sum(profit_amount) as profit,
        min(transaction_date) as first_sale_date,
        max(transaction_date) as last_sale_date
    from {{ ref('fact_sales') }}
    where is_revenue
    group by product_id
)

select
    p.product_id,
    p.product_name,
    p.category,
    p.brand,
    p.price as current_price,
    coalesce(s.transactions, 0) as transactions,
    coalesce(s.units_sold, 0) as units_sold,
    cast(coalesce(s.net_revenue, 0) as decimal(18, 2)) as net_revenue,
    cast(coalesce(s.profit, 0) as decimal(18, 2)) as profit,
    s.first_sale_date,
    s.last_sale_date,
    rank() over (order by coalesce(s.net_revenue, 0) desc) as revenue_rank,
    rank() over (partition by p.category order by coalesce(s.net_revenue, 0) desc) as category_revenue_rank
from {{ ref('dim_products') }} as p
left join sales as s on s.product_id = p.product_id
where p.is_current
