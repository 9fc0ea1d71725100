-- warehouse.agg_daily_sales: revenue per day (lines of completed and pending orders), for the KPI and trend dashboards.
select
    d.date_sk,
    d.date_day,
    d.year,
    d.month,
    d.day_name,
    d.is_weekend,
    count(distinct f.transaction_id) as transactions,
    count(distinct f.customer_id) as customers,
    count(f.sales_line_id) as line_items,
    coalesce(sum(f.quantity), 0) as units_sold,
    cast(coalesce(sum(f.gross_amount), 0) as decimal(18, 2)) as gross_revenue,
    cast(coalesce(sum(f.discount_amount), 0) as decimal(18, 2)) as discounts,
    cast(coalesce(sum(f.net_amount), 0) as decimal(18, 2)) as net_revenue,
    cast(coalesce(sum(f.cost_amount), 0) as decimal(18, 2)) as cost,
    cast(coalesce(sum(f.profit_amount), 0) as decimal(18, 2)) as profit,
    cast(coalesce(sum(f.net_amount) / nullif(count(distinct f.transaction_id), 0), 0) as decimal(18, 2)) as avg_order_value
from {{ ref('dim_date') }} as d
left join {{ ref('fact_sales') }} as f on f.date_sk = d.date_sk and f.is_revenue
group by all
