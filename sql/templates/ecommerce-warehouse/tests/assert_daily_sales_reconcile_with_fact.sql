-- The daily aggregate adds up to the fact table's revenue lines, to the cent.
with fact as (
    select coalesce(sum(net_amount), 0) as net_revenue, coalesce(sum(quantity), 0) as units
    from {{ ref('fact_sales') }}
    where is_revenue
),

daily as (
    select sum(net_revenue) as net_revenue, sum(units_sold) as units
    from {{ ref('agg_daily_sales') }}
)

select *
from fact
cross join daily
where fact.net_revenue <> daily.net_revenue or fact.units <> daily.units
