-- Customers with their lifetime figures (sales orders only).
with orders as (
    select
        customer_id,
        count(*) as orders,
        sum(order_total) as lifetime_value,
        min(order_date) as first_order_date,
        max(order_date) as last_order_date
    from {{ ref('fct_orders') }}
    where is_sale
    group by customer_id
)

select
    c.customer_id,
    c.first_name,
    c.last_name,
    c.full_name,
    c.email,
    c.phone,
    c.address,
    c.city,
    c.state,
    c.zip_code,
    c.loyalty_status,
    coalesce(o.orders, 0) as orders,
    cast(coalesce(o.lifetime_value, 0) as decimal(18, 2)) as lifetime_value,
    o.first_order_date,
    o.last_order_date
from {{ ref('stg_customers') }} as c
left join orders as o on o.customer_id = c.customer_id
