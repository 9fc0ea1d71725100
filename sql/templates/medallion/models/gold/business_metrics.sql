{{ config(materialized='table') }}
-- Gold: the daily business metrics a BI dashboard reads, over every day with events.
with daily as (
    select
        DATE(event_timestamp) as activity_date,
        count(*) as total_events,
        count(distinct user_id) as daily_active_users,
        count(*) filter (where event_type = 'view') as views,
        count(*) filter (where event_type = 'click') as clicks,
        count(*) filter (where event_type = 'purchase') as purchases,
        count(*) filter (where event_type = 'signup') as signups,
        count(distinct user_id) filter (where event_type = 'purchase') as purchasers,
        coalesce(sum(cast(properties ->> 'order_value' as decimal(12, 2))) filter (where event_type = 'purchase'), 0) as revenue
    from {{ ref('silver_events') }}
    group by DATE(event_timestamp)
)

select
    activity_date,
    total_events,
    daily_active_users,
    views,
    clicks,
    purchases,
    signups,
    revenue,
    round(clicks / nullif(views, 0), 4) as click_through_rate,
    round(purchasers / nullif(daily_active_users, 0), 4) as purchase_conversion_rate,
    round(revenue / nullif(purchases, 0), 2) as average_order_value,
    round(total_events / nullif(daily_active_users, 0), 2) as events_per_active_user,
    round(avg(daily_active_users) over (order by activity_date rows between 6 preceding and current row), 1) as dau_7d_avg,
    sum(revenue) over (order by activity_date rows between unbounded preceding and current row) as cumulative_revenue
from daily
