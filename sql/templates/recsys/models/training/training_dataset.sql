{{ config(post_hook="{{ export_to_lake(this, 'training_dataset', ['year', 'month', 'day']) }}") }}
-- The model-ready dataset: one row per cleaned interaction with its split, the interaction
-- features and the user and item features it joins to. The post-hook writes it to
-- data_lake/training_dataset/year=YYYY/month=MM/day=DD/ as Snappy Parquet.
select
    x.interaction_id,
    x.split,
    x.user_id,
    x.product_id,
    x.session_id,
    x.event_ts,
    x.interaction_type,
    x.is_purchase,
    x.rating,
    x.device_type,
    x.page_context,
    x.user_item_affinity,
    x.category_match,
    x.price_match,
    x.time_of_day,
    x.day_of_week,
    x.session_position,
    u.total_interactions as user_total_interactions,
    u.total_purchases as user_total_purchases,
    u.avg_session_duration as user_avg_session_duration,
    u.recency_days as user_recency_days,
    u.frequency_score as user_frequency_score,
    u.monetary_value as user_monetary_value,
    u.diversity_score as user_diversity_score,
    i.popularity_score as item_popularity_score,
    i.conversion_rate as item_conversion_rate,
    i.avg_rating as item_avg_rating,
    i.price_percentile as item_price_percentile,
    i.recency_score as item_recency_score,
    i.category_popularity as item_category_popularity,
    i.trending_score as item_trending_score,
    strftime(x.event_ts, '%Y') as year,
    strftime(x.event_ts, '%m') as month,
    strftime(x.event_ts, '%d') as day
from {{ ref('interaction_features') }} x
join {{ ref('user_features') }} u on u.user_id = x.user_id
join {{ ref('item_features') }} i on i.product_id = x.product_id
