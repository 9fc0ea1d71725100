-- Product popularity and engagement features (the document's list), from the training period
-- only, as of its last event.
{% set window = var('trending_window_days') %}
with train as (
    select i.*
    from {{ ref('clean_interactions') }} i
    join {{ ref('interaction_split') }} s using (interaction_id)
    where s.split = 'train'
),

cutoff as (
    select max(event_ts) as as_of, min(event_ts) as since from train
),

engagement as (
    select
        product_id,
        count(*) filter (where interaction_type = 'view') as views,
        count(*) filter (where interaction_type = 'add_to_cart') as add_to_carts,
        count(*) filter (where interaction_type = 'purchase') as purchases,
        avg(rating) as avg_rating,
        count(rating) as ratings,
        max(event_ts) filter (where interaction_type = 'purchase') as last_purchase_ts,
        count(*) filter (where interaction_type = 'view' and event_ts > (select as_of from cutoff) - interval {{ window }} day) as recent_views,
        count(*) filter (where interaction_type = 'view' and event_ts <= (select as_of from cutoff) - interval {{ window }} day) as earlier_views
    from train
    group by product_id
),

category_views as (
    select category, count(*) filter (where interaction_type = 'view') as category_view_count
    from train
    group by category
),

products as (
    select
        p.*,
        coalesce(e.views, 0) as views,
        coalesce(e.add_to_carts, 0) as add_to_carts,
        coalesce(e.purchases, 0) as purchases,
        e.avg_rating,
        coalesce(e.ratings, 0) as ratings,
        e.last_purchase_ts,
        coalesce(e.recent_views, 0) as recent_views,
        coalesce(e.earlier_views, 0) as earlier_views
    from {{ ref('clean_products') }} p
    left join engagement e on e.product_id = p.product_id
)

select
    p.product_id,
    p.category,
    p.subcategory,
    p.brand,
    p.price,
    p.views,
    p.add_to_carts,
    p.purchases,
    -- views per day since the product was created
    round(p.views / greatest(epoch(c.as_of - p.created_at) / 86400.0, 1.0), 6) as popularity_score,
    round(p.purchases / nullif(p.views, 0), 6) as conversion_rate,
    round(p.avg_rating, 3) as avg_rating,
    p.ratings,
    round(percent_rank() over (partition by p.category order by p.price), 6) as price_percentile,
    -- 1 / (days since the last purchase + 1); 0 for a product never bought
    coalesce(round(1.0 / (date_diff('day', p.last_purchase_ts, c.as_of) + 1), 6), 0) as recency_score,
    round(coalesce(cv.category_view_count, 0) / nullif(sum(p.views) over (), 0), 6) as category_popularity,
    -- views in the last window against the average views per window before it
    round(p.recent_views / nullif(p.earlier_views / nullif(greatest(epoch(c.as_of - c.since) / 86400.0 - {{ window }}, 1.0) / {{ window }}, 0), 0), 6) as trending_score,
    -- The one-hot category vector, in the users' category order: the item vector.
    [
        {%- for c in ['beauty', 'books', 'clothing', 'electronics', 'home', 'sports'] %}
        (p.category = '{{ c }}')::int::double{{ ',' if not loop.last }}
        {%- endfor %}
    ] as category_vector
from products p
cross join cutoff c
left join category_views cv on cv.category = p.category
