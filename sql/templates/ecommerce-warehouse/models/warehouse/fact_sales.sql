-- warehouse.fact_sales: one row per valid order line, with the keys of every dimension. Customer
-- and product join the version that was valid on the order date (as-of join on the SCD2 windows).
with customer_versions as (
    select
        customer_sk,
        customer_id,
        {{ scd2_join_from('version', 'valid_from') }} as join_from,
        {{ scd2_join_to('valid_to') }} as join_to
    from {{ ref('dim_customers') }}
),

product_versions as (
    select
        product_sk,
        product_id,
        cost,
        {{ scd2_join_from('version', 'valid_from') }} as join_from,
        {{ scd2_join_to('valid_to') }} as join_to
    from {{ ref('dim_products') }}
)

select
    i.item_id as sales_line_id,
    i.transaction_id,
    i.line_number,
    d.date_sk,
    c.customer_sk,
    p.product_sk,
    pm.payment_method_sk,
    t.customer_id,
    i.product_id,
    t.transaction_date,
    t.channel,
    t.status,
    t.status in ({% for s in var('revenue_statuses') %}'{{ s }}'{% if not loop.last %}, {% endif %}{% endfor %}) as is_revenue,
    i.quantity,
    i.unit_price,
    i.discount_percent,
    cast(i.quantity * i.unit_price as decimal(18, 2)) as gross_amount,
    cast(i.quantity * i.unit_price - i.line_total as decimal(18, 2)) as discount_amount,
    i.line_total as net_amount,
    cast(i.quantity * p.cost as decimal(18, 2)) as cost_amount,
    cast(i.line_total - i.quantity * p.cost as decimal(18, 2)) as profit_amount
from {{ ref('prod_transaction_items') }} as i
inner join {{ ref('prod_transactions') }} as t on t.transaction_id = i.transaction_id
left join {{ ref('dim_date') }} as d on d.date_day = t.transaction_date
left join customer_versions as c
    on c.customer_id = t.customer_id
    and cast(t.transaction_date as timestamp) >= c.join_from
    and cast(t.transaction_date as timestamp) < c.join_to
left join product_versions as p
    on p.product_id = i.product_id
    and cast(t.transaction_date as timestamp) >= p.join_from
    and cast(t.transaction_date as timestamp) < p.join_to
left join {{ ref('dim_payment_method') }} as pm on pm.payment_method = t.payment_method
-- Stored in date order: DuckDB's zone maps then skip row groups on date filters, the role the
-- document gives a clustered index on date_sk.
order by d.date_sk, i.item_id
